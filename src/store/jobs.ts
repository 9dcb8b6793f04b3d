// Job state for the runner (src/jobs): queued → running → done | failed. Kept in the store so that a
// restart resumes queued jobs and finds running ones whose process died.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './types.js';
import type { JobStatus } from './platform-types.js';
import { fromJson, toJson } from './codec.js';
import { UnitScope, type Actor } from './scope.js';
import { writeAudit } from './audit.js';
import { notFound } from './errors.js';
import type { Page, Paged } from './inventory.js';

export interface JobProgress {
  pages: number;
  queued: number;
  errors: number;
  phase?: string;
}

export interface Job {
  id: number;
  kind: string;
  websiteId: number | null;
  websiteName: string | null;
  trigger: string;
  status: JobStatus;
  progress: JobProgress;
  error: string | null;
  scanId: number | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

type Db = Kysely<Database> | Transaction<Database>;
const nowIso = () => new Date().toISOString();
const EMPTY_PROGRESS: JobProgress = { pages: 0, queued: 0, errors: 0 };

function jobQuery(db: Db) {
  return db
    .selectFrom('jobs as j')
    .leftJoin('websites as w', 'w.id', 'j.websiteId')
    .select([
      'j.id', 'j.kind', 'j.websiteId', 'w.name as websiteName', 'w.unitId', 'j.trigger', 'j.status', 'j.progress', 'j.error', 'j.scanId',
      'j.attempts', 'j.createdAt', 'j.startedAt', 'j.finishedAt',
    ]);
}

type JobRow = Awaited<ReturnType<ReturnType<typeof jobQuery>['executeTakeFirstOrThrow']>>;

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind,
    websiteId: r.websiteId,
    websiteName: r.websiteName ?? null,
    trigger: r.trigger,
    status: r.status,
    progress: { ...EMPTY_PROGRESS, ...fromJson<Partial<JobProgress>>(r.progress, {}) },
    error: r.error,
    scanId: r.scanId,
    attempts: Number(r.attempts),
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

/** Unscoped: for the runner, which acts for the system. */
export async function loadJob(db: Db, id: number): Promise<Job | undefined> {
  const row = await jobQuery(db).where('j.id', '=', id).executeTakeFirst();
  return row && toJob(row);
}

export async function getJob(db: Db, scope: UnitScope, id: number): Promise<Job> {
  const row = await scope.filter(jobQuery(db).where('j.id', '=', id), 'w.unitId').executeTakeFirst();
  if (!row) throw notFound('任务');
  return toJob(row);
}

export async function listJobs(db: Db, scope: UnitScope, f: Page & { status?: JobStatus; websiteId?: number }): Promise<Paged<Job>> {
  const narrow = <Q extends { where(...a: any[]): any }>(q: Q): Q => {
    let out = q;
    if (f.status) out = out.where('j.status', '=', f.status);
    if (f.websiteId !== undefined) out = out.where('j.websiteId', '=', f.websiteId);
    return out;
  };
  const countBase = scope.filter(db.selectFrom('jobs as j').leftJoin('websites as w', 'w.id', 'j.websiteId'), 'w.unitId');
  const [{ total }] = await narrow(countBase).select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await narrow(scope.filter(jobQuery(db), 'w.unitId')).orderBy('j.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map(toJob), total: Number(total) };
}

/** Queues a job. A website with a job already queued or running gets that job back instead of a second one. */
export async function enqueueJob(db: Kysely<Database>, actor: Actor, input: { kind: string; websiteId: number; trigger: string }): Promise<{ job: Job; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const open = await jobQuery(trx)
      .where('j.websiteId', '=', input.websiteId)
      .where('j.status', 'in', ['queued', 'running'])
      .orderBy('j.id')
      .executeTakeFirst();
    if (open) return { job: toJob(open), created: false };
    const { id } = await trx
      .insertInto('jobs')
      .values({ kind: input.kind, websiteId: input.websiteId, trigger: input.trigger, status: 'queued', progress: toJson(EMPTY_PROGRESS), createdAt: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const job = (await loadJob(trx, id))!;
    await writeAudit(trx, actor, 'enqueue', 'job', id, null, { kind: job.kind, websiteId: job.websiteId, trigger: job.trigger });
    return { job, created: true };
  });
}

/** Takes the oldest queued job for `owner`; the status guard makes two runners never take the same job. */
export async function claimNextJob(db: Kysely<Database>, owner: string): Promise<Job | undefined> {
  for (let tries = 0; tries < 5; tries++) {
    const next = await db.selectFrom('jobs').select('id').where('status', '=', 'queued').orderBy('id').limit(1).executeTakeFirst();
    if (!next) return undefined;
    const now = nowIso();
    const res = await db
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', owner, startedAt: now, heartbeatAt: now, attempts: eb('attempts', '+', 1), error: null }))
      .where('id', '=', next.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) return loadJob(db, next.id);
  }
  return undefined;
}

/**
 * Takes one given job for `owner` (the distributed queue hands out job ids). A running job may be taken
 * over: its lock in Redis has already expired, so its old owner is gone. Undefined when the job ended.
 */
export async function claimJob(db: Kysely<Database>, id: number, owner: string): Promise<Job | undefined> {
  const now = nowIso();
  const res = await db
    .updateTable('jobs')
    .set((eb) => ({ status: 'running', owner, startedAt: now, heartbeatAt: now, attempts: eb('attempts', '+', 1), error: null }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0 ? loadJob(db, id) : undefined;
}

/** Puts a running job back in the queue, only while `owner` still holds it (a new owner may have taken it). */
export async function requeueJob(db: Kysely<Database>, id: number, owner: string | null, reason: string): Promise<boolean> {
  let q = db.updateTable('jobs').set({ status: 'queued', owner: null, error: reason }).where('id', '=', id).where('status', '=', 'running');
  q = owner === null ? q.where('owner', 'is', null) : q.where('owner', '=', owner);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/** Fails an open job, only while `owner` still holds it (null: a queued job nobody holds). */
export async function failOpenJob(db: Kysely<Database>, id: number, owner: string | null, reason: string): Promise<boolean> {
  let q = db.updateTable('jobs').set({ status: 'failed', error: reason, finishedAt: nowIso() }).where('id', '=', id).where('status', 'in', ['queued', 'running']);
  q = owner === null ? q.where('owner', 'is', null) : q.where('owner', '=', owner);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/** Queued and running jobs, oldest first (the distributed queue checks them against Redis). */
export async function openJobs(db: Kysely<Database>, statuses: JobStatus[] = ['queued', 'running']): Promise<Array<{ id: number; status: JobStatus; owner: string | null }>> {
  if (!statuses.length) return [];
  return db.selectFrom('jobs').select(['id', 'status', 'owner']).where('status', 'in', statuses).orderBy('id').execute();
}

export async function loadOpenJob(db: Kysely<Database>, id: number): Promise<{ id: number; status: JobStatus; owner: string | null } | undefined> {
  return db.selectFrom('jobs').select(['id', 'status', 'owner']).where('id', '=', id).where('status', 'in', ['queued', 'running']).executeTakeFirst();
}

export async function saveJobProgress(db: Kysely<Database>, id: number, progress: JobProgress, scanId?: number): Promise<void> {
  const set: Record<string, unknown> = { progress: toJson(progress), heartbeatAt: nowIso() };
  if (scanId !== undefined) set.scanId = scanId;
  await db.updateTable('jobs').set(set).where('id', '=', id).where('status', '=', 'running').execute();
}

/** Ends a job; a done scan becomes its website's latest. */
export async function finishJob(
  db: Kysely<Database>,
  id: number,
  outcome: { status: 'done' | 'failed'; error?: string; scanId?: number; progress?: JobProgress },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = { status: outcome.status, error: outcome.error ?? null, finishedAt: nowIso(), heartbeatAt: nowIso() };
    if (outcome.scanId !== undefined) set.scanId = outcome.scanId;
    if (outcome.progress) set.progress = toJson(outcome.progress);
    const job = await trx.updateTable('jobs').set(set).where('id', '=', id).returning(['websiteId']).executeTakeFirst();
    if (!job?.websiteId || outcome.scanId === undefined) return;
    const scan = await trx.selectFrom('scans').select(['status']).where('id', '=', outcome.scanId).executeTakeFirst();
    if (scan?.status === 'done') {
      await trx.updateTable('websites').set({ latestScanId: outcome.scanId, updatedAt: nowIso() }).where('id', '=', job.websiteId).execute();
    }
  });
}

/**
 * Running jobs whose owner is gone (a restart, a crash) go back to the queue once; a job that already
 * died twice is marked failed rather than crash-looping the runner.
 */
export async function recoverJobs(db: Kysely<Database>, ownerAlive: (owner: string | null) => boolean, maxAttempts = 2): Promise<{ requeued: number[]; failed: number[] }> {
  const running = await db.selectFrom('jobs').select(['id', 'owner', 'attempts']).where('status', '=', 'running').execute();
  const out = { requeued: [] as number[], failed: [] as number[] };
  for (const j of running) {
    if (ownerAlive(j.owner)) continue;
    if (Number(j.attempts) < maxAttempts) {
      await db.updateTable('jobs').set({ status: 'queued', owner: null, error: '上次运行被中断，已重新排队' }).where('id', '=', j.id).where('status', '=', 'running').execute();
      out.requeued.push(j.id);
    } else {
      await db.updateTable('jobs').set({ status: 'failed', error: '任务多次中断，已标记失败', finishedAt: nowIso() }).where('id', '=', j.id).where('status', '=', 'running').execute();
      out.failed.push(j.id);
    }
  }
  return out;
}

export async function websitesForSchedule(db: Kysely<Database>): Promise<Array<{ id: number; scheduleCron: string | null }>> {
  return db.selectFrom('websites').select(['id', 'scheduleCron']).orderBy('id').execute();
}
