// Rectification tasks (整改任务), the business side: a published round's confirmed problems become one task per
// site and indicator for the site's owner unit, due in Chinese working days; the unit answers; the machine
// re-checks what it can (a job, never inside the request) and closes or reopens the task; the inspector
// verifies the rest. Overdue tasks are announced once. Notifications go out after the change has committed.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/types.js';
import type { RoundProblem, RoundSiteResult, RoundSnapshot } from '../domain/round.js';
import type { RecheckVerdict, TaskKind } from '../domain/tasks.js';
import { addWorkingDays } from '../calendar/working-days.js';
import { parseConfig, type ScanConfig } from '../config.js';
import { fromJson } from '../store/codec.js';
import { getSettings } from '../store/settings.js';
import { invalid, notFound } from '../store/errors.js';
import { SYSTEM_ACTOR, UnitScope, type Actor } from '../store/scope.js';
import type { Role } from '../store/platform-types.js';
import {
  ANSWER_MAX, NOTE_MAX, finishRecheck, getTask, insertTasks, markOverdueNotified, queueRecheck, recheckInput, transitionTask,
  unnotifiedOverdue, type ItemResult, type NewTask, type NewTaskItem, type Task, type TaskDetail,
} from '../store/tasks.js';
import { recheckFindings, type RecheckFinding, type RecheckResult } from '../scan/recheck.js';
import { allowedFrom, recheckOutcome } from './task-state.js';

/** Sends an inbox notification (and its e-mail) to a unit's operators or to roles. Wired to src/notify. */
export type TaskNotifier = (to: { unitId?: number; roles?: Role[] }, n: { title: string; body: string; link?: string }) => Promise<unknown>;

export interface TaskDeps {
  db: Kysely<Database>;
  notify?: TaskNotifier;
  /** Asks the re-check worker to look at the queue now (it also polls). */
  kick?: () => void;
  log?: { error(o: object, msg?: string): void };
}

const SYSTEM_RECHECK: Actor = { ...SYSTEM_ACTOR, username: 'system:recheck' };

// ---------- creation ----------

/** The working days a unit gets, by the indicator's kind (settings; defaults UNVERIFIED: 3 for a veto, 10 for a deduction). */
export function deadlineDays(kind: TaskKind, days: { taskVetoDays: number; taskDeductionDays: number }): number {
  return kind === 'veto' ? days.taskVetoDays : days.taskDeductionDays;
}

/** The tasks a published round gives: its problems grouped by site and indicator (bonus items are no problem). */
export async function tasksFromSnapshot(db: Kysely<Database>, snapshot: RoundSnapshot, days: { taskVetoDays: number; taskDeductionDays: number }): Promise<NewTask[]> {
  const from = snapshot.publishedAt ?? new Date().toISOString();
  const out: NewTask[] = [];
  for (const site of snapshot.sites) {
    for (const [indicator, problems] of groupByIndicator(site.problems)) {
      const first = problems[0]!;
      if (first.kind !== 'veto' && first.kind !== 'deduction') continue;
      out.push({
        roundId: snapshot.id,
        websiteId: site.websiteId,
        unitId: site.unitId,
        indicator,
        indicatorName: first.indicatorName,
        kind: first.kind,
        title: `${first.indicatorName}（${problems.length} 处）`,
        deadline: addWorkingDays(from, deadlineDays(first.kind, days)),
        items: await Promise.all(problems.map((p) => taskItem(db, site, p))),
      });
    }
  }
  return out;
}

function groupByIndicator(problems: RoundProblem[]): Map<string, RoundProblem[]> {
  const groups = new Map<string, RoundProblem[]>();
  for (const p of problems) groups.set(p.indicator, [...(groups.get(p.indicator) ?? []), p]);
  return groups;
}

/** A machine problem finds its finding row in the round's scan (for the link target and detail the re-check needs). */
async function taskItem(db: Kysely<Database>, site: RoundSiteResult, p: RoundProblem): Promise<NewTaskItem> {
  const base: NewTaskItem = {
    source: p.source, findingId: null, scanId: site.scanId, check: p.check, url: p.url, target: null, evidence: p.evidence, message: p.message,
    advice: p.advice, detail: {},
  };
  if (p.source !== 'machine' || site.scanId == null) return { ...base, scanId: p.source === 'machine' ? site.scanId : null };
  const row = await db
    .selectFrom('findings')
    .select(['id', 'target', 'detail'])
    .where('scanId', '=', site.scanId)
    .where('checkId', '=', p.check)
    .where('url', '=', p.url)
    .where('evidence', '=', p.evidence)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!row) return base;
  return { ...base, findingId: row.id, target: row.target, detail: fromJson<Record<string, unknown>>(row.detail, {}) };
}

/** Makes the tasks of a published round (again: idempotent) and tells each unit. Returns the new task ids. */
export async function createTasksFromSnapshot(deps: TaskDeps, actor: Actor, snapshot: RoundSnapshot): Promise<number[]> {
  const settings = await getSettings(deps.db);
  const tasks = await tasksFromSnapshot(deps.db, snapshot, settings);
  const ids = await insertTasks(deps.db, actor, tasks);
  await announceCreated(deps, ids);
  return ids;
}

/** The rounds workflow calls this once a round is published: its frozen snapshot becomes tasks. */
export async function createTasksForRound(deps: TaskDeps, actor: Actor, roundId: number): Promise<number[]> {
  const snapshot = await publishedSnapshot(deps.db, roundId);
  if (!snapshot) throw notFound('已发布的检查轮次');
  return createTasksFromSnapshot(deps, actor, snapshot);
}

async function publishedSnapshot(db: Kysely<Database>, roundId: number): Promise<RoundSnapshot | undefined> {
  const { rows } = await sql<{ snapshot: string | null; status: string }>`select snapshot, status from rounds where id = ${roundId}`.execute(db);
  const row = rows[0];
  if (!row || row.status !== 'published' || !row.snapshot) return undefined;
  return fromJson<RoundSnapshot | undefined>(row.snapshot, undefined);
}

async function announceCreated(deps: TaskDeps, ids: number[]): Promise<void> {
  const byUnit = new Map<number, Task[]>();
  for (const id of ids) {
    const t = await getTask(deps.db, await allScope(deps.db), id);
    byUnit.set(t.unitId, [...(byUnit.get(t.unitId) ?? []), t]);
  }
  for (const [unitId, tasks] of byUnit) {
    const lines = tasks.map((t) => `· ${t.websiteName}：${t.title}，${t.kind === 'veto' ? '单项否决' : '扣分'}项，请于 ${t.deadlineYmd} 前整改并反馈`);
    await send(deps, { unitId }, { title: `新的整改任务 ${tasks.length} 项`, body: lines.join('\n'), link: tasks.length === 1 ? `/tasks/${tasks[0]!.id}` : '/tasks' });
  }
}

function allScope(db: Kysely<Database>): Promise<UnitScope> {
  return UnitScope.of(db, SYSTEM_ACTOR);
}

async function send(deps: TaskDeps, to: Parameters<TaskNotifier>[0], n: Parameters<TaskNotifier>[1]): Promise<void> {
  if (!deps.notify) return;
  try {
    await deps.notify(to, n);
  } catch (err) {
    deps.log?.error({ err }, '整改任务通知发送失败'); // the task change stands; the notice is best effort
  }
}

// ---------- the unit's answer, the inspector's word ----------

function boundedText(value: string | undefined, max: number, what: string, required: boolean): string {
  const text = (value ?? '').trim();
  if (required && !text) throw invalid(`请填写${what}`);
  if (text.length > max) throw invalid(`${what}不能超过 ${max} 个字`);
  return text;
}

/** The unit says what it did; the automatic re-check is queued (it runs as a job, not in this request). */
export async function answerTask(deps: TaskDeps, scope: UnitScope, id: number, answer: string | undefined): Promise<Task> {
  await getTask(deps.db, scope, id); // 404 before validating the body: a task not visible does not exist
  const text = boundedText(answer, ANSWER_MAX, '整改情况说明', true);
  const task = await transitionTask(deps.db, scope, id, {
    from: allowedFrom('answer'),
    to: 'answered',
    action: 'answer',
    note: text,
    set: { answer: text, answeredAt: new Date().toISOString(), answeredBy: scope.actor.username, needsInspector: 0 },
  });
  await queueRecheck(deps.db, scope, id, '单位反馈后自动复查');
  deps.kick?.();
  return task;
}

/** The inspector confirms the fix (for what the machine cannot judge, or over its head). */
export async function verifyTask(deps: TaskDeps, scope: UnitScope, id: number, note: string | undefined): Promise<Task> {
  await getTask(deps.db, scope, id);
  const text = boundedText(note, NOTE_MAX, '核验意见', false);
  return transitionTask(deps.db, scope, id, {
    from: allowedFrom('verify'), to: 'closed', action: 'verify', note: text || '检查员核验：已整改',
    set: { closedAt: new Date().toISOString(), closedHow: 'inspector', needsInspector: 0 },
  });
}

/** The inspector rejects the answer: back to the unit, with the reason. */
export async function rejectTask(deps: TaskDeps, scope: UnitScope, id: number, note: string | undefined): Promise<Task> {
  await getTask(deps.db, scope, id);
  const text = boundedText(note, NOTE_MAX, '退回理由', true);
  const task = await transitionTask(deps.db, scope, id, { from: allowedFrom('reject'), to: 'reopened', action: 'reject', note: text, reopen: true, set: { needsInspector: 0 } });
  await announceReopened(deps, task, `检查员退回：${text}`);
  return task;
}

/** An inspector asks for a re-check now (e.g. the unit fixed it without answering). */
export async function requestRecheck(deps: TaskDeps, scope: UnitScope, id: number): Promise<TaskDetail> {
  await queueRecheck(deps.db, scope, id, `${scope.actor.username} 发起复查`);
  deps.kick?.();
  return getTask(deps.db, scope, id);
}

async function announceReopened(deps: TaskDeps, task: Task, why: string): Promise<void> {
  await send(deps, { unitId: task.unitId }, {
    title: `整改任务被退回：${task.websiteName} ${task.indicatorName}`,
    body: `${why}\n请继续整改，并于 ${task.deadlineYmd} 前重新反馈。`,
    link: `/tasks/${task.id}`,
  });
}

// ---------- the automatic re-check (run by the task worker, src/jobs) ----------

export type RecheckRunner = (findings: RecheckFinding[], opts: { config: ScanConfig; rootUrl: string }) => Promise<RecheckResult[]>;

/** Re-checks every item of a claimed task and applies the outcome: all fixed closes it, one still present
 *  reopens an answered task, anything else waits for the inspector. */
export async function runTaskRecheck(deps: TaskDeps, taskId: number, recheck: RecheckRunner = recheckFindings): Promise<void> {
  const input = await recheckInput(deps.db, taskId);
  if (!input) return;
  const results = await recheckItems(input, recheck);
  const verdicts = results.map((r) => r.verdict);
  const outcome = recheckOutcome(verdicts);
  const summary = summarise(results);
  const change =
    outcome === 'fixed'
      ? { action: 'recheck-fixed' as const, to: 'closed' as const, from: allowedFrom('recheck-fixed'), note: summary, set: { closedAt: new Date().toISOString(), closedHow: 'recheck' as const, needsInspector: 0 } }
      : outcome === 'still-present'
        ? { action: 'recheck-still-present' as const, to: 'reopened' as const, from: ['answered' as const, 'reopened' as const], note: summary, reopen: true, set: { needsInspector: 0 } }
        : { action: 'recheck-inconclusive' as const, from: [], note: `${summary}；需检查员核验`, set: { needsInspector: 1 } };
  const moved = await finishRecheck(deps.db, SYSTEM_RECHECK, taskId, results, change);
  if (moved && outcome === 'still-present' && moved.before === 'answered' && moved.after === 'reopened') {
    const task = await getTask(deps.db, await allScope(deps.db), taskId);
    await announceReopened(deps, task, `自动复查发现问题仍然存在（${summary}）`);
  }
}

async function recheckItems(input: NonNullable<Awaited<ReturnType<typeof recheckInput>>>, recheck: RecheckRunner): Promise<ItemResult[]> {
  const out: ItemResult[] = [];
  const now = () => new Date().toISOString();
  // Items of one scan share its config (hosts, timeouts, dictionaries): re-checked together, one fetcher.
  const byConfig = new Map<string, typeof input.items>();
  for (const item of input.items) {
    if (item.source === 'manual') {
      out.push({ itemId: item.id, verdict: 'cannot-recheck', reason: '人工检查项，需检查员核验', at: now() });
      continue;
    }
    const key = JSON.stringify(item.scanConfig ?? null);
    byConfig.set(key, [...(byConfig.get(key) ?? []), item]);
  }
  for (const [key, items] of byConfig) {
    const config = scanConfigOf(JSON.parse(key));
    const results = await recheck(
      items.map((i) => ({ check: i.check, url: i.url, target: i.target, evidence: i.evidence, detail: i.detail })),
      { config, rootUrl: input.task.websiteUrl },
    );
    items.forEach((item, k) => out.push({ itemId: item.id, verdict: results[k]!.verdict, reason: results[k]!.reason, at: results[k]!.checkedAt }));
  }
  return out.sort((a, b) => a.itemId - b.itemId);
}

function scanConfigOf(stored: unknown): ScanConfig {
  try {
    return parseConfig(stored ?? {});
  } catch {
    return parseConfig({}); // a config from an older version: the defaults still re-fetch the page
  }
}

const VERDICT_NAMES: Record<RecheckVerdict, string> = { fixed: '已整改', 'still-present': '仍存在', 'cannot-recheck': '无法自动复查' };

function summarise(results: ItemResult[]): string {
  const counts = new Map<RecheckVerdict, number>();
  for (const r of results) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  const parts = [...counts].map(([v, n]) => `${VERDICT_NAMES[v]} ${n} 处`);
  const still = results.find((r) => r.verdict === 'still-present');
  return `自动复查：${parts.join('，')}${still ? `（${still.reason}）` : ''}`;
}

// ---------- overdue ----------

/** Tells each unit (and the supervisors) once about each task that went overdue. Returns how many. */
export async function sweepOverdue(deps: TaskDeps, now: Date = new Date()): Promise<number> {
  const due = await unnotifiedOverdue(deps.db, now);
  const scope = await allScope(deps.db);
  let n = 0;
  for (const { id } of due) {
    if (!(await markOverdueNotified(deps.db, SYSTEM_ACTOR, id, now))) continue; // another process took it
    const t = await getTask(deps.db, scope, id, now);
    const body = `${t.websiteName}「${t.title}」整改期限为 ${t.deadlineYmd}，目前状态：${STATUS_LABEL[t.status]}，已逾期。`;
    await send(deps, { unitId: t.unitId }, { title: `整改任务逾期：${t.websiteName} ${t.indicatorName}`, body: `${body}\n请尽快整改并反馈。`, link: `/tasks/${t.id}` });
    await send(deps, { roles: ['supervisor'] }, { title: `整改任务逾期：${t.unitName} ${t.websiteName}`, body, link: `/tasks/${t.id}` });
    n++;
  }
  return n;
}

const STATUS_LABEL: Record<Task['status'], string> = { open: '待整改', answered: '已反馈待核验', closed: '已办结', reopened: '已退回' };
