// Platform tables (migration 0002), in camelCase like the rest of the schema (CamelCasePlugin maps them).
import type { Generated } from 'kysely';

export const UNIT_TYPES = ['city-dept', 'county', 'park', 'direct', 'other'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const ROLES = ['supervisor', 'inspector', 'unit', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const WEBSITE_KINDS = ['portal', 'department'] as const;
export type WebsiteKind = (typeof WEBSITE_KINDS)[number];
export const PLATFORMS = ['wechat', 'weibo', 'douyin', 'toutiao', 'kuaishou', 'bilibili', 'app', 'other'] as const;
export type AccountPlatform = (typeof PLATFORMS)[number];
export const ACCOUNT_STATUSES = ['active', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  type: UnitType;
  parentId: number | null;
  code: string | null;
  contact: string | null;
  includeSubunits: number; // 0/1
  createdAt: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  passwordHash: string;
  disabled: number; // 0/1
  createdAt: string;
  passwordChangedAt: string;
  /** Where notifications are mailed (migration 0006); null: inbox only. */
  email: string | null;
}

export interface SessionsTable {
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  ip: string | null;
}

export interface WebsitesTable {
  id: Generated<number>;
  siteId: number;
  name: string;
  url: string;
  unitId: number;
  kind: WebsiteKind;
  siteCode: string;
  icp: string;
  subsites: string; // JSON string[]
  scheduleCron: string | null;
  maxPages: number;
  latestScanId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface AccountsTable {
  id: Generated<number>;
  platform: AccountPlatform;
  name: string;
  platformId: string;
  unitId: number;
  status: AccountStatus;
  createdAt: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  websiteId: number | null;
  trigger: string;
  status: JobStatus;
  progress: string; // JSON
  error: string | null;
  scanId: number | null;
  attempts: Generated<number>;
  owner: string | null;
  heartbeatAt: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface SettingsTable {
  key: string;
  value: string; // JSON
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null; // JSON
  after: string | null; // JSON
  ip: string | null;
}

/** One availability probe of a website's home page (migration 0004). */
export interface ProbesTable {
  id: Generated<number>;
  websiteId: number;
  at: string; // ISO, UTC
  ok: number; // 0/1
  status: number; // HTTP status, 0 when none arrived
  ms: number;
  error: string | null;
}

export interface PlatformTables {
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  websites: WebsitesTable;
  accounts: AccountsTable;
  jobs: JobsTable;
  settings: SettingsTable;
  auditLog: AuditLogTable;
  probes: ProbesTable;
}

// Monthly rounds (migration 0005).
export const ROUND_STATUSES = ['open', 'published'] as const;
export type RoundStatusValue = (typeof ROUND_STATUSES)[number];
export const REVIEW_DECISIONS = ['confirmed', 'dismissed'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const MANUAL_RESULTS = ['pass', 'fail', 'na'] as const;
export type ManualResultValue = (typeof MANUAL_RESULTS)[number];

export interface RoundsTable {
  id: Generated<number>;
  year: number;
  seq: number;
  month: string; // YYYY-MM
  title: string;
  scope: string; // JSON
  deadline: string | null;
  inspectors: string; // JSON number[]
  status: RoundStatusValue;
  catalogue: string;
  overlays: string; // JSON string[]
  cutoff: string;
  snapshot: string | null; // JSON RoundSnapshot, once published
  inputs: string | null; // JSON RoundInputs, once published
  publishedAt: string | null;
  publishedBy: number | null;
  createdAt: string;
  createdBy: number | null;
}

export interface RoundSitesTable {
  id: Generated<number>;
  roundId: number;
  websiteId: number;
  scanId: number | null;
  jobId: number | null;
  createdAt: string;
}

export interface RoundReviewsTable {
  id: Generated<number>;
  roundId: number;
  websiteId: number;
  fingerprint: string;
  decision: ReviewDecision;
  reason: string;
  byId: number | null;
  byName: string;
  at: string;
}

export interface RoundDismissalsTable {
  id: Generated<number>;
  websiteId: number;
  fingerprint: string;
  checkId: string;
  evidence: string;
  reason: string;
  roundId: number | null;
  byId: number | null;
  byName: string;
  at: string;
}

export interface RoundManualResultsTable {
  id: Generated<number>;
  roundId: number;
  websiteId: number;
  indicator: string;
  result: ManualResultValue;
  note: string;
  points: number | null;
  byId: number | null;
  byName: string;
  at: string;
}

export interface RoundEvidenceTable {
  id: Generated<number>;
  roundId: number;
  websiteId: number;
  indicator: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  data: Buffer;
  byId: number | null;
  byName: string;
  at: string;
}

export interface RoundTables {
  rounds: RoundsTable;
  roundSites: RoundSitesTable;
  roundReviews: RoundReviewsTable;
  roundDismissals: RoundDismissalsTable;
  roundManualResults: RoundManualResultsTable;
  roundEvidence: RoundEvidenceTable;
}

export interface NoticeDraftsTable {
  roundId: number;
  requirements: string; // JSON [{ heading, body }]
  docYear: number | null;
  docSeq: number | null;
  issuedOn: string | null; // YYYY-MM-DD
  updatedAt: string;
  updatedBy: number | null;
}

export interface NoticeTemplatesTable {
  id: Generated<number>;
  heading: string;
  body: string;
  createdAt: string;
  createdBy: number | null;
}

export interface NoticeTables {
  noticeDrafts: NoticeDraftsTable;
  noticeTemplates: NoticeTemplatesTable;
}
