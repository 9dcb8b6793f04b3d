// The demo's monthly rounds (常态检查): last month's round worked through and published (every finding
// confirmed but one false alarm per site, dismissed with a reason; every checklist item filled, a few failed
// with notes), and this month's round open with part of the work done. The dismissals of last month are
// remembered, so this month shows them as already argued.
import type { Kysely } from 'kysely';
import type { Database } from '../store/types.js';
import { UnitScope, type Actor } from '../store/scope.js';
import { listRoundSites } from '../store/rounds.js';
import * as rounds from '../workflows/rounds.js';

export interface DemoRounds {
  published: number;
  open: number;
}

/** Failed checklist items of last month, by website index (an inspector's notes). */
const FAILED_ITEMS: Array<{ site: number; indicator: string; note: string; points?: number }> = [
  { site: 0, indicator: 'service.guide', note: '“不动产登记”等 3 个事项的办事指南缺少办理地点和收费标准', points: 2 },
  { site: 1, indicator: 'interaction.reply', note: '“校长信箱”2 条留言超过 10 个工作日未答复', points: 2 },
  { site: 4, indicator: 'publish.overview', note: '机构概况仍为 2021 年版本，未随机构改革更新', points: 1 },
];

/** Why a machine finding was a false alarm, by its check (the demo dismisses one per site). */
const DISMISS_REASON: Record<string, string> = {
  typo: '经核实为专有名词的正确写法，不是错别字',
  'dead-link': '该链接为内网业务系统入口，外网无法访问属正常情况',
  'stale-column': '该栏目为历史资料归档栏目，已停止更新并在页面注明',
  'empty-column': '该栏目为新开设栏目，已在页面注明“建设中”',
};

const SHANGHAI_MS = 8 * 3_600_000;
function shanghaiMonth(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_MS).toISOString().slice(0, 7);
}
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

async function actorOf(db: Kysely<Database>, username: string): Promise<Actor> {
  const u = await db.selectFrom('users').select(['id', 'username', 'role', 'unitId']).where('username', '=', username).executeTakeFirstOrThrow();
  return { id: u.id, username: u.username, role: u.role, unitId: u.unitId };
}

/** Confirms a site's findings; `dismissOne` first dismisses one false alarm with a reason. */
async function reviewSite(db: Kysely<Database>, insp: UnitScope, roundSiteId: number, opts: { dismissOne: boolean; confirmAtMost?: number }): Promise<void> {
  const view = await rounds.getRoundSite(db, insp, roundSiteId);
  const open = view.findings.filter((f) => f.status === 'pending' && !f.superseded);
  const falseAlarm = opts.dismissOne ? open.find((f) => DISMISS_REASON[f.finding.check]) : undefined;
  if (falseAlarm) {
    await rounds.reviewSiteFindings(db, insp, roundSiteId, { fingerprints: [falseAlarm.finding.fingerprint], decision: 'dismissed', reason: DISMISS_REASON[falseAlarm.finding.check]! });
  }
  const toConfirm = open.filter((f) => f !== falseAlarm).slice(0, opts.confirmAtMost ?? Infinity);
  if (toConfirm.length) await rounds.reviewSiteFindings(db, insp, roundSiteId, { fingerprints: toConfirm.map((f) => f.finding.fingerprint), decision: 'confirmed', reason: '' });
}

/** Fills the checklist: every item passes except the listed failures; `atMost` stops early (work in progress). */
async function fillChecklist(db: Kysely<Database>, insp: UnitScope, roundSiteId: number, failed: typeof FAILED_ITEMS, atMost = Infinity): Promise<void> {
  const view = await rounds.getRoundSite(db, insp, roundSiteId);
  for (const item of view.checklist.slice(0, atMost)) {
    const fail = failed.find((f) => f.indicator === item.indicator);
    await rounds.setSiteManualResult(db, insp, roundSiteId, fail
      ? { indicator: item.indicator, result: 'fail', note: fail.note, points: fail.points ?? null }
      : { indicator: item.indicator, result: 'pass', note: '' });
  }
}

/** Seeds both rounds after the demo's scans have finished. */
export async function seedDemoRounds(db: Kysely<Database>, now = new Date()): Promise<DemoRounds> {
  const sup = await UnitScope.of(db, await actorOf(db, 'admin'));
  const insp = await UnitScope.of(db, await actorOf(db, 'inspector'));
  const inspectorId = insp.actor.id!;
  const thisMonth = shanghaiMonth(now);
  const lastMonth = previousMonth(thisMonth);

  // Last month: cut off at the first day of this month, worked through, published.
  const last = await rounds.openRound(db, undefined, sup, { month: lastMonth, deadline: `${thisMonth}-05`, inspectors: [inspectorId], cutoff: `${thisMonth}-01` }, now);
  const lastSites = await listRoundSites(db, sup, last.id);
  for (const [i, site] of lastSites.entries()) {
    await reviewSite(db, insp, site.id, { dismissOne: true });
    await fillChecklist(db, insp, site.id, FAILED_ITEMS.filter((f) => f.site === i));
  }
  await rounds.publishRound(db, sup, last.id, now);

  // This month: open, cut off today; the portal half reviewed, the others not yet.
  const current = await rounds.openRound(db, undefined, sup, { month: thisMonth, deadline: lastDayOf(thisMonth), inspectors: [inspectorId] }, now);
  const currentSites = await listRoundSites(db, sup, current.id);
  if (currentSites[0]) {
    await reviewSite(db, insp, currentSites[0].id, { dismissOne: false, confirmAtMost: 5 });
    await fillChecklist(db, insp, currentSites[0].id, [], 8);
  }
  return { published: last.id, open: current.id };
}
