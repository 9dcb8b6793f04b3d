// Demo rectification tasks: the published round's problems become tasks as publishing makes them; the portal
// also carries tasks left over from an earlier period (before the platform's rounds), now overdue; one task is
// already answered by its unit (the automatic re-check runs on the synthetic site).
import type { Kysely } from 'kysely';
import type { Database } from '../store/types.js';
import type { Finding } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { addWorkingDays } from '../calendar/working-days.js';
import { getSettings } from '../store/settings.js';
import { insertTasks, type NewTask } from '../store/tasks.js';
import { SYSTEM_ACTOR, UnitScope, type Actor } from '../store/scope.js';
import { answerTask, createTasksForRound, deadlineDays, type TaskDeps } from '../workflows/tasks.js';

export interface DemoTaskSite {
  websiteId: number;
  /** Days before today the problems were handed over (past the deadline: overdue). */
  issuedDaysAgo: number;
  /** At most this many tasks (indicators) for the site. */
  max: number;
}

const DAY_MS = 86_400_000;

export async function seedDemoTasks(
  store: Store, deps: TaskDeps, publishedRoundId: number, leftovers: DemoTaskSite[], answer?: { username: string; unitId: number },
): Promise<number[]> {
  const actor: Actor = { ...SYSTEM_ACTOR, username: 'demo' };
  const fromRound = await createTasksForRound(deps, actor, publishedRoundId);
  const settings = await getSettings(store.db);
  const tasks: NewTask[] = [];
  for (const s of leftovers) tasks.push(...(await siteTasks(store, s, settings)));
  const ids = [...fromRound, ...(await insertTasks(store.db, actor, tasks))];
  if (answer) await answerOne(store.db, deps, ids, answer);
  return ids;
}

async function siteTasks(store: Store, s: DemoTaskSite, days: { taskVetoDays: number; taskDeductionDays: number }): Promise<NewTask[]> {
  const website = await store.db.selectFrom('websites').select(['id', 'unitId', 'latestScanId']).where('id', '=', s.websiteId).executeTakeFirst();
  if (!website?.latestScanId) return [];
  const scanId = website.latestScanId;
  const indicators = await store.db.selectFrom('indicatorResults').select(['code', 'name', 'kind']).where('scanId', '=', scanId).where('triggered', '=', 1).execute();
  const findings = await store.findingsOf(scanId);
  const rows = await store.db.selectFrom('findings').select(['id', 'checkId', 'url', 'evidence']).where('scanId', '=', scanId).execute();
  const rowId = (f: Finding) => rows.find((r) => r.checkId === f.check && r.url === f.url && r.evidence === f.evidence)?.id ?? null;
  const issued = new Date(Date.now() - s.issuedDaysAgo * DAY_MS);
  const out: NewTask[] = [];
  for (const ind of indicators) {
    if (out.length >= s.max || (ind.kind !== 'veto' && ind.kind !== 'deduction')) continue;
    const mine = findings.filter((f) => f.indicator === ind.code).slice(0, 5);
    if (!mine.length) continue;
    const kind = ind.kind as 'veto' | 'deduction';
    out.push({
      roundId: null, websiteId: website.id, unitId: website.unitId, indicator: ind.code, indicatorName: ind.name, kind,
      title: `${ind.name}（${mine.length} 处）`, deadline: addWorkingDays(issued, deadlineDays(kind, days)),
      items: mine.map((f) => ({
        source: 'machine', findingId: rowId(f), scanId, check: f.check, url: f.url, target: f.target ?? null, evidence: f.evidence, message: f.message,
        advice: String((f.detail as { advice?: string }).advice ?? ''), detail: f.detail as unknown as Record<string, unknown>,
      })),
    });
  }
  return out;
}

/** The unit answers its first open task, as an operator would. */
async function answerOne(db: Kysely<Database>, deps: TaskDeps, ids: number[], who: { username: string; unitId: number }): Promise<void> {
  const scope = await UnitScope.of(db, { id: null, username: who.username, role: 'unit', unitId: who.unitId });
  const own = await db.selectFrom('tasks').select('id').where('id', 'in', ids.length ? ids : [0]).where('unitId', '=', who.unitId).orderBy('id').executeTakeFirst();
  if (own) await answerTask(deps, scope, own.id, '已按整改建议修改相关页面，请复查。');
}
