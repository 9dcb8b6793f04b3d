// The typed database schema in camelCase (CamelCasePlugin maps it to the snake_case tables and columns the
// migrations create) and the public row shapes.
// JSON lives in TEXT columns and timestamps are ISO TEXT so the same schema runs on SQLite and PostgreSQL.
import type { Generated } from 'kysely';
import type { NoticeTables, PlatformTables, RoundTables } from './platform-types.js';
import type { MessageTables } from './message-types.js';
import type { TaskTables } from './task-types.js';

export type ScanStatus = 'running' | 'done' | 'aborted' | 'failed';

export interface SitesTable {
  id: Generated<number>;
  url: string;
  name: string;
  createdAt: string;
}

export interface ScansTable {
  id: Generated<number>;
  siteId: number;
  status: ScanStatus;
  startedAt: string;
  finishedAt: string | null;
  /** ScanConfig JSON as given to beginScan. */
  config: string;
  /** Who runs it: host, pid and a per-Store instance id, so reopening can tell a dead scan from a live one. */
  ownerHost: string;
  ownerPid: number;
  ownerInstance: string;
  heartbeatAt: string;
  /** 'interrupted' when a reopened store found the scan left running by a dead process. */
  abortReason: string | null;
  verdict: string | null;
  score: number | null;
  stats: string | null; // JSON
  /** The report JSON without its findings array (findings live in the findings table). */
  report: string | null;
  pageCount: Generated<number>;
  findingCount: Generated<number>;
}

export interface PagesTable {
  id: Generated<number>;
  scanId: number;
  url: string;
  status: number;
  outcome: string;
  ms: number;
  bytes: number;
  title: string;
  kind: string;
  pubDate: string | null;
  columnName: string | null;
  depth: number;
}

export interface BrokenLinksTable {
  id: Generated<number>;
  scanId: number;
  target: string;
  outcome: string;
  status: number;
  internal: number; // 0/1
  error: string | null;
  seenCount: number;
  seenOn: string; // JSON
}

export interface FindingsTable {
  id: Generated<number>;
  scanId: number;
  checkId: string;
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
  scanId: number;
  code: string;
  name: string;
  kind: string;
  triggered: number; // 0/1
  points: number;
  findings: number;
}

export interface BaselinesTable {
  id: Generated<number>;
  siteId: number;
  scanId: number;
  url: string;
  takenAt: string;
  title: string;
  bodyText: string;
  scriptSrcs: string; // JSON string[]
  iframeSrcs: string; // JSON string[]
}

export interface PageCacheTable {
  id: Generated<number>;
  siteId: number;
  url: string;
  etag: string | null;
  lastModified: string | null;
  /** PageFacts JSON, its repeated link runs named by id (page-cache.ts); on SQLite as UTF-16 bytes (a BLOB);
   *  older rows text, or Brotli in base64. */
  facts: string | Buffer;
  checkKey: string | null;
  /** The page check result JSON (findings, errors): plain when short, else compressed, base64. */
  checkResult: string | null;
  /** The scan that last stored the row (a reused row is not rewritten; pages gone are dropped by URL). */
  scanId: number;
  updatedAt: string;
}

/** Runs of links a site repeats on its pages (navigation, breadcrumb, footer), named in page_cache.facts. */
export interface PageCacheLinkRunsTable {
  siteId: number;
  id: string;
  /** LinkFact[] JSON. */
  links: string;
}

/** Attachments whose text a scan read, with the text check findings on them (attachment-cache.ts). */
export interface AttachmentCacheTable {
  id: Generated<number>;
  siteId: number;
  url: string;
  etag: string | null;
  lastModified: string | null;
  linkedFrom: string;
  checkKey: string;
  /** CheckFinding[] JSON. */
  findings: string;
  scanId: number;
  updatedAt: string;
}

/** Per site, the spam words found in the texts the last scan's site checks judged (spam-word-memo.ts). */
export interface SpamWordMemosTable {
  siteId: number;
  checkKey: string;
  /** JSON: text hash → distinct spam words. */
  words: string;
  scanId: number;
  updatedAt: string;
}

export interface Database extends PlatformTables, RoundTables, MessageTables, TaskTables, NoticeTables {
  pageCache: PageCacheTable;
  attachmentCache: AttachmentCacheTable;
  spamWordMemos: SpamWordMemosTable;
  pageCacheLinkRuns: PageCacheLinkRunsTable;
  sites: SitesTable;
  scans: ScansTable;
  pages: PagesTable;
  brokenLinks: BrokenLinksTable;
  findings: FindingsTable;
  indicatorResults: IndicatorResultsTable;
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
