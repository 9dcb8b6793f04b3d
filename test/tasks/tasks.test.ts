// Rectification tasks on SQLite and PostgreSQL: made from a published round (grouped by site and indicator,
// due in working days across 国庆), answered, re-checked by a job, verified, reopened, overdue first, and
// announced; a unit sees only its own.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import { SYSTEM_ACTOR, UnitScope, type Actor } from '../../src/store/scope.js';
import { getTask, listTasks, taskCounts } from '../../src/store/tasks.js';
import { listAudit } from '../../src/store/audit.js';
import { updateSettings } from '../../src/store/settings.js';
import {
  answerTask, createTasksFromSnapshot, rejectTask, requestRecheck, sweepOverdue, verifyTask, type RecheckRunner, type TaskDeps, type TaskNotifier,
} from '../../src/workflows/tasks.js';
import { TaskWorker } from '../../src/jobs/task-worker.js';
import type { RecheckVerdict } from '../../src/domain/index.js';
import { onBothBackends } from '../workflows/backends.js';
import { buildWorld, type World } from './fixture.js';

const SUPERVISOR: Actor = { id: null, username: 'chief', role: 'supervisor', unitId: null };
const INSPECTOR: Actor = { id: null, username: 'inspector1', role: 'inspector', unitId: null };

onBothBackends('rectification tasks', (backend) => {
  let store: Store;
  let w: World;
  let sent: Array<{ to: Parameters<TaskNotifier>[0]; title: string; body: string; link?: string }>;
  let verdicts: Map<string, RecheckVerdict>;
  let worker: TaskWorker;
  let deps: TaskDeps;

  /** The network re-check replaced by a table: url → verdict (its own tests run it on the synthetic site). */
  const recheck: RecheckRunner = async (findings) =>
    findings.map((f) => ({ verdict: verdicts.get(f.url) ?? 'cannot-recheck', reason: `stub ${f.url}`, checkedAt: new Date().toISOString() }));

  beforeEach(async () => {
    store = await backend.open();
    w = await buildWorld(store);
    sent = [];
    verdicts = new Map();
    const notify: TaskNotifier = async (to, n) => void sent.push({ to, ...n });
    worker = new TaskWorker({ db: store.db, notify }, { recheck, pollMs: 60_000, overdueEveryMs: 1e12 });
    deps = { db: store.db, notify, kick: worker.kick };
    await worker.start();
  });
  afterEach(async () => {
    await worker?.stop();
    await store?.close();
  });

  const scopeOf = async (actor: Actor) => UnitScope.of(store.db, actor);
  const unitA = (): Actor => ({ id: null, username: 'op-a', role: 'unit', unitId: w.unitA });
  const unitB = (): Actor => ({ id: null, username: 'op-b', role: 'unit', unitId: w.unitB });
  const all = () => scopeOf(SYSTEM_ACTOR);
  async function made() {
    const ids = await createTasksFromSnapshot(deps, SUPERVISOR, w.snapshot);
    const tasks = await Promise.all(ids.map(async (id) => getTask(store.db, await all(), id)));
    const by = (websiteId: number, indicator: string) => tasks.find((t) => t.websiteId === websiteId && t.indicator === indicator)!;
    return { ids, tasks, dead: by(w.siteA.id, 'D3'), typo: by(w.siteA.id, 'D9'), manual: by(w.siteA.id, 'M1'), leak: by(w.siteB.id, 'V4') };
  }

  it('makes one task per site and indicator, due in working days across 国庆 (veto 3, deduction 10), once', async () => {
    const { ids, dead, leak, tasks } = await made();
    expect(ids).toHaveLength(4); // D3 (two dead links), D9, M1 on site A; V4 on site B; the bonus item is no task
    expect(tasks.map((t) => t.status)).toEqual(['open', 'open', 'open', 'open']);
    expect(dead).toMatchObject({ unitId: w.unitA, roundId: 7, kind: 'deduction', title: '链接不可用（2 处）', deadlineYmd: '2026-10-19', deadlineEstimated: false, itemCount: 2 });
    expect(dead.deadline).toBe('2026-10-19T15:59:59.999Z'); // end of the day in Shanghai
    expect(leak).toMatchObject({ unitId: w.unitB, kind: 'veto', deadlineYmd: '2026-10-09' }); // 9/30, (国庆 10/1–7), 10/8, 10/9
    // Items carry the finding's own row: the link target the re-check requests, the exact evidence, the advice.
    expect(dead.items[0]).toMatchObject({ source: 'machine', check: 'dead-link', target: `${w.siteA.url}gone.html`, evidence: '<a href="gone.html">旧链接</a>', advice: '请修复或删除该链接。', scanId: w.scanA });
    expect(dead.items[0]!.findingId).toBeGreaterThan(0);
    expect(dead.events.map((e) => e.action)).toEqual(['create']);
    // Publishing twice (a retry) makes nothing new.
    expect(await createTasksFromSnapshot(deps, SUPERVISOR, w.snapshot)).toEqual([]);
    // Each unit was told once, with its own tasks only.
    expect(sent.map((s) => s.to)).toEqual([{ unitId: w.unitA }, { unitId: w.unitB }]);
    expect(sent[0]!.body).toContain('2026-10-19');
    expect(sent[0]!.body).not.toContain('乙区');
    const audit = await listAudit(store.db, { entity: 'task', action: 'create', page: 1, pageSize: 50 });
    expect(audit.total).toBe(4);
  });

  it('takes its deadline days from the settings', async () => {
    await updateSettings(store.db, SUPERVISOR, { taskVetoDays: 5, taskDeductionDays: 2 });
    const { leak, dead } = await made();
    expect(leak.deadlineYmd).toBe('2026-10-12'); // 9/30, 10/8, 10/9, 10/10 (调休上班), 10/12
    expect(dead.deadlineYmd).toBe('2026-10-08');
  });

  it('shows a unit only its own tasks', async () => {
    const { leak, dead } = await made();
    const a = await listTasks(store.db, await scopeOf(unitA()), { page: 1, pageSize: 50 });
    expect(a.items.map((t) => t.unitId)).toEqual([w.unitA, w.unitA, w.unitA]);
    await expect(getTask(store.db, await scopeOf(unitA()), leak.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(answerTask(deps, await scopeOf(unitB()), dead.id, '已改')).rejects.toMatchObject({ code: 'not_found' });
    expect((await taskCounts(store.db, await scopeOf(unitB()))).total).toBe(1);
  });

  it('answer → re-check still present → reopened (the unit is told) → answer → re-check fixed → closed', async () => {
    const { dead } = await made();
    const unit = await scopeOf(unitA());
    verdicts.set(dead.items[0]!.url, 'fixed').set(dead.items[1]!.url, 'still-present');
    const answered = await answerTask(deps, unit, dead.id, '已删除失效链接');
    expect(answered).toMatchObject({ status: 'answered', answer: '已删除失效链接', answeredBy: 'op-a' });
    await worker.idle();
    let t = await getTask(store.db, unit, dead.id);
    expect(t).toMatchObject({ status: 'reopened', reopenCount: 1, recheckState: null, closedAt: null });
    expect(t.items.map((i) => i.result)).toEqual(['fixed', 'still-present']);
    expect(sent.at(-1)).toMatchObject({ to: { unitId: w.unitA }, link: `/tasks/${dead.id}` });
    expect(sent.at(-1)!.title).toContain('退回');

    verdicts.set(dead.items[1]!.url, 'fixed');
    await answerTask(deps, unit, dead.id, '外链也已删除');
    await worker.idle();
    t = await getTask(store.db, unit, dead.id);
    expect(t).toMatchObject({ status: 'closed', closedHow: 'recheck', reopenCount: 1 });
    expect(t.events.map((e) => `${e.action}:${e.toStatus}`)).toEqual([
      'create:open', 'answer:answered', 'recheck-queued:answered', 'recheck-still-present:reopened',
      'answer:answered', 'recheck-queued:answered', 'recheck-fixed:closed',
    ]);
    expect(t.events.find((e) => e.action === 'recheck-fixed')!.actor).toBe('system:recheck');
    // A closed task takes no answer (409, in Chinese).
    await expect(answerTask(deps, unit, dead.id, '再次反馈')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('已办结') });
    const audit = await listAudit(store.db, { entity: 'task', page: 1, pageSize: 100 });
    expect(audit.items.filter((a) => a.entityId === String(dead.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['answer', 'recheck', 'recheck-fixed', 'recheck-still-present']));
  });

  it('leaves what the machine cannot judge to the inspector, who verifies or rejects with a reason', async () => {
    const { manual, typo } = await made();
    const unit = await scopeOf(unitA());
    const inspector = await scopeOf(INSPECTOR);
    await answerTask(deps, unit, manual.id, '已补齐办理时限');
    await worker.idle();
    let t = await getTask(store.db, inspector, manual.id);
    expect(t).toMatchObject({ status: 'answered', needsInspector: true });
    expect(t.items[0]).toMatchObject({ result: 'cannot-recheck', resultReason: '人工检查项，需检查员核验' });
    await expect(rejectTask(deps, inspector, manual.id, '  ')).rejects.toMatchObject({ code: 'invalid', message: '请填写退回理由' });
    await rejectTask(deps, inspector, manual.id, '办事指南仍缺收费标准');
    t = await getTask(store.db, inspector, manual.id);
    expect(t).toMatchObject({ status: 'reopened', reopenCount: 1 });
    expect(sent.at(-1)!.body).toContain('办事指南仍缺收费标准');
    await answerTask(deps, unit, manual.id, '收费标准已补充');
    await worker.idle();
    await verifyTask(deps, inspector, manual.id, '现场核实已整改');
    expect(await getTask(store.db, unit, manual.id)).toMatchObject({ status: 'closed', closedHow: 'inspector', needsInspector: false });
    // An answer is bounded and required.
    await expect(answerTask(deps, unit, typo.id, '')).rejects.toMatchObject({ code: 'invalid' });
    await expect(answerTask(deps, unit, typo.id, '字'.repeat(2001))).rejects.toMatchObject({ code: 'invalid' });
    // An inspector may ask for a re-check of a task the unit fixed without answering; fixed closes it.
    verdicts.set(typo.items[0]!.url, 'fixed');
    await requestRecheck(deps, inspector, typo.id);
    await worker.idle();
    expect(await getTask(store.db, unit, typo.id)).toMatchObject({ status: 'closed', closedHow: 'recheck' });
  });

  it('lists overdue tasks first, counts them, and announces each once', async () => {
    const { leak, dead, typo } = await made();
    await verifyTask(deps, await scopeOf(INSPECTOR), typo.id, ''); // closed tasks are never overdue
    const between = new Date('2026-10-12T02:00:00Z'); // the veto (10-09) is late, the deductions (10-19) are not
    const list = await listTasks(store.db, await all(), { page: 1, pageSize: 50 }, between);
    expect(list.items[0]).toMatchObject({ id: leak.id, overdue: true });
    expect(list.items.at(-1)).toMatchObject({ id: typo.id, status: 'closed', overdue: false });
    expect(list.items.filter((t) => t.overdue).map((t) => t.id)).toEqual([leak.id]);
    expect((await listTasks(store.db, await all(), { page: 1, pageSize: 50, overdue: true }, between)).items.map((t) => t.id)).toEqual([leak.id]);
    expect(await taskCounts(store.db, await all(), between)).toMatchObject({ total: 4, open: 3, closed: 1, overdue: 1 });
    const later = new Date('2026-10-20T02:00:00Z');
    expect((await taskCounts(store.db, await all(), later)).overdue).toBe(3);

    sent.length = 0;
    expect(await sweepOverdue(deps, between)).toBe(1);
    expect(sent.map((s) => s.to)).toEqual([{ unitId: w.unitB }, { roles: ['supervisor'] }]);
    expect(sent[0]!.body).toContain('已逾期');
    expect(await sweepOverdue(deps, between)).toBe(0); // once
    expect(await sweepOverdue(deps, later)).toBe(2); // D3 and M1
    expect((await getTask(store.db, await all(), dead.id, later)).events.at(-1)).toMatchObject({ action: 'overdue' });
  });
});
