// Rectification tasks: queries and state changes. Unit isolation through UnitScope on tasks.unit_id; every
// change by a user writes its history event and its audit row in the same transaction, and a transition
// applies only from the status the state machine allows (a conditional update: two inspectors acting at once
// cannot both win).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Selectable } from 'kysely';
import type { Database } from './types.js';
import type { TaskEventsTable, TaskItemsTable, TasksTable } from './task-types.js';
import type { RecheckVerdict, TaskEventAction, TaskKind, TaskStatus } from '../domain/tasks.js';
import { cleanText, fromJson, LIMITS, toJson } from './codec.js';
import { writeAudit } from './audit.js';
import { conflict, notFound } from './errors.js';
import type { Actor, UnitScope } from './scope.js';
import type { Page, Paged } from './inventory.js';

type Db = Kysely<Database> | Transaction<Database>;
const nowIso = () => new Date().toISOString();

export const ANSWER_MAX = 2000;
export const NOTE_MAX = 1000;

export interface TaskItem {
  id: number;
  source: 'machine' | 'manual';
  findingId: number | null;
  scanId: number | null;
  check: string;
  url: string;
  target: string | null;
  evidence: string;
  message: string;
  advice: string;
  detail: Record<string, unknown>;
  result: RecheckVerdict | null;
  resultReason: string | null;
  resultAt: string | null;
}

export interface TaskEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
}

export interface Task {
  id: number;
  roundId: number | null;
  websiteId: number;
  websiteName: string;
  websiteUrl: string;
  unitId: number;
  unitName: string;
  indicator: string;
  indicatorName: string;
  kind: TaskKind;
  title: string;
  status: TaskStatus;
  deadline: string;
  deadlineYmd: string;
  deadlineEstimated: boolean;
  /** Past the deadline and not closed. */
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
  closedAt: string | null;
  closedHow: 'recheck' | 'inspector' | null;
  recheckState: 'queued' | 'running' | null;
  needsInspector: boolean;
  reopenCount: number;
  itemCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface TaskDetail extends Task {
  items: TaskItem[];
  events: TaskEvent[];
}

/** A task item as created: the finding it copies, before any re-check. */
export type NewTaskItem = Omit<TaskItem, 'id' | 'result' | 'resultReason' | 'resultAt'>;

export interface NewTask {
  roundId: number | null;
  websiteId: number;
  unitId: number;
  indicator: string;
  indicatorName: string;
  kind: TaskKind;
  title: string;
  deadline: { deadline: string; ymd: string; estimated: boolean };
  items: NewTaskItem[];
}

export interface TaskFilter extends Page {
  status?: TaskStatus;
  overdue?: boolean;
  websiteId?: number;
  unitId?: number;
  roundId?: number;
  q?: string;
}

export interface TaskCounts {
  total: number;
  open: number;
  answered: number;
  reopened: number;
  closed: number;
  overdue: number;
}

function taskQuery(db: Db) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('websites as w', 'w.id', 't.websiteId')
    .leftJoin('units as u', 'u.id', 't.unitId')
    .selectAll('t')
    .select(['w.name as websiteName', 'w.url as websiteUrl', 'u.name as unitName'])
    .select((eb) => eb.selectFrom('taskItems as i').whereRef('i.taskId', '=', 't.id').select((e) => e.fn.countAll<number>().as('n')).as('itemCount'));
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

function toTask(r: TaskRow, now: Date): Task {
  return {
    id: r.id, roundId: r.roundId, websiteId: r.websiteId, websiteName: r.websiteName, websiteUrl: r.websiteUrl, unitId: r.unitId,
    unitName: r.unitName ?? '', indicator: r.indicator, indicatorName: r.indicatorName, kind: r.kind, title: r.title, status: r.status,
    deadline: r.deadline, deadlineYmd: r.deadlineYmd, deadlineEstimated: !!r.deadlineEstimated,
    overdue: r.status !== 'closed' && r.deadline < now.toISOString(),
    answer: r.answer, answeredAt: r.answeredAt, answeredBy: r.answeredBy, closedAt: r.closedAt, closedHow: r.closedHow,
    recheckState: r.recheckState, needsInspector: !!r.needsInspector, reopenCount: r.reopenCount, itemCount: Number(r.itemCount ?? 0),
    createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}

function toItem(r: Selectable<TaskItemsTable>): TaskItem {
  return {
    id: r.id, source: r.source, findingId: r.findingId, scanId: r.scanId, check: r.checkId, url: r.url, target: r.target, evidence: r.evidence,
    message: r.message, advice: r.advice, detail: fromJson<Record<string, unknown>>(r.detail, {}), result: r.result, resultReason: r.resultReason,
    resultAt: r.resultAt,
  };
}

/** Past the deadline and not closed, as SQL. */
function overdueSql(now: Date) {
  return sql<boolean>`(${sql.ref('t.status')} <> 'closed' and ${sql.ref('t.deadline')} < ${now.toISOString()})`;
}

function applyFilter<Q extends { where(...args: any[]): any }>(q: Q, f: Omit<TaskFilter, 'page' | 'pageSize'>, now: Date): Q {
  let out: any = q;
  if (f.status) out = out.where('t.status', '=', f.status);
  if (f.overdue) out = out.where(overdueSql(now));
  if (f.websiteId) out = out.where('t.websiteId', '=', f.websiteId);
  if (f.unitId) out = out.where('t.unitId', '=', f.unitId);
  if (f.roundId) out = out.where('t.roundId', '=', f.roundId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    out = out.where((eb: any) => eb.or([eb('t.title', 'like', like), eb('w.name', 'like', like), eb('t.indicatorName', 'like', like)]));
  }
  return out as Q;
}

/** Overdue first, then open work before closed, then the nearest deadline. */
export async function listTasks(db: Db, scope: UnitScope, f: TaskFilter, now: Date = new Date()): Promise<Paged<Task>> {
  const counted = applyFilter(scope.filter(db.selectFrom('tasks as t').innerJoin('websites as w', 'w.id', 't.websiteId'), 't.unitId'), f, now);
  const [{ total }] = (await counted.select((eb: any) => eb.fn.countAll().as('total')).execute()) as Array<{ total: number }>;
  const rows = await applyFilter(scope.filter(taskQuery(db), 't.unitId'), f, now)
    .orderBy(sql`case when ${overdueSql(now)} then 0 when ${sql.ref('t.status')} = 'closed' then 2 else 1 end`)
    .orderBy('t.deadline')
    .orderBy('t.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: rows.map((r) => toTask(r, now)), total: Number(total) };
}

export async function taskCounts(db: Db, scope: UnitScope, now: Date = new Date()): Promise<TaskCounts> {
  const rows = await scope
    .filter(db.selectFrom('tasks as t'), 't.unitId')
    .select(['t.status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .select(sql<number>`sum(case when ${overdueSql(now)} then 1 else 0 end)`.as('late'))
    .groupBy('t.status')
    .execute();
  const out: TaskCounts = { total: 0, open: 0, answered: 0, reopened: 0, closed: 0, overdue: 0 };
  for (const r of rows) {
    out[r.status] = Number(r.n);
    out.total += Number(r.n);
    out.overdue += Number(r.late ?? 0);
  }
  return out;
}

export async function getTask(db: Db, scope: UnitScope, id: number, now: Date = new Date()): Promise<TaskDetail> {
  const row = await scope.filter(taskQuery(db), 't.unitId').where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('整改任务');
  const items = await db.selectFrom('taskItems').selectAll().where('taskId', '=', id).orderBy('id').execute();
  const events = await db.selectFrom('taskEvents').select(['id', 'at', 'actor', 'action', 'fromStatus', 'toStatus', 'note']).where('taskId', '=', id).orderBy('id').execute();
  return { ...toTask(row, now), items: items.map(toItem), events };
}

async function addEvent(
  trx: Db,
  actor: Actor,
  taskId: number,
  action: TaskEventAction,
  from: TaskStatus | null,
  to: TaskStatus | null,
  note = '',
): Promise<void> {
  const row: Omit<TaskEventsTable, 'id'> = {
    taskId, at: nowIso(), actorId: actor.id, actor: actor.username, action, fromStatus: from, toStatus: to, note: cleanText(note, ANSWER_MAX),
  };
  await trx.insertInto('taskEvents').values(row).execute();
}

/**
 * Inserts the tasks not made yet (a round, a site and an indicator make one task: calling it again for the
 * same round adds nothing). Returns the ids of the tasks it made.
 */
export async function insertTasks(db: Kysely<Database>, actor: Actor, tasks: NewTask[]): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const made: number[] = [];
    for (const t of tasks) {
      if (await taskExists(trx, t)) continue;
      const id = await insertTask(trx, t);
      await addEvent(trx, actor, id, 'create', null, 'open', `截止 ${t.deadline.ymd}${t.deadline.estimated ? '（节假日安排未公布，按估算）' : ''}`);
      await writeAudit(trx, actor, 'create', 'task', id, null, { roundId: t.roundId, websiteId: t.websiteId, unitId: t.unitId, indicator: t.indicator, deadline: t.deadline.ymd, items: t.items.length });
      made.push(id);
    }
    return made;
  });
}

async function taskExists(trx: Db, t: NewTask): Promise<boolean> {
  let q = trx.selectFrom('tasks').select('id').where('websiteId', '=', t.websiteId).where('indicator', '=', t.indicator);
  q = t.roundId == null ? q.where('roundId', 'is', null).where('status', '<>', 'closed') : q.where('roundId', '=', t.roundId);
  return !!(await q.executeTakeFirst());
}

async function insertTask(trx: Transaction<Database>, t: NewTask): Promise<number> {
  const at = nowIso();
  const row: Omit<TasksTable, 'id'> = {
    roundId: t.roundId, websiteId: t.websiteId, unitId: t.unitId, indicator: cleanText(t.indicator, 100), indicatorName: cleanText(t.indicatorName, LIMITS.short),
    kind: t.kind, title: cleanText(t.title, LIMITS.short), status: 'open', deadline: t.deadline.deadline, deadlineYmd: t.deadline.ymd,
    deadlineEstimated: t.deadline.estimated ? 1 : 0, answer: null, answeredAt: null, answeredBy: null, closedAt: null, closedHow: null,
    recheckState: null, recheckOwner: null, recheckAt: null, needsInspector: 0, reopenCount: 0, overdueNotifiedAt: null, createdAt: at, updatedAt: at,
  };
  const { id } = await trx.insertInto('tasks').values(row).returning('id').executeTakeFirstOrThrow();
  for (const item of t.items) {
    await trx
      .insertInto('taskItems')
      .values({
        taskId: id, source: item.source, findingId: item.findingId, scanId: item.scanId, checkId: cleanText(item.check, 100), url: cleanText(item.url, LIMITS.url),
        target: item.target == null ? null : cleanText(item.target, LIMITS.url), evidence: cleanText(item.evidence, LIMITS.evidence),
        message: cleanText(item.message, LIMITS.short), advice: cleanText(item.advice, LIMITS.short), detail: toJson(item.detail, {}),
        result: null, resultReason: null, resultAt: null,
      })
      .execute();
  }
  return id;
}

export interface TransitionChange {
  from: TaskStatus[];
  to: TaskStatus;
  action: TaskEventAction;
  note?: string;
  set?: Partial<Omit<TasksTable, 'id' | 'status'>>;
  /** Counted as a reopen (the unit's answer did not hold). */
  reopen?: boolean;
}

/**
 * Moves a visible task from one of `from` to `to`, with its event and audit row, in one transaction.
 * 404 when the task is not visible; 409 (Chinese) when its status does not allow the change.
 */
export async function transitionTask(db: Kysely<Database>, scope: UnitScope, id: number, change: TransitionChange): Promise<Task> {
  return db.transaction().execute(async (trx) => {
    const before = await scope.filter(trx.selectFrom('tasks as t'), 't.unitId').selectAll('t').where('t.id', '=', id).executeTakeFirst();
    if (!before) throw notFound('整改任务');
    if (!change.from.includes(before.status)) throw conflict(`任务当前状态为「${STATUS_NAMES[before.status]}」，不能${ACTION_NAMES[change.action] ?? '执行此操作'}`);
    const set = {
      ...change.set,
      status: change.to,
      updatedAt: nowIso(),
      ...(change.reopen ? { reopenCount: before.reopenCount + 1 } : {}),
    };
    const res = await trx.updateTable('tasks').set(set).where('id', '=', id).where('status', '=', before.status).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('任务刚被他人修改，请刷新后重试');
    await addEvent(trx, scope.actor, id, change.action, before.status, change.to, change.note);
    await writeAudit(trx, scope.actor, change.action, 'task', id, pickAudit(before), pickAudit({ ...before, ...set }));
    const row = await taskQuery(trx).where('t.id', '=', id).executeTakeFirstOrThrow();
    return toTask(row, new Date());
  });
}

function pickAudit(t: Partial<Selectable<TasksTable>>) {
  return { status: t.status, answer: t.answer, closedHow: t.closedHow, needsInspector: t.needsInspector, recheckState: t.recheckState, reopenCount: t.reopenCount };
}

export const STATUS_NAMES: Record<TaskStatus, string> = { open: '待整改', answered: '已反馈', closed: '已办结', reopened: '已退回' };
const ACTION_NAMES: Partial<Record<TaskEventAction, string>> = {
  answer: '反馈整改情况', verify: '核验通过', reject: '退回重新整改', 'recheck-queued': '复查',
};

/** Queues the automatic re-check on a visible, unclosed task (with its event and audit row). */
export async function queueRecheck(db: Kysely<Database>, scope: UnitScope, id: number, note = ''): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await scope.filter(trx.selectFrom('tasks as t'), 't.unitId').selectAll('t').where('t.id', '=', id).executeTakeFirst();
    if (!before) throw notFound('整改任务');
    if (before.status === 'closed') throw conflict('任务已办结，无需复查');
    if (before.recheckState) return; // already queued or running
    await trx.updateTable('tasks').set({ recheckState: 'queued', recheckOwner: null, updatedAt: nowIso() }).where('id', '=', id).execute();
    await addEvent(trx, scope.actor, id, 'recheck-queued', before.status, before.status, note);
    await writeAudit(trx, scope.actor, 'recheck', 'task', id, { recheckState: before.recheckState }, { recheckState: 'queued' });
  });
}

/** Claims the oldest queued re-check for `owner` (a conditional update, so two workers never take the same). */
export async function claimRecheck(db: Kysely<Database>, owner: string): Promise<number | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const next = await db.selectFrom('tasks').select('id').where('recheckState', '=', 'queued').orderBy('id').limit(1).executeTakeFirst();
    if (!next) return undefined;
    const res = await db
      .updateTable('tasks')
      .set({ recheckState: 'running', recheckOwner: owner, recheckAt: nowIso() })
      .where('id', '=', next.id)
      .where('recheckState', '=', 'queued')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) return next.id;
  }
  return undefined;
}

/** Re-checks left running by a process that died go back to the queue. */
export async function requeueRechecks(db: Kysely<Database>, isAlive: (owner: string | null) => boolean): Promise<number> {
  const running = await db.selectFrom('tasks').select(['id', 'recheckOwner']).where('recheckState', '=', 'running').execute();
  const dead = running.filter((r) => !isAlive(r.recheckOwner)).map((r) => r.id);
  if (dead.length) await db.updateTable('tasks').set({ recheckState: 'queued', recheckOwner: null }).where('id', 'in', dead).execute();
  return dead.length;
}

export interface ItemResult {
  itemId: number;
  verdict: RecheckVerdict;
  reason: string;
  at: string;
}

/**
 * Records a finished re-check: each item's result, then the task's transition (or none), the event and the
 * audit row, in one transaction. The re-check is the system's act.
 */
export async function finishRecheck(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  results: ItemResult[],
  outcome: { action: TaskEventAction; to?: TaskStatus; from: TaskStatus[]; note: string; set?: Partial<Omit<TasksTable, 'id' | 'status'>>; reopen?: boolean },
): Promise<{ before: TaskStatus; after: TaskStatus } | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) return undefined;
    for (const r of results) {
      await trx.updateTable('taskItems').set({ result: r.verdict, resultReason: cleanText(r.reason, LIMITS.short), resultAt: r.at }).where('id', '=', r.itemId).where('taskId', '=', id).execute();
    }
    // A transition applies only from the statuses it allows; a re-check that moves nothing still records its
    // flags (needs the inspector).
    // A task closed meanwhile (the inspector verified it while the re-check ran) keeps its state.
    const applies = before.status !== 'closed' && (outcome.to === undefined || outcome.from.includes(before.status));
    const to = outcome.to && applies ? outcome.to : before.status;
    const set = {
      ...(applies ? outcome.set : {}),
      status: to,
      recheckState: null,
      recheckOwner: null,
      recheckAt: nowIso(),
      updatedAt: nowIso(),
      ...(outcome.reopen && to !== before.status ? { reopenCount: before.reopenCount + 1 } : {}),
    };
    await trx.updateTable('tasks').set(set).where('id', '=', id).execute();
    await addEvent(trx, actor, id, outcome.action, before.status, to, outcome.note);
    await writeAudit(trx, actor, outcome.action, 'task', id, pickAudit(before), pickAudit({ ...before, ...set }));
    return { before: before.status, after: to };
  });
}

/** Items of a task as the re-check reads them, with the config of the scan each came from. */
export async function recheckInput(db: Db, id: number) {
  const task = await db
    .selectFrom('tasks as t')
    .innerJoin('websites as w', 'w.id', 't.websiteId')
    .select(['t.id', 't.status', 't.websiteId', 't.unitId', 'w.url as websiteUrl'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!task) return undefined;
  const items = await db
    .selectFrom('taskItems as i')
    .leftJoin('scans as s', 's.id', 'i.scanId')
    .selectAll('i')
    .select('s.config as scanConfig')
    .where('i.taskId', '=', id)
    .orderBy('i.id')
    .execute();
  return { task, items: items.map((r) => ({ ...toItem(r), scanConfig: r.scanConfig ? fromJson<unknown>(r.scanConfig, null) : null })) };
}

/** Overdue tasks no one has been told about yet. */
export async function unnotifiedOverdue(db: Db, now: Date = new Date(), limit = 200): Promise<Array<{ id: number; unitId: number }>> {
  return db
    .selectFrom('tasks as t')
    .select(['t.id', 't.unitId'])
    .where(overdueSql(now))
    .where('t.overdueNotifiedAt', 'is', null)
    .orderBy('t.id')
    .limit(limit)
    .execute();
}

/** Marks a task's overdue notice as sent, with its history event; false when another process did it first. */
export async function markOverdueNotified(db: Kysely<Database>, actor: Actor, id: number, now: Date = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('tasks').set({ overdueNotifiedAt: now.toISOString() }).where('id', '=', id).where('overdueNotifiedAt', 'is', null).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    const t = await trx.selectFrom('tasks').select(['status', 'deadlineYmd']).where('id', '=', id).executeTakeFirstOrThrow();
    await addEvent(trx, actor, id, 'overdue', t.status, t.status, `已超过整改期限（${t.deadlineYmd}）`);
    return true;
  });
}
