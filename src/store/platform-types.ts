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
