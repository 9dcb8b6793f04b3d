// The typed database schema (snake_case, as stored) and the public row shapes (camelCase, as returned).
// JSON lives in TEXT columns and timestamps are ISO TEXT so the same schema runs on SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export type ScanStatus = 'running' | 'done' | 'aborted' | 'failed';

export interface SitesTable {
  id: Generated<number>;
  url: string;
  name: string;
  created_at: string;
}

export interface ScansTable {
  id: Generated<number>;
  site_id: number;
  status: ScanStatus;
  started_at: string;
  finished_at: string | null;
  /** ScanConfig JSON as given to beginScan. */
  config: string;
  /** Who runs it: host, pid and a per-Store instance id, so reopening can tell a dead scan from a live one. */
  owner_host: string;
  owner_pid: number;
  owner_instance: string;
  heartbeat_at: string;
  /** 'interrupted' when a reopened store found the scan left running by a dead process. */
  abort_reason: string | null;
  verdict: string | null;
  score: number | null;
  stats: string | null; // JSON
  /** The report JSON without its findings array (findings live in the findings table). */
  report: string | null;
  page_count: Generated<number>;
  finding_count: Generated<number>;
}

export interface PagesTable {
  id: Generated<number>;
  scan_id: number;
  url: string;
  status: number;
  outcome: string;
  ms: number;
  bytes: number;
  title: string;
  kind: string;
  pub_date: string | null;
  column_name: string | null;
  depth: number;
}

export interface BrokenLinksTable {
  id: Generated<number>;
  scan_id: number;
  target: string;
  outcome: string;
  status: number;
  internal: number; // 0/1
  error: string | null;
  seen_count: number;
  seen_on: string; // JSON
}

export interface FindingsTable {
  id: Generated<number>;
  scan_id: number;
  check_id: string;
  indicator: string;
  severity: string;
  url: string;
  target: string | null;
  evidence: string;
  message: string;
  detail: string; // JSON
  /** sha256 of check+url+target+evidence: the identity of a finding across scans. */
  fingerprint: string;
}

export interface IndicatorResultsTable {
  id: Generated<number>;
  scan_id: number;
  code: string;
  name: string;
  kind: string;
  triggered: number; // 0/1
  points: number;
  findings: number;
}

export interface BaselinesTable {
  id: Generated<number>;
  site_id: number;
  scan_id: number;
  url: string;
  taken_at: string;
  title: string;
  body_text: string;
  script_srcs: string; // JSON string[]
  iframe_srcs: string; // JSON string[]
}

export interface Database {
  sites: SitesTable;
  scans: ScansTable;
  pages: PagesTable;
  broken_links: BrokenLinksTable;
  findings: FindingsTable;
  indicator_results: IndicatorResultsTable;
  baselines: BaselinesTable;
}

/** One crawled page as kept in history. */
export interface PageRow {
  url: string;
  status: number;
  outcome: string;
  ms: number;
  bytes: number;
  title: string;
  kind: string;
  pubDate?: string;
  columnName?: string;
  depth: number;
}

export interface ScanSummaryRow {
  id: number;
  siteId: number;
  siteUrl: string;
  siteName: string;
  status: ScanStatus;
  /** True when the scan was found left 'running' by a dead process and marked 'aborted' on open. */
  interrupted: boolean;
  startedAt: string;
  finishedAt?: string;
  verdict?: 'qualified' | 'unqualified';
  score?: number;
  stats?: { pages: number; links: number; bytes: number; errors: number };
  /** Rows stored so far (pages table / findings table). */
  pageCount: number;
  findingCount: number;
}
