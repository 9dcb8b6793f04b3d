// Shapes of the API's JSON (docs/api.md, /api/openapi.json). Only what the dashboard reads.
export type Role = 'supervisor' | 'inspector' | 'unit' | 'viewer';
export type Verdict = 'qualified' | 'unqualified';
export type VerdictFilter = Verdict | 'unscanned';
export type UnitType = 'city-dept' | 'county' | 'park' | 'direct' | 'other';
export type Platform = 'wechat' | 'weibo' | 'douyin' | 'toutiao' | 'kuaishou' | 'bilibili' | 'app' | 'other';
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export type Severity = 'veto' | 'major' | 'minor' | 'info';

export interface SessionUser {
  id: number; username: string; displayName: string; role: Role; unitId: number | null; unitName?: string | null;
}
export interface Session { user: SessionUser; csrfToken: string }

export interface Unit {
  id: number; name: string; type: UnitType; parentId: number | null; code?: string | null; contact?: string | null;
  includeSubunits: boolean;
}
export interface User {
  id: number; username: string; displayName: string; role: Role; unitId: number | null; unitName?: string | null;
  disabled: boolean;
  /** Where notifications are mailed; null: inbox only. */
  email?: string | null;
}
export interface ScanSummary {
  id: number; startedAt?: string | null; finishedAt: string | null; status: string; verdict: Verdict | null;
  score: number | null; findings: number;
}
export interface Website {
  id: number; name: string; url: string; unitId: number; unitName?: string; kind: 'portal' | 'department';
  siteCode: string; icp: string; subsites: string[]; scheduleCron: string | null; maxPages?: number;
  latestScan: ScanSummary | null;
}
export interface Account {
  id: number; platform: Platform; name: string; platformId: string; unitId: number; unitName?: string;
  status: 'active' | 'closed';
}
export interface Overview {
  websites: number; accounts: number; qualified: number; unqualified: number; unscanned: number; openFindings: number;
  trend: { date: string; avgScore: number | null; qualified: number; unqualified: number }[];
  worst: { websiteId: number; name: string; unitName: string; score: number | null; verdict: Verdict | null; openFindings: number }[];
}
export interface Finding {
  check: string; indicator: string; severity: Severity; url: string; target?: string; evidence: string; message: string;
  detail?: Record<string, unknown> & { advice?: string; linkedFrom?: string };
}
export interface IndicatorResult {
  code: string; name: string; kind: 'veto' | 'deduction' | 'bonus'; triggered: boolean; points: number; findings: number;
}
/** The coverage of checks in a report: which ran, which were skipped and why, which failed. The server's exact
 *  shape may be a record or a list; pages/scan normalise it (see utils/coverage.ts). */
export type Coverage = unknown;
export interface ScanReport {
  schema: string; site: { url: string; name: string }; startedAt: string; finishedAt: string;
  stats: { pages: number; links: number; bytes: number; errors: number };
  verdict: Verdict; score: number; indicators: IndicatorResult[]; findings: Finding[]; coverage?: Coverage;
}
export interface Job {
  id: number | string; kind: string; websiteId: number | null; status: JobStatus;
  progress?: { pages: number; queued: number; errors: number; phase?: string } | null; error?: string | null;
  createdAt?: string; startedAt?: string | null; finishedAt?: string | null; scanId?: number | null;
}
export interface AuditEntry {
  id: number; at: string; actor: string; action: string; entity: string; entityId: string | number | null;
  before: unknown; after: unknown; ip?: string | null;
}
export interface Settings {
  defaultScheduleCron: string; defaultMaxPages: number; overlays: string[];
  /** Availability probes per site and day (≥ 20) and the probe time limit (≥ 15,000 ms). */
  probesPerDay: number; probeTimeoutMs: number;
  /** 整改期限（工作日）, UNVERIFIED defaults 3 and 10. */
  taskVetoDays: number; taskDeductionDays: number;
  availableOverlays: string[];
  dictionaries: { name: string; version: string; entries: number }[];
}
export interface ImportRowError { row: number; column?: string; message: string }
export type InventoryKind = 'websites' | 'accounts' | 'units';
