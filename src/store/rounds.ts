// Monthly inspection rounds (常态检查): the round, its sites and the scan each uses, inspectors' decisions on
// machine findings, the dismissal memory, the person-judged checklist results and their screenshots.
// Round rows are the supervisor's and visible to every role; everything per site goes through the caller's
// UnitScope on the website's unit (scope.ts), so a unit operator sees only its own sites' rows. Every change
// writes its audit row in the same transaction; a published round refuses every change (409).
import { createHash } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from './types.js';
import type { ManualResultValue, ReviewDecision, RoundStatusValue, RoundsTable } from './platform-types.js';
import type { UnitScope } from './scope.js';
import { writeAudit } from './audit.js';
import type { Finding } from '../domain/index.js';
import { cleanText, fromJson, LIMITS, rowToFinding, toJson } from './codec.js';
import { conflict, invalid, notFound } from './errors.js';

type Db = Kysely<Database> | Transaction<Database>;
const nowIso = () => new Date().toISOString();

export const REASON_MAX = 1000;
export const NOTE_MAX = 2000;
/** Screenshot evidence: bounded size and count, image types recognised from the bytes themselves. */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_MAX_PER_ITEM = 10;

export interface RoundScopeSpec {
  /** 'all': every registered website. */
  websites: 'all';
  /** New-media accounts: filled in by the new-media issue (sample rule); null until then. */
  accounts: null | { rule: string };
}

export interface Round {
  id: number;
  year: number;
  seq: number;
  month: string;
  title: string;
  scope: RoundScopeSpec;
  deadline: string | null;
  inspectors: number[];
  status: RoundStatusValue;
  catalogue: string;
  overlays: string[];
  cutoff: string;
  publishedAt: string | null;
  publishedBy: number | null;
  createdAt: string;
}

export interface RoundSiteRow {
  id: number;
  roundId: number;
  websiteId: number;
  name: string;
  url: string;
  unitId: number;
  unitName: string;
  kind: 'portal' | 'department';
  siteId: number;
  scanId: number | null;
  jobId: number | null;
}

export interface Review {
  websiteId: number;
  fingerprint: string;
  decision: ReviewDecision;
  reason: string;
  by: string;
  at: string;
}

export interface Dismissal {
  websiteId: number;
  fingerprint: string;
  check: string;
  evidence: string;
  reason: string;
  roundId: number | null;
  by: string;
  at: string;
}

export interface ManualResult {
  websiteId: number;
  indicator: string;
  result: ManualResultValue;
  note: string;
  points: number | null;
  by: string;
  at: string;
}

export interface EvidenceMeta {
  id: number;
  roundId: number;
  websiteId: number;
  indicator: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  by: string;
  at: string;
}

export function roundTitle(year: number, seq: number): string {
  return `${year}年第${seq}次常态检查`;
}

function toRound(r: Selectable<RoundsTable>): Round {
  return {
    id: r.id,
    year: r.year,
    seq: r.seq,
    month: r.month,
    title: r.title,
    scope: fromJson<RoundScopeSpec>(r.scope, { websites: 'all', accounts: null }),
    deadline: r.deadline,
    inspectors: fromJson<number[]>(r.inspectors, []),
    status: r.status,
    catalogue: r.catalogue,
    overlays: fromJson<string[]>(r.overlays, []),
    cutoff: r.cutoff,
    publishedAt: r.publishedAt,
    publishedBy: r.publishedBy,
    createdAt: r.createdAt,
  };
}

// ---------- rounds ----------

export interface RoundInput {
  month: string; // YYYY-MM
  deadline: string | null;
  inspectors: number[];
  catalogue: string;
  overlays: string[];
  cutoff: string;
  scope?: RoundScopeSpec;
}

/** Opens a round: the next number of the month's year, and one row per website in the inventory. */
export async function createRound(db: Kysely<Database>, scope: UnitScope, input: RoundInput): Promise<{ round: Round; sites: RoundSiteRow[] }> {
  if (!scope.all) throw notFound('单位'); // only a role seeing every unit opens a round (routes allow supervisors)
  const year = Number(input.month.slice(0, 4));
  await assertInspectors(db, input.inspectors);
  return db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('rounds').select((eb) => eb.fn.max('seq').as('seq')).where('year', '=', year).executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    const row = await trx
      .insertInto('rounds')
      .values({
        year,
        seq,
        month: input.month,
        title: roundTitle(year, seq),
        scope: toJson(input.scope ?? { websites: 'all', accounts: null }),
        deadline: input.deadline,
        inspectors: toJson(input.inspectors),
        status: 'open',
        catalogue: input.catalogue,
        overlays: toJson(input.overlays),
        cutoff: input.cutoff,
        createdAt: nowIso(),
        createdBy: scope.actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const websites = await trx.selectFrom('websites').select('id').orderBy('id').execute();
    const at = nowIso();
    if (websites.length) await trx.insertInto('roundSites').values(websites.map((w) => ({ roundId: row.id, websiteId: w.id, scanId: null, jobId: null, createdAt: at }))).execute();
    const round = toRound(row);
    await writeAudit(trx, scope.actor, 'create', 'round', round.id, null, { ...round, websites: websites.length });
    return { round, sites: await listRoundSites(trx, scope, round.id) };
  });
}

async function assertInspectors(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const rows = await db.selectFrom('users').select(['id', 'role', 'disabled']).where('id', 'in', ids).execute();
  for (const id of ids) {
    const u = rows.find((r) => r.id === id);
    if (!u || u.disabled) throw invalid(`检查员（用户 ${id}）不存在或已停用`);
    if (u.role !== 'inspector' && u.role !== 'supervisor') throw invalid(`用户 ${id} 不是检查员或监管人员，不能担任检查员`);
  }
}

export async function listRounds(db: Db, _scope: UnitScope, p: { page: number; pageSize: number; year?: number }): Promise<{ items: Round[]; total: number }> {
  let q = db.selectFrom('rounds');
  if (p.year !== undefined) q = q.where('year', '=', p.year);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.selectAll().orderBy('year', 'desc').orderBy('seq', 'desc').limit(p.pageSize).offset((p.page - 1) * p.pageSize).execute();
  return { items: rows.map(toRound), total: Number(total) };
}

export async function getRound(db: Db, _scope: UnitScope, id: number): Promise<Round> {
  const row = await db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('检查轮次');
  return toRound(row);
}

/** A published round is frozen: every change is refused. */
export function assertOpen(round: Round): void {
  if (round.status !== 'open') throw conflict(`「${round.title}」已发布，结果已冻结，不能再修改`);
}

async function openRound(db: Db, scope: UnitScope, id: number): Promise<Round> {
  const round = await getRound(db, scope, id);
  assertOpen(round);
  return round;
}

/** The frozen snapshot and its inputs (published rounds only). */
export async function frozenRound(db: Db, _scope: UnitScope, id: number): Promise<{ snapshot: unknown; inputs: unknown } | undefined> {
  const row = await db.selectFrom('rounds').select(['snapshot', 'inputs', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row || row.status !== 'published' || row.snapshot == null) return undefined;
  return { snapshot: fromJson(row.snapshot, null), inputs: fromJson(row.inputs, null) };
}

/** The frozen snapshot alone: the inputs (megabytes for a city) are read only to recompute or to review a site. */
export async function frozenSnapshot(db: Db, _scope: UnitScope, id: number): Promise<unknown> {
  const row = await db.selectFrom('rounds').select(['snapshot', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row || row.status !== 'published' || row.snapshot == null) return undefined;
  return fromJson(row.snapshot, null);
}

/** Freezes the round: status, the snapshot and the inputs it was computed from, in one conditional update. */
export async function publishRound(
  db: Kysely<Database>,
  scope: UnitScope,
  id: number,
  frozen: { snapshot: unknown; inputs: unknown; publishedAt: string; scans?: Array<{ websiteId: number; scanId: number | null }> },
): Promise<Round> {
  return db.transaction().execute(async (trx) => {
    const before = await openRound(trx, scope, id);
    // Written whole (no toJson size cap): a frozen round that lost its inputs could not be recomputed.
    const res = await trx
      .updateTable('rounds')
      .set({ status: 'published', snapshot: JSON.stringify(frozen.snapshot), inputs: JSON.stringify(frozen.inputs), publishedAt: frozen.publishedAt, publishedBy: scope.actor.id })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict(`「${before.title}」已发布，结果已冻结，不能再修改`);
    await recordScans(trx, id, frozen.scans ?? []);
    const after = await getRound(trx, scope, id);
    await writeAudit(trx, scope.actor, 'publish', 'round', id, before, after);
    return after;
  });
}

// ---------- sites ----------

function roundSiteQuery(db: Db, scope: UnitScope) {
  const q = db
    .selectFrom('roundSites as rs')
    .innerJoin('websites as w', 'w.id', 'rs.websiteId')
    .innerJoin('units as n', 'n.id', 'w.unitId')
    .select(['rs.id', 'rs.roundId', 'rs.websiteId', 'w.name', 'w.url', 'w.unitId', 'n.name as unitName', 'w.kind', 'w.siteId', 'rs.scanId', 'rs.jobId']);
  return scope.filter(q, 'w.unitId');
}

/** The round's sites the caller may see (a unit operator: its own). */
export async function listRoundSites(db: Db, scope: UnitScope, roundId: number): Promise<RoundSiteRow[]> {
  return roundSiteQuery(db, scope).where('rs.roundId', '=', roundId).orderBy('w.unitId').orderBy('rs.websiteId').execute();
}

export async function getRoundSite(db: Db, scope: UnitScope, roundSiteId: number): Promise<RoundSiteRow> {
  const row = await roundSiteQuery(db, scope).where('rs.id', '=', roundSiteId).executeTakeFirst();
  if (!row) throw notFound('检查网站');
  return row;
}

async function roundSiteOf(db: Db, scope: UnitScope, roundId: number, websiteId: number): Promise<RoundSiteRow> {
  const row = await roundSiteQuery(db, scope).where('rs.roundId', '=', roundId).where('rs.websiteId', '=', websiteId).executeTakeFirst();
  if (!row) throw notFound('检查网站');
  return row;
}

/** Records the scan a site is judged on (or the job started for a fresh one). */
export async function attachScan(db: Kysely<Database>, scope: UnitScope, roundSiteId: number, set: { scanId?: number | null; jobId?: number | null }): Promise<RoundSiteRow> {
  return db.transaction().execute(async (trx) => {
    const before = await getRoundSite(trx, scope, roundSiteId);
    await openRound(trx, scope, before.roundId);
    const patch: { scanId?: number | null; jobId?: number | null } = {};
    if (set.scanId !== undefined) patch.scanId = set.scanId;
    if (set.jobId !== undefined) patch.jobId = set.jobId;
    if (!Object.keys(patch).length) return before;
    await trx.updateTable('roundSites').set(patch).where('id', '=', roundSiteId).execute();
    const after = await getRoundSite(trx, scope, roundSiteId);
    await writeAudit(trx, scope.actor, 'attach-scan', 'round-site', roundSiteId, { scanId: before.scanId, jobId: before.jobId }, { scanId: after.scanId, jobId: after.jobId });
    return after;
  });
}

// ---------- finding reviews and the dismissal memory ----------

export interface ReviewInput {
  roundId: number;
  websiteId: number;
  fingerprint: string;
  decision: ReviewDecision;
  reason: string;
  /** The finding's check and evidence, kept with a dismissal so the memory says what was argued. */
  check: string;
  evidence: string;
}

/**
 * Confirms or dismisses one machine finding in a round. A dismissal needs a reason and is remembered for the
 * same evidence on the same website (argued once); a confirmation overrides a remembered dismissal and ends it.
 */
export async function reviewFinding(db: Kysely<Database>, scope: UnitScope, input: ReviewInput): Promise<Review> {
  const { roundId, websiteId, decision, reason, ...item } = input;
  const [review] = await reviewFindings(db, scope, { roundId, websiteId, decision, reason, items: [item] });
  return review!;
}

/** The same decision on several findings of one site (an inspector confirming a page of findings at once). */
export async function reviewFindings(
  db: Kysely<Database>,
  scope: UnitScope,
  input: { roundId: number; websiteId: number; decision: ReviewDecision; reason: string; items: Array<{ fingerprint: string; check: string; evidence: string }> },
): Promise<Review[]> {
  const reason = cleanText(input.reason, REASON_MAX).trim();
  if (input.decision === 'dismissed' && !reason) throw invalid('排除机器发现的问题时必须填写理由');
  return db.transaction().execute(async (trx) => {
    await openRound(trx, scope, input.roundId);
    await roundSiteOf(trx, scope, input.roundId, input.websiteId);
    const out: Review[] = [];
    for (const item of input.items) {
      const one = { ...item, roundId: input.roundId, websiteId: input.websiteId, decision: input.decision, reason };
      const before = await reviewOf(trx, one.roundId, one.websiteId, one.fingerprint);
      const row = { decision: one.decision, reason, byId: scope.actor.id, byName: scope.actor.username, at: nowIso() };
      await trx
        .insertInto('roundReviews')
        .values({ roundId: one.roundId, websiteId: one.websiteId, fingerprint: one.fingerprint, ...row })
        .onConflict((oc) => oc.columns(['roundId', 'websiteId', 'fingerprint']).doUpdateSet(row))
        .execute();
      await rememberDecision(trx, one, reason, { byId: row.byId, byName: row.byName, at: row.at });
      const after = (await reviewOf(trx, one.roundId, one.websiteId, one.fingerprint))!;
      await writeAudit(trx, scope.actor, one.decision === 'dismissed' ? 'dismiss' : 'confirm', 'finding-review', `${one.roundId}:${one.websiteId}:${one.fingerprint.slice(0, 16)}`, before ?? null, after);
      out.push(after);
    }
    return out;
  });
}

async function rememberDecision(trx: Transaction<Database>, input: ReviewInput, reason: string, by: { byId: number | null; byName: string; at: string }): Promise<void> {
  if (input.decision === 'confirmed') {
    await trx.deleteFrom('roundDismissals').where('websiteId', '=', input.websiteId).where('fingerprint', '=', input.fingerprint).execute();
    return;
  }
  const row = {
    checkId: cleanText(input.check, LIMITS.short),
    evidence: cleanText(input.evidence, LIMITS.evidence),
    reason,
    roundId: input.roundId,
    ...by,
  };
  await trx
    .insertInto('roundDismissals')
    .values({ websiteId: input.websiteId, fingerprint: input.fingerprint, ...row })
    .onConflict((oc) => oc.columns(['websiteId', 'fingerprint']).doUpdateSet(row))
    .execute();
}

/** Withdraws this round's decision on a finding (back to pending; a remembered dismissal stays). */
export async function clearReview(db: Kysely<Database>, scope: UnitScope, roundId: number, websiteId: number, fingerprint: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await openRound(trx, scope, roundId);
    await roundSiteOf(trx, scope, roundId, websiteId);
    const before = await reviewOf(trx, roundId, websiteId, fingerprint);
    if (!before) return;
    await trx.deleteFrom('roundReviews').where('roundId', '=', roundId).where('websiteId', '=', websiteId).where('fingerprint', '=', fingerprint).execute();
    await writeAudit(trx, scope.actor, 'clear', 'finding-review', `${roundId}:${websiteId}:${fingerprint.slice(0, 16)}`, before, null);
  });
}

async function reviewOf(db: Db, roundId: number, websiteId: number, fingerprint: string): Promise<Review | undefined> {
  const r = await db.selectFrom('roundReviews').selectAll().where('roundId', '=', roundId).where('websiteId', '=', websiteId).where('fingerprint', '=', fingerprint).executeTakeFirst();
  return r && toReview(r);
}

function toReview(r: { websiteId: number; fingerprint: string; decision: ReviewDecision; reason: string; byName: string; at: string }): Review {
  return { websiteId: r.websiteId, fingerprint: r.fingerprint, decision: r.decision, reason: r.reason, by: r.byName, at: r.at };
}

/** This round's decisions on the sites the caller may see (optionally one site). */
export async function listReviews(db: Db, scope: UnitScope, roundId: number, websiteId?: number): Promise<Review[]> {
  let q = scope.filter(db.selectFrom('roundReviews as r').innerJoin('websites as w', 'w.id', 'r.websiteId'), 'w.unitId').where('r.roundId', '=', roundId);
  if (websiteId !== undefined) q = q.where('r.websiteId', '=', websiteId);
  const rows = await q.select(['r.websiteId', 'r.fingerprint', 'r.decision', 'r.reason', 'r.byName', 'r.at']).orderBy('r.id').execute();
  return rows.map(toReview);
}

/** Remembered dismissals of the given websites (the caller's visible ones). */
export async function listDismissals(db: Db, scope: UnitScope, websiteIds: number[]): Promise<Dismissal[]> {
  if (!websiteIds.length) return [];
  const rows = await scope
    .filter(db.selectFrom('roundDismissals as d').innerJoin('websites as w', 'w.id', 'd.websiteId'), 'w.unitId')
    .where('d.websiteId', 'in', websiteIds)
    .select(['d.websiteId', 'd.fingerprint', 'd.checkId', 'd.evidence', 'd.reason', 'd.roundId', 'd.byName', 'd.at'])
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({ websiteId: r.websiteId, fingerprint: r.fingerprint, check: r.checkId, evidence: r.evidence, reason: r.reason, roundId: r.roundId, by: r.byName, at: r.at }));
}

// ---------- the person-judged checklist ----------

export interface ManualInput {
  roundId: number;
  websiteId: number;
  indicator: string;
  result: ManualResultValue;
  note: string;
  points?: number | null;
}

export async function setManualResult(db: Kysely<Database>, scope: UnitScope, input: ManualInput): Promise<ManualResult> {
  const note = cleanText(input.note, NOTE_MAX).trim();
  if (input.result === 'fail' && !note) throw invalid('判定为不符合时必须填写说明');
  return db.transaction().execute(async (trx) => {
    await openRound(trx, scope, input.roundId);
    await roundSiteOf(trx, scope, input.roundId, input.websiteId);
    const before = await manualOf(trx, input.roundId, input.websiteId, input.indicator);
    const row = { result: input.result, note, points: input.result === 'fail' ? (input.points ?? null) : null, byId: scope.actor.id, byName: scope.actor.username, at: nowIso() };
    await trx
      .insertInto('roundManualResults')
      .values({ roundId: input.roundId, websiteId: input.websiteId, indicator: input.indicator, ...row })
      .onConflict((oc) => oc.columns(['roundId', 'websiteId', 'indicator']).doUpdateSet(row))
      .execute();
    const after = (await manualOf(trx, input.roundId, input.websiteId, input.indicator))!;
    await writeAudit(trx, scope.actor, before ? 'update' : 'create', 'manual-result', `${input.roundId}:${input.websiteId}:${input.indicator}`, before ?? null, after);
    return after;
  });
}

async function manualOf(db: Db, roundId: number, websiteId: number, indicator: string): Promise<ManualResult | undefined> {
  const r = await db.selectFrom('roundManualResults').selectAll().where('roundId', '=', roundId).where('websiteId', '=', websiteId).where('indicator', '=', indicator).executeTakeFirst();
  return r && toManual(r);
}

function toManual(r: { websiteId: number; indicator: string; result: ManualResultValue; note: string; points: number | null; byName: string; at: string }): ManualResult {
  return { websiteId: r.websiteId, indicator: r.indicator, result: r.result, note: r.note, points: r.points == null ? null : Number(r.points), by: r.byName, at: r.at };
}

export async function listManualResults(db: Db, scope: UnitScope, roundId: number, websiteId?: number): Promise<ManualResult[]> {
  let q = scope.filter(db.selectFrom('roundManualResults as m').innerJoin('websites as w', 'w.id', 'm.websiteId'), 'w.unitId').where('m.roundId', '=', roundId);
  if (websiteId !== undefined) q = q.where('m.websiteId', '=', websiteId);
  const rows = await q.select(['m.websiteId', 'm.indicator', 'm.result', 'm.note', 'm.points', 'm.byName', 'm.at']).orderBy('m.websiteId').orderBy('m.indicator').execute();
  return rows.map(toManual);
}

// ---------- screenshot evidence ----------

/** The image type of the bytes (PNG, JPEG, GIF, WebP), or undefined: the client's content type is never trusted. */
export function sniffImage(data: Uint8Array): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38) && (data[4] === 0x37 || data[4] === 0x39) && data[5] === 0x61) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && data[8] === 0x57 && data[9] === 0x45 && data[10] === 0x42 && data[11] === 0x50) return 'image/webp';
  return undefined;
}

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** A display name safe in a header and a page: no path, no control or quote characters, the sniffed extension. */
function safeFilename(name: string, contentType: string): string {
  const base = cleanText(name, 200).split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"<>;]/g, '').replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
  return `${base || '截图'}.${EXT[contentType]}`;
}

export interface EvidenceInput {
  roundId: number;
  websiteId: number;
  indicator: string;
  filename: string;
  data: Buffer;
}

export async function addEvidence(db: Kysely<Database>, scope: UnitScope, input: EvidenceInput): Promise<EvidenceMeta> {
  if (input.data.length === 0) throw invalid('截图文件为空');
  if (input.data.length > EVIDENCE_MAX_BYTES) throw invalid(`截图不能超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`);
  const contentType = sniffImage(input.data);
  if (!contentType) throw invalid('截图只支持 PNG、JPEG、GIF 或 WebP 图片');
  return db.transaction().execute(async (trx) => {
    await openRound(trx, scope, input.roundId);
    await roundSiteOf(trx, scope, input.roundId, input.websiteId);
    const [{ n }] = await trx
      .selectFrom('roundEvidence')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('roundId', '=', input.roundId)
      .where('websiteId', '=', input.websiteId)
      .where('indicator', '=', input.indicator)
      .execute();
    if (Number(n) >= EVIDENCE_MAX_PER_ITEM) throw invalid(`每个检查项最多上传 ${EVIDENCE_MAX_PER_ITEM} 张截图`);
    const { id } = await trx
      .insertInto('roundEvidence')
      .values({
        roundId: input.roundId,
        websiteId: input.websiteId,
        indicator: input.indicator,
        filename: safeFilename(input.filename, contentType),
        contentType,
        size: input.data.length,
        sha256: createHash('sha256').update(input.data).digest('hex'),
        data: input.data,
        byId: scope.actor.id,
        byName: scope.actor.username,
        at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const meta = (await evidenceQuery(trx, scope).where('e.id', '=', id).executeTakeFirst())!;
    await writeAudit(trx, scope.actor, 'upload', 'evidence', id, null, toEvidence(meta));
    return toEvidence(meta);
  });
}

function evidenceQuery(db: Db, scope: UnitScope) {
  return scope
    .filter(db.selectFrom('roundEvidence as e').innerJoin('websites as w', 'w.id', 'e.websiteId'), 'w.unitId')
    .select(['e.id', 'e.roundId', 'e.websiteId', 'e.indicator', 'e.filename', 'e.contentType', 'e.size', 'e.sha256', 'e.byName', 'e.at']);
}

function toEvidence(r: { id: number; roundId: number; websiteId: number; indicator: string; filename: string; contentType: string; size: number; sha256: string; byName: string; at: string }): EvidenceMeta {
  return { id: r.id, roundId: r.roundId, websiteId: r.websiteId, indicator: r.indicator, filename: r.filename, contentType: r.contentType, size: Number(r.size), sha256: r.sha256, by: r.byName, at: r.at };
}

export async function listEvidence(db: Db, scope: UnitScope, roundId: number, websiteId?: number): Promise<EvidenceMeta[]> {
  let q = evidenceQuery(db, scope).where('e.roundId', '=', roundId);
  if (websiteId !== undefined) q = q.where('e.websiteId', '=', websiteId);
  return (await q.orderBy('e.id').execute()).map(toEvidence);
}

export async function getEvidence(db: Db, scope: UnitScope, id: number): Promise<EvidenceMeta & { data: Buffer }> {
  const meta = await evidenceQuery(db, scope).where('e.id', '=', id).executeTakeFirst();
  if (!meta) throw notFound('截图');
  const { data } = await db.selectFrom('roundEvidence').select('data').where('id', '=', id).executeTakeFirstOrThrow();
  return { ...toEvidence(meta), data: Buffer.from(data) };
}

export async function deleteEvidence(db: Kysely<Database>, scope: UnitScope, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const meta = await evidenceQuery(trx, scope).where('e.id', '=', id).executeTakeFirst();
    if (!meta) throw notFound('截图');
    await openRound(trx, scope, meta.roundId);
    await trx.deleteFrom('roundEvidence').where('id', '=', id).execute();
    await writeAudit(trx, scope.actor, 'delete', 'evidence', id, toEvidence(meta), null);
  });
}

// ---------- what a round reads from scans and jobs (for websites already scoped by the caller) ----------

export interface ScanRef {
  id: number;
  finishedAt: string | null;
}

/** Each website's latest finished scan at or before `before` (ISO). */
export async function latestFinishedScans(db: Db, websiteIds: number[], before: string): Promise<Map<number, ScanRef>> {
  const out = new Map<number, ScanRef>();
  if (!websiteIds.length) return out;
  const rows = await db
    .selectFrom('websites as w')
    .innerJoin('scans as s', 's.siteId', 'w.siteId')
    .select(['w.id as websiteId', 's.id', 's.finishedAt'])
    .where('w.id', 'in', websiteIds)
    .where('s.status', '=', 'done')
    .where('s.finishedAt', '<=', before)
    .orderBy('s.finishedAt', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  for (const r of rows) if (!out.has(r.websiteId)) out.set(r.websiteId, { id: r.id, finishedAt: r.finishedAt });
  return out;
}

/** Finished scans by id (a round's attached scans, or the scans its fresh jobs produced). */
export async function scanRefs(db: Db, scanIds: number[]): Promise<Map<number, ScanRef>> {
  if (!scanIds.length) return new Map();
  const rows = await db.selectFrom('scans').select(['id', 'finishedAt']).where('id', 'in', scanIds).where('status', '=', 'done').execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The jobs a round started: their status and the scan each produced. */
export async function jobOutcomes(db: Db, jobIds: number[]): Promise<Map<number, { status: string; scanId: number | null }>> {
  if (!jobIds.length) return new Map();
  const rows = await db.selectFrom('jobs').select(['id', 'status', 'scanId']).where('id', 'in', jobIds).execute();
  return new Map(rows.map((r) => [r.id, { status: r.status, scanId: r.scanId }]));
}

/** The findings of these scans, each with its fingerprint (the identity reviews and dismissals refer to). */
export async function findingsOfScans(db: Db, scanIds: number[]): Promise<Map<number, Array<Finding & { fingerprint: string }>>> {
  const out = new Map<number, Array<Finding & { fingerprint: string }>>();
  for (const id of scanIds) out.set(id, []);
  if (!scanIds.length) return out;
  const rows = await db
    .selectFrom('findings')
    .select(['scanId', 'checkId', 'indicator', 'severity', 'url', 'target', 'evidence', 'message', 'detail', 'fingerprint'])
    .where('scanId', 'in', scanIds)
    .orderBy('id')
    .execute();
  for (const r of rows) out.get(r.scanId)!.push({ ...rowToFinding(r), fingerprint: r.fingerprint });
  return out;
}

/** Display names of users (a round's inspectors), in the order given; unknown ids are skipped. */
export async function userNames(db: Db, ids: number[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', ids).execute();
  const names = new Map(rows.map((r) => [r.id, r.displayName]));
  return ids.filter((id) => names.has(id)).map((id) => names.get(id)!);
}

/** Persists the scans a round was judged on (at publication), so the round's rows name them too. */
export async function recordScans(trx: Db, roundId: number, scans: Array<{ websiteId: number; scanId: number | null }>): Promise<void> {
  for (const s of scans) {
    if (s.scanId == null) continue;
    await trx.updateTable('roundSites').set({ scanId: s.scanId }).where('roundId', '=', roundId).where('websiteId', '=', s.websiteId).execute();
  }
}

/** The number the next round of a year will get. */
export async function nextSeq(db: Db, year: number): Promise<number> {
  const last = await db.selectFrom('rounds').select((eb) => eb.fn.max('seq').as('seq')).where('year', '=', year).executeTakeFirst();
  return Number(last?.seq ?? 0) + 1;
}
