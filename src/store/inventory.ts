// Inventory queries: units, users, websites, new-media accounts. Every function takes the caller's
// UnitScope and filters through it (scope.ts); every change writes its audit row in the same transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './types.js';
import type { AccountPlatform, AccountStatus, Role, UnitType, WebsiteKind } from './platform-types.js';
import { UnitScope } from './scope.js';
import { writeAudit } from './audit.js';
import { cleanText, fromJson, LIMITS, toJson } from './codec.js';
import { conflict, invalid, notFound } from './errors.js';
import { parseSiteUrl } from '../domain/index.js';

export interface Page {
  page: number;
  pageSize: number;
}
export interface Paged<T> {
  items: T[];
  total: number;
}

export interface Unit {
  id: number;
  name: string;
  type: UnitType;
  parentId: number | null;
  code: string | null;
  contact: string | null;
  includeSubunits: boolean;
}
export type UnitInput = Omit<Unit, 'id'>;

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  unitName: string | null;
  disabled: boolean;
  /** Where notifications are mailed; null: inbox only. */
  email: string | null;
}
export interface UserInput {
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  disabled?: boolean;
  email?: string | null;
}

export interface LatestScan {
  id: number;
  finishedAt: string | null;
  status: string;
  verdict: 'qualified' | 'unqualified' | null;
  score: number | null;
  findings: number;
}
export interface Website {
  id: number;
  siteId: number;
  name: string;
  url: string;
  unitId: number;
  unitName: string;
  kind: WebsiteKind;
  siteCode: string;
  icp: string;
  subsites: string[];
  scheduleCron: string | null;
  maxPages: number;
  latestScan: LatestScan | null;
}
export interface WebsiteInput {
  name: string;
  url: string;
  unitId: number;
  kind: WebsiteKind;
  siteCode?: string;
  icp?: string;
  subsites?: string[];
  scheduleCron?: string | null;
  maxPages?: number;
}
export interface WebsiteFilter extends Page {
  unitId?: number;
  verdict?: 'qualified' | 'unqualified' | 'unscanned';
  check?: string;
  q?: string;
}

export interface Account {
  id: number;
  platform: AccountPlatform;
  name: string;
  platformId: string;
  unitId: number;
  unitName: string;
  status: AccountStatus;
}
export type AccountInput = Omit<Account, 'id' | 'unitName'>;

const nowIso = () => new Date().toISOString();
type Db = Kysely<Database> | Transaction<Database>;
const clean = (s: string | null | undefined) => (s == null ? null : cleanText(s, LIMITS.short).trim());
const offset = (p: Page) => (p.page - 1) * p.pageSize;
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// ---------- units ----------

function toUnit(r: { id: number; name: string; type: UnitType; parentId: number | null; code: string | null; contact: string | null; includeSubunits: number }): Unit {
  return { id: r.id, name: r.name, type: r.type, parentId: r.parentId, code: r.code, contact: r.contact, includeSubunits: Boolean(r.includeSubunits) };
}

export async function listUnits(db: Db, scope: UnitScope): Promise<Unit[]> {
  const rows = await scope.filter(db.selectFrom('units').selectAll(), 'id').orderBy('id').execute();
  return rows.map(toUnit);
}

export async function getUnit(db: Db, scope: UnitScope, id: number): Promise<Unit> {
  const row = await scope.filter(db.selectFrom('units').selectAll().where('id', '=', id), 'id').executeTakeFirst();
  if (!row) throw notFound('单位');
  return toUnit(row);
}

async function assertNoCycle(db: Db, id: number, parentId: number | null): Promise<void> {
  let cursor = parentId;
  const seen = new Set<number>();
  while (cursor != null) {
    if (cursor === id) throw invalid('上级单位不能是本单位或其下级单位');
    if (seen.has(cursor)) break;
    seen.add(cursor);
    const row = await db.selectFrom('units').select('parentId').where('id', '=', cursor).executeTakeFirst();
    cursor = row?.parentId ?? null;
  }
}

export async function createUnit(db: Kysely<Database>, scope: UnitScope, input: UnitInput): Promise<Unit> {
  if (input.parentId != null) scope.assertUnit(input.parentId, '上级单位');
  return db.transaction().execute(async (trx) => createUnitIn(trx, scope, input));
}

export async function createUnitIn(trx: Transaction<Database>, scope: UnitScope, input: UnitInput): Promise<Unit> {
  if (input.parentId != null) await getUnit(trx, scope, input.parentId);
  const row = await trx
    .insertInto('units')
    .values({
      name: clean(input.name)!,
      type: input.type,
      parentId: input.parentId,
      code: clean(input.code),
      contact: clean(input.contact),
      includeSubunits: input.includeSubunits ? 1 : 0,
      createdAt: nowIso(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const unit = toUnit(row);
  await writeAudit(trx, scope.actor, 'create', 'unit', unit.id, null, unit);
  return unit;
}

export async function updateUnit(db: Kysely<Database>, scope: UnitScope, id: number, patch: Partial<UnitInput>): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    const before = await getUnit(trx, scope, id);
    if (patch.parentId !== undefined && patch.parentId !== null) {
      await getUnit(trx, scope, patch.parentId);
      await assertNoCycle(trx, id, patch.parentId);
    }
    const set: Record<string, unknown> = {};
    if (patch.name !== undefined) set.name = clean(patch.name);
    if (patch.type !== undefined) set.type = patch.type;
    if (patch.parentId !== undefined) set.parentId = patch.parentId;
    if (patch.code !== undefined) set.code = clean(patch.code);
    if (patch.contact !== undefined) set.contact = clean(patch.contact);
    if (patch.includeSubunits !== undefined) set.includeSubunits = patch.includeSubunits ? 1 : 0;
    if (Object.keys(set).length) await trx.updateTable('units').set(set).where('id', '=', id).execute();
    const after = await getUnit(trx, scope, id);
    await writeAudit(trx, scope.actor, 'update', 'unit', id, before, after);
    return after;
  });
}

export async function deleteUnit(db: Kysely<Database>, scope: UnitScope, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getUnit(trx, scope, id);
    const used = await Promise.all([
      trx.selectFrom('units').select('id').where('parentId', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('websites').select('id').where('unitId', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('accounts').select('id').where('unitId', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('users').select('id').where('unitId', '=', id).limit(1).executeTakeFirst(),
      // A website moved to another unit leaves its messages and tasks with this one: they are its record.
      trx.selectFrom('messages').select('id').where('unitId', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('tasks').select('id').where('unitId', '=', id).limit(1).executeTakeFirst(),
    ]);
    if (used.some(Boolean)) throw conflict('该单位下仍有下级单位、网站、新媒体账号、用户，或留言、整改任务记录，不能删除');
    await trx.deleteFrom('units').where('id', '=', id).execute();
    await writeAudit(trx, scope.actor, 'delete', 'unit', id, before, null);
  });
}

// ---------- users ----------

function userQuery(db: Db, scope: UnitScope) {
  const q = db
    .selectFrom('users as u')
    .leftJoin('units as n', 'n.id', 'u.unitId')
    .select(['u.id', 'u.username', 'u.displayName', 'u.role', 'u.unitId', 'n.name as unitName', 'u.disabled', 'u.email']);
  return scope.filter(q, 'u.unitId');
}

function toUser(r: { id: number; username: string; displayName: string; role: Role; unitId: number | null; unitName: string | null; disabled: number; email: string | null }): User {
  return { id: r.id, username: r.username, displayName: r.displayName, role: r.role, unitId: r.unitId, unitName: r.unitName ?? null, disabled: Boolean(r.disabled), email: r.email ?? null };
}

export async function listUsers(db: Db, scope: UnitScope, p: Page): Promise<Paged<User>> {
  const base = scope.filter(db.selectFrom('users as u'), 'u.unitId');
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await userQuery(db, scope).orderBy('u.id').limit(p.pageSize).offset(offset(p)).execute();
  return { items: rows.map(toUser), total: Number(total) };
}

export async function getUser(db: Db, scope: UnitScope, id: number): Promise<User> {
  const row = await userQuery(db, scope).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('用户');
  return toUser(row);
}

function checkUserUnit(role: Role, unitId: number | null): void {
  if (role === 'unit' && unitId == null) throw invalid('责任单位用户必须指定所属单位');
}

export async function createUser(db: Kysely<Database>, scope: UnitScope, input: UserInput, passwordHash: string): Promise<User> {
  checkUserUnit(input.role, input.unitId);
  if (input.unitId != null) scope.assertUnit(input.unitId);
  return db.transaction().execute(async (trx) => {
    if (input.unitId != null) await getUnit(trx, scope, input.unitId);
    const exists = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (exists) throw conflict(`用户名「${input.username}」已存在`);
    const now = nowIso();
    const { id } = await trx
      .insertInto('users')
      .values({
        username: input.username,
        displayName: clean(input.displayName) ?? input.username,
        role: input.role,
        unitId: input.unitId,
        passwordHash,
        disabled: input.disabled ? 1 : 0,
        email: input.email || null,
        createdAt: now,
        passwordChangedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await getUser(trx, scope, id);
    await writeAudit(trx, scope.actor, 'create', 'user', id, null, user);
    return user;
  });
}

export async function updateUser(
  db: Kysely<Database>,
  scope: UnitScope,
  id: number,
  patch: Partial<Omit<UserInput, 'username'>>,
  passwordHash?: string,
): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const before = await getUser(trx, scope, id);
    if (patch.unitId != null) await getUnit(trx, scope, patch.unitId);
    checkUserUnit(patch.role ?? before.role, patch.unitId === undefined ? before.unitId : patch.unitId);
    const set: Record<string, unknown> = {};
    if (patch.displayName !== undefined) set.displayName = clean(patch.displayName);
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.unitId !== undefined) set.unitId = patch.unitId;
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
    if (patch.email !== undefined) set.email = patch.email || null;
    if (passwordHash) Object.assign(set, { passwordHash, passwordChangedAt: nowIso() });
    if (Object.keys(set).length) await trx.updateTable('users').set(set).where('id', '=', id).execute();
    // A disabled user, a new password or a new role ends the user's sessions.
    if (patch.disabled || passwordHash || (patch.role && patch.role !== before.role) || (patch.unitId !== undefined && patch.unitId !== before.unitId)) {
      await trx.deleteFrom('sessions').where('userId', '=', id).execute();
    }
    const after = await getUser(trx, scope, id);
    await writeAudit(trx, scope.actor, passwordHash && Object.keys(set).length === 2 ? 'password' : 'update', 'user', id, before, after);
    return after;
  });
}

export async function deleteUser(db: Kysely<Database>, scope: UnitScope, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getUser(trx, scope, id);
    await trx.deleteFrom('users').where('id', '=', id).execute();
    await writeAudit(trx, scope.actor, 'delete', 'user', id, before, null);
  });
}

// ---------- websites ----------

function websiteQuery(db: Db, scope: UnitScope) {
  const q = db
    .selectFrom('websites as w')
    // LEFT (unitId is NOT NULL, so the same rows): the planner keeps websites as the driving table and
    // walks it in id order, stopping at LIMIT instead of sorting every row (bench:api).
    .leftJoin('units as n', 'n.id', 'w.unitId')
    .leftJoin('scans as s', 's.id', 'w.latestScanId')
    .select([
      'w.id', 'w.siteId', 'w.name', 'w.url', 'w.unitId', 'n.name as unitName', 'w.kind', 'w.siteCode', 'w.icp', 'w.subsites',
      'w.scheduleCron', 'w.maxPages', 's.id as scanId', 's.finishedAt as scanFinishedAt', 's.status as scanStatus',
      's.verdict as scanVerdict', 's.score as scanScore', 's.findingCount as scanFindings',
    ]);
  return scope.filter(q, 'w.unitId');
}

type WebsiteRow = Awaited<ReturnType<ReturnType<typeof websiteQuery>['executeTakeFirstOrThrow']>>;

function toWebsite(r: WebsiteRow): Website {
  return {
    id: r.id,
    siteId: r.siteId,
    name: r.name,
    url: r.url,
    unitId: r.unitId,
    unitName: r.unitName ?? '',
    kind: r.kind,
    siteCode: r.siteCode,
    icp: r.icp,
    subsites: fromJson<string[]>(r.subsites, []),
    scheduleCron: r.scheduleCron,
    maxPages: r.maxPages,
    latestScan:
      r.scanId == null
        ? null
        : {
            id: r.scanId,
            finishedAt: r.scanFinishedAt ?? null,
            status: r.scanStatus ?? 'done',
            verdict: r.scanVerdict === 'qualified' || r.scanVerdict === 'unqualified' ? r.scanVerdict : null,
            score: r.scanScore == null ? null : Number(r.scanScore),
            findings: Number(r.scanFindings ?? 0),
          },
  };
}

function applyWebsiteFilter<Q extends { where(...a: any[]): any }>(q: Q, f: WebsiteFilter): Q {
  let out = q;
  if (f.unitId !== undefined) out = out.where('w.unitId', '=', f.unitId);
  if (f.verdict === 'unscanned') out = out.where('w.latestScanId', 'is', null);
  else if (f.verdict) out = out.where('s.verdict', '=', f.verdict);
  if (f.q) {
    const like = likePattern(f.q);
    out = out.where((eb: any) => eb.or([eb('w.name', 'like', like), eb('w.url', 'like', like)]));
  }
  if (f.check) {
    out = out.where((eb: any) =>
      eb.exists(eb.selectFrom('findings as f').select('f.id').whereRef('f.scanId', '=', 'w.latestScanId').where('f.checkId', '=', f.check)),
    );
  }
  return out;
}

export async function listWebsites(db: Db, scope: UnitScope, f: WebsiteFilter): Promise<Paged<Website>> {
  // The count joins the scans only when the verdict filter reads them.
  const from = f.verdict === 'qualified' || f.verdict === 'unqualified' ? db.selectFrom('websites as w').leftJoin('scans as s', 's.id', 'w.latestScanId') : db.selectFrom('websites as w');
  const [{ total }] = (await applyWebsiteFilter(scope.filter(from, 'w.unitId'), f).select((eb: any) => eb.fn.countAll().as('total')).execute()) as Array<{ total: number }>;
  const rows = await applyWebsiteFilter(websiteQuery(db, scope), f).orderBy('w.id').limit(f.pageSize).offset(offset(f)).execute();
  return { items: rows.map(toWebsite), total: Number(total) };
}

export async function getWebsite(db: Db, scope: UnitScope, id: number): Promise<Website> {
  const row = await websiteQuery(db, scope).where('w.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('网站');
  return toWebsite(row);
}

/** Validates and normalises a site URL (http/https only). */
export function normaliseSiteUrl(input: string): string {
  const url = parseSiteUrl(input);
  if (url === 'invalid') throw invalid(`网址无效：「${input}」`);
  if (!(url instanceof URL)) throw invalid(`网址无效：「${input}」（只支持 http/https）`);
  return url.href;
}

async function siteIdFor(trx: Transaction<Database>, url: string): Promise<number> {
  const found = await trx.selectFrom('sites').select('id').where('url', '=', url).executeTakeFirst();
  if (found) return found.id;
  const row = await trx.insertInto('sites').values({ url, name: '', createdAt: nowIso() }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function createWebsiteIn(trx: Transaction<Database>, scope: UnitScope, input: WebsiteInput, defaultMaxPages: number): Promise<Website> {
  await getUnit(trx, scope, input.unitId);
  const url = normaliseSiteUrl(input.url);
  const siteId = await siteIdFor(trx, url);
  const taken = await trx.selectFrom('websites').select('id').where('siteId', '=', siteId).executeTakeFirst();
  if (taken) throw conflict(`网址「${url}」已登记`);
  const latest = await trx
    .selectFrom('scans')
    .select('id')
    .where('siteId', '=', siteId)
    .where('status', '=', 'done')
    .orderBy('startedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  const now = nowIso();
  const { id } = await trx
    .insertInto('websites')
    .values({
      siteId,
      name: clean(input.name)!,
      url,
      unitId: input.unitId,
      kind: input.kind,
      siteCode: clean(input.siteCode) ?? '',
      icp: clean(input.icp) ?? '',
      subsites: toJson(input.subsites ?? [], []),
      scheduleCron: input.scheduleCron ?? null,
      maxPages: input.maxPages ?? defaultMaxPages,
      latestScanId: latest?.id ?? null, // scans of this URL run before it was registered (CLI) count
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const website = await getWebsite(trx, scope, id);
  await writeAudit(trx, scope.actor, 'create', 'website', id, null, website);
  return website;
}

export async function createWebsite(db: Kysely<Database>, scope: UnitScope, input: WebsiteInput, defaultMaxPages: number): Promise<Website> {
  scope.assertUnit(input.unitId);
  return db.transaction().execute((trx) => createWebsiteIn(trx, scope, input, defaultMaxPages));
}

export async function updateWebsite(db: Kysely<Database>, scope: UnitScope, id: number, patch: Partial<WebsiteInput>): Promise<Website> {
  return db.transaction().execute(async (trx) => {
    const before = await getWebsite(trx, scope, id);
    if (patch.unitId !== undefined) await getUnit(trx, scope, patch.unitId);
    const set: Record<string, unknown> = { updatedAt: nowIso() };
    if (patch.name !== undefined) set.name = clean(patch.name);
    if (patch.unitId !== undefined) set.unitId = patch.unitId;
    if (patch.kind !== undefined) set.kind = patch.kind;
    if (patch.siteCode !== undefined) set.siteCode = clean(patch.siteCode) ?? '';
    if (patch.icp !== undefined) set.icp = clean(patch.icp) ?? '';
    if (patch.subsites !== undefined) set.subsites = toJson(patch.subsites, []);
    if (patch.scheduleCron !== undefined) set.scheduleCron = patch.scheduleCron;
    if (patch.maxPages !== undefined) set.maxPages = patch.maxPages;
    if (patch.url !== undefined && normaliseSiteUrl(patch.url) !== before.url) {
      const url = normaliseSiteUrl(patch.url);
      const siteId = await siteIdFor(trx, url);
      const taken = await trx.selectFrom('websites').select('id').where('siteId', '=', siteId).where('id', '!=', id).executeTakeFirst();
      if (taken) throw conflict(`网址「${url}」已登记`);
      Object.assign(set, { url, siteId, latestScanId: null });
    }
    await trx.updateTable('websites').set(set).where('id', '=', id).execute();
    const after = await getWebsite(trx, scope, id);
    await writeAudit(trx, scope.actor, 'update', 'website', id, before, after);
    return after;
  });
}

export async function deleteWebsite(db: Kysely<Database>, scope: UnitScope, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getWebsite(trx, scope, id);
    // Scans stay (they belong to the site URL, and history is evidence); the registry entry goes.
    await trx.deleteFrom('websites').where('id', '=', id).execute();
    await writeAudit(trx, scope.actor, 'delete', 'website', id, before, null);
  });
}

// ---------- accounts ----------

function accountQuery(db: Db, scope: UnitScope) {
  const q = db
    .selectFrom('accounts as a')
    .leftJoin('units as n', 'n.id', 'a.unitId') // LEFT: accounts stay the driving table (see websiteQuery)
    .select(['a.id', 'a.platform', 'a.name', 'a.platformId', 'a.unitId', 'n.name as unitName', 'a.status']);
  return scope.filter(q, 'a.unitId');
}

export async function listAccounts(db: Db, scope: UnitScope, f: Page & { unitId?: number; platform?: string; q?: string }): Promise<Paged<Account>> {
  const narrow = <Q extends { where(...a: any[]): any }>(q: Q): Q => {
    let out = q;
    if (f.unitId !== undefined) out = out.where('a.unitId', '=', f.unitId);
    if (f.platform) out = out.where('a.platform', '=', f.platform);
    if (f.q) out = out.where('a.name', 'like', likePattern(f.q));
    return out;
  };
  const [{ total }] = await narrow(scope.filter(db.selectFrom('accounts as a'), 'a.unitId')).select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await narrow(accountQuery(db, scope)).orderBy('a.id').limit(f.pageSize).offset(offset(f)).execute();
  return { items: rows.map(toAccount), total: Number(total) };
}

const toAccount = (r: Omit<Account, 'unitName'> & { unitName: string | null }): Account => ({ ...r, unitName: r.unitName ?? '' });

export async function getAccount(db: Db, scope: UnitScope, id: number): Promise<Account> {
  const row = await accountQuery(db, scope).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('新媒体账号');
  return toAccount(row);
}

export async function createAccountIn(trx: Transaction<Database>, scope: UnitScope, input: AccountInput): Promise<Account> {
  await getUnit(trx, scope, input.unitId);
  const { id } = await trx
    .insertInto('accounts')
    .values({ platform: input.platform, name: clean(input.name)!, platformId: clean(input.platformId) ?? '', unitId: input.unitId, status: input.status, createdAt: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await getAccount(trx, scope, id);
  await writeAudit(trx, scope.actor, 'create', 'account', id, null, account);
  return account;
}

export async function createAccount(db: Kysely<Database>, scope: UnitScope, input: AccountInput): Promise<Account> {
  scope.assertUnit(input.unitId);
  return db.transaction().execute((trx) => createAccountIn(trx, scope, input));
}

export async function updateAccount(db: Kysely<Database>, scope: UnitScope, id: number, patch: Partial<AccountInput>): Promise<Account> {
  return db.transaction().execute(async (trx) => {
    const before = await getAccount(trx, scope, id);
    if (patch.unitId !== undefined) await getUnit(trx, scope, patch.unitId);
    const set: Record<string, unknown> = {};
    if (patch.platform !== undefined) set.platform = patch.platform;
    if (patch.name !== undefined) set.name = clean(patch.name);
    if (patch.platformId !== undefined) set.platformId = clean(patch.platformId) ?? '';
    if (patch.unitId !== undefined) set.unitId = patch.unitId;
    if (patch.status !== undefined) set.status = patch.status;
    if (Object.keys(set).length) await trx.updateTable('accounts').set(set).where('id', '=', id).execute();
    const after = await getAccount(trx, scope, id);
    await writeAudit(trx, scope.actor, 'update', 'account', id, before, after);
    return after;
  });
}

export async function deleteAccount(db: Kysely<Database>, scope: UnitScope, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getAccount(trx, scope, id);
    await trx.deleteFrom('accounts').where('id', '=', id).execute();
    await writeAudit(trx, scope.actor, 'delete', 'account', id, before, null);
  });
}

// ---------- scans of a website ----------

export interface ScanItem {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  verdict: 'qualified' | 'unqualified' | null;
  score: number | null;
  findings: number;
}

function toScanItem(r: { id: number; startedAt: string; finishedAt: string | null; status: string; verdict: string | null; score: number | null; findingCount: number }): ScanItem {
  return {
    id: r.id,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    status: r.status,
    verdict: r.verdict === 'qualified' || r.verdict === 'unqualified' ? r.verdict : null,
    score: r.score == null ? null : Number(r.score),
    findings: Number(r.findingCount),
  };
}

export async function websiteScans(db: Db, scope: UnitScope, websiteId: number, p: Page): Promise<Paged<ScanItem>> {
  const website = await getWebsite(db, scope, websiteId);
  const base = db.selectFrom('scans').where('siteId', '=', website.siteId);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .select(['id', 'startedAt', 'finishedAt', 'status', 'verdict', 'score', 'findingCount'])
    .orderBy('startedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(p.pageSize)
    .offset(offset(p))
    .execute();
  return { items: rows.map(toScanItem), total: Number(total) };
}

/** A scan is visible when a visible website has its site. */
export async function scanSummary(db: Db, scope: UnitScope, scanId: number): Promise<ScanItem & { websiteId: number; websiteName: string; url: string }> {
  const q = db
    .selectFrom('scans as s')
    .innerJoin('websites as w', 'w.siteId', 's.siteId')
    .select(['s.id', 's.startedAt', 's.finishedAt', 's.status', 's.verdict', 's.score', 's.findingCount', 'w.id as websiteId', 'w.name as websiteName', 'w.url'])
    .where('s.id', '=', scanId);
  const row = await scope.filter(q, 'w.unitId').executeTakeFirst();
  if (!row) throw notFound('扫描');
  return { ...toScanItem(row), websiteId: row.websiteId, websiteName: row.websiteName, url: row.url };
}

// ---------- overview ----------

export interface Overview {
  websites: number;
  accounts: number;
  qualified: number;
  unqualified: number;
  unscanned: number;
  openFindings: number;
  trend: Array<{ date: string; avgScore: number | null; qualified: number; unqualified: number }>;
  worst: Array<{ websiteId: number; name: string; unitName: string; score: number | null; verdict: string | null; openFindings: number }>;
}

export async function overview(db: Db, scope: UnitScope, days = 30): Promise<Overview> {
  const latest = await scope
    .filter(db.selectFrom('websites as w').leftJoin('scans as s', 's.id', 'w.latestScanId'), 'w.unitId')
    .select([
      (eb) => eb.fn.countAll<number>().as('websites'),
      sql<number>`sum(case when s.verdict = 'qualified' then 1 else 0 end)`.as('qualified'),
      sql<number>`sum(case when s.verdict = 'unqualified' then 1 else 0 end)`.as('unqualified'),
      sql<number>`sum(case when w.latest_scan_id is null then 1 else 0 end)`.as('unscanned'),
      sql<number>`coalesce(sum(s.finding_count), 0)`.as('openFindings'),
    ])
    .executeTakeFirstOrThrow();
  const [{ accounts }] = await scope.filter(db.selectFrom('accounts as a'), 'a.unitId').select((eb) => eb.fn.countAll<number>().as('accounts')).execute();
  const since = new Date(Date.now() - days * 86_400_000).toISOString();
  // Grouped by UTC hour in the database (cheap substr, same SQL on both dialects), then folded into
  // Asia/Shanghai days here: a province has tens of thousands of scans a month.
  const hour = sql<string>`substr(s.finished_at, 1, 13)`;
  const hourRows = await scope
    .filter(db.selectFrom('scans as s').innerJoin('websites as w', 'w.siteId', 's.siteId'), 'w.unitId')
    .select([
      hour.as('hour'),
      sql<number>`sum(s.score)`.as('scoreSum'),
      sql<number>`count(s.score)`.as('scored'),
      sql<number>`sum(case when s.verdict = 'qualified' then 1 else 0 end)`.as('qualified'),
      sql<number>`sum(case when s.verdict = 'unqualified' then 1 else 0 end)`.as('unqualified'),
    ])
    .where('s.status', '=', 'done')
    .where('s.finishedAt', '>=', since)
    .groupBy(hour)
    .execute();
  const byDay = new Map<string, { sum: number; n: number; qualified: number; unqualified: number }>();
  for (const h of hourRows) {
    const day = new Date(Date.parse(`${h.hour}:00:00Z`) + 8 * 3600_000).toISOString().slice(0, 10);
    const d = byDay.get(day) ?? { sum: 0, n: 0, qualified: 0, unqualified: 0 };
    d.sum += Number(h.scoreSum ?? 0);
    d.n += Number(h.scored);
    d.qualified += Number(h.qualified);
    d.unqualified += Number(h.unqualified);
    byDay.set(day, d);
  }
  const trend = [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, d]) => ({ date, avgScore: d.n ? Math.round((d.sum / d.n) * 10) / 10 : null, qualified: d.qualified, unqualified: d.unqualified }));
  const worstRows = await scope
    .filter(db.selectFrom('websites as w').innerJoin('units as n', 'n.id', 'w.unitId').innerJoin('scans as s', 's.id', 'w.latestScanId'), 'w.unitId')
    .select(['w.id as websiteId', 'w.name', 'n.name as unitName', 's.score', 's.verdict', 's.findingCount'])
    .orderBy('s.score', 'asc')
    .orderBy('w.id')
    .limit(10)
    .execute();
  return {
    websites: Number(latest.websites),
    accounts: Number(accounts),
    qualified: Number(latest.qualified ?? 0),
    unqualified: Number(latest.unqualified ?? 0),
    unscanned: Number(latest.unscanned ?? 0),
    openFindings: Number(latest.openFindings ?? 0),
    trend,
    worst: worstRows.map((r) => ({
      websiteId: r.websiteId, name: r.name, unitName: r.unitName, score: r.score == null ? null : Number(r.score), verdict: r.verdict, openFindings: Number(r.findingCount),
    })),
  };
}
