// The round workflow on SQLite and PostgreSQL: opening (latest scan or a fresh one, the probe window),
// reviews and the checklist, verdicts and their incomplete reasons, the dismissal memory in the next round,
// and the freeze: a published round recomputes deep-equal from its stored inputs even after its scans change.
import { expect, it } from 'vitest';
import { enqueueJob } from '../../src/store/jobs.js';
import { UnitScope } from '../../src/store/scope.js';
import { listRoundSites } from '../../src/store/rounds.js';
import * as rounds from '../../src/workflows/rounds.js';
import { CATEGORY_CODES, submitPublicMessage } from '../../src/workflows/messages.js';
import type { Store } from '../../src/store/index.js';
import { onBothBackends } from '../workflows/backends.js';
import { deadLink, seedWorld, storeProbeWeek, storeScan, typo, wrongExpression, type World } from './fixture.js';

const CUTOFF_DAY = '2026-11-30';
const CUTOFF = '2026-11-29T16:00:00.000Z'; // 2026-11-30 00:00 Asia/Shanghai

function starter(store: Store) {
  const started: number[] = [];
  return {
    started,
    enqueueScan: async (websiteId: number, o: { actor: any; trigger: string }) => {
      started.push(websiteId);
      return (await enqueueJob(store.db, o.actor, { kind: 'scan', websiteId, trigger: o.trigger })).job;
    },
  };
}

async function setUp(store: Store): Promise<{ w: World; sup: UnitScope; insp: UnitScope; jobs: ReturnType<typeof starter> }> {
  const w = await seedWorld(store);
  const urlA = 'http://www.jiaxian.gov.test/';
  await storeScan(store, w.siteA, [typo(`${urlA}a.html`, '部暑'), typo(`${urlA}b.html`, '工做'), wrongExpression(`${urlA}c.html`), deadLink(urlA)], '2026-11-28T02:00:00.000Z');
  await storeProbeWeek(store, w.siteA, CUTOFF);
  return { w, sup: await UnitScope.of(store.db, w.supervisor), insp: await UnitScope.of(store.db, w.inspector), jobs: starter(store) };
}

async function passEverything(store: Store, insp: UnitScope, roundSiteId: number, except: string[] = []): Promise<void> {
  const view = await rounds.getRoundSite(store.db, insp, roundSiteId);
  for (const item of view.checklist) {
    if (!except.includes(item.indicator)) await rounds.setSiteManualResult(store.db, insp, roundSiteId, { indicator: item.indicator, result: 'pass', note: '' });
  }
}

onBothBackends('round workflow', (backend) => {
  it('opens on the latest scan or a fresh one, and says why a verdict is incomplete', async () => {
    const store = await backend.open();
    try {
      const { w, sup, jobs } = await setUp(store);
      const round = await rounds.openRound(store.db, jobs, sup, { month: '2026-11', deadline: '2026-12-10', inspectors: [w.inspector.id], cutoff: CUTOFF_DAY }, new Date('2026-11-30T03:00:00Z'));
      expect(round).toMatchObject({ title: '2026年第1次常态检查', cutoff: CUTOFF, status: 'open', catalogue: 'national-2019' });
      expect(jobs.started).toEqual([w.siteB]); // siteA has a finished scan; siteB gets a fresh one
      const snap = await rounds.getRoundSnapshot(store.db, sup, round.id);
      expect(snap).toMatchObject({ schema: 'govpatrol.round/1', title: '2026年第1次常态检查', inspectors: ['检查员'], messages: null, accounts: null, publishedAt: null });
      const a = snap.sites.find((s) => s.websiteId === w.siteA)!;
      const b = snap.sites.find((s) => s.websiteId === w.siteB)!;
      expect(a.verdict).toBe('incomplete');
      expect(a.score).toBeNull();
      expect(a.availability).toMatchObject({ probes: 168, failed: 0, complete: true, vetoed: false });
      expect(a.findings).toEqual({ confirmed: 0, dismissed: 0, pending: 4 });
      expect(a.incompleteReasons).toEqual(['4 条机器发现的问题待检查员确认或排除', `人工检查项未完成（0/${a.manual.total}）`]);
      expect(a.manual.total).toBeGreaterThan(10);
      expect(b.verdict).toBe('incomplete');
      expect(b.incompleteReasons).toEqual([
        '全站扫描进行中，尚无结果',
        '可用性探测不足一周（每天至少 20 次）：已有 0 次探测，站点无法访问指标暂不能判定',
        `人工检查项未完成（0/${b.manual.total}）`,
      ]);
      // A unit operator sees its own site only.
      const op = await UnitScope.of(store.db, w.operatorA);
      expect((await rounds.getRoundSnapshot(store.db, op, round.id)).sites.map((s) => s.websiteId)).toEqual([w.siteA]);
    } finally {
      await store.close();
    }
  });

  it('scores confirmed findings and failed checklist items; a dismissal stays visible; the probe window vetoes', async () => {
    const store = await backend.open();
    try {
      const { w, sup, insp, jobs } = await setUp(store);
      await storeProbeWeek(store, w.siteB, CUTOFF, 10); // 10 % failed → 站点无法访问
      const round = await rounds.openRound(store.db, jobs, sup, { month: '2026-11', inspectors: [w.inspector.id], cutoff: CUTOFF_DAY }, new Date('2026-11-30T03:00:00Z'));
      const sites = (await rounds.getRoundSnapshot(store.db, sup, round.id)).sites;
      const rows = await listRoundSites(store.db, sup, round.id);
      const idA = rows.find((r) => r.websiteId === w.siteA)!.id;
      const view = await rounds.getRoundSite(store.db, insp, idA);
      const fp = (check: string, url?: string) => view.findings.find((f) => f.finding.check === check && (!url || f.finding.url === url))!.finding.fingerprint;
      await rounds.reviewSiteFindings(store.db, insp, idA, { fingerprints: [fp('typo', 'http://www.jiaxian.gov.test/a.html'), fp('typo', 'http://www.jiaxian.gov.test/b.html'), fp('dead-link')], decision: 'confirmed', reason: '' });
      await expect(rounds.reviewSiteFindings(store.db, insp, idA, { fingerprints: [fp('wrong-expression')], decision: 'dismissed', reason: '' })).rejects.toThrow(/必须填写理由/);
      await expect(rounds.reviewSiteFindings(store.db, insp, idA, { fingerprints: ['0'.repeat(64)], decision: 'confirmed', reason: '' })).rejects.toThrow(/不属于/);
      await rounds.reviewSiteFindings(store.db, insp, idA, { fingerprints: [fp('wrong-expression')], decision: 'dismissed', reason: '引用的是历史文件原文，非本网站表述' });
      await passEverything(store, insp, idA, ['service.guide']);
      await expect(rounds.setSiteManualResult(store.db, insp, idA, { indicator: 'service.guide', result: 'fail', note: '缺少办理地点', points: 9 })).rejects.toThrow(/0 到 8 分/);
      await expect(rounds.setSiteManualResult(store.db, insp, idA, { indicator: 'function.search', result: 'pass', note: '' })).rejects.toThrow(/不是本轮的人工检查项/);
      await rounds.setSiteManualResult(store.db, insp, idA, { indicator: 'service.guide', result: 'fail', note: '办事指南缺少办理地点', points: 3 });

      const a = (await rounds.getRoundSnapshot(store.db, sup, round.id)).sites.find((s) => s.websiteId === w.siteA)!;
      expect(a.incompleteReasons).toEqual([]);
      expect(a.verdict).toBe('qualified');
      expect(a.findings).toEqual({ confirmed: 3, dismissed: 1, pending: 0 });
      const lost = a.indicators.filter((i) => i.kind === 'deduction').reduce((n, i) => n + i.points, 0);
      expect(a.indicators.find((i) => i.code === 'service.guide')).toMatchObject({ triggered: true, points: 3 });
      expect(a.indicators.find((i) => i.code === 'publish.accuracy')!.points).toBeGreaterThan(0);
      expect(a.score).toBe(Math.round((100 - lost) * 100) / 100);
      expect(a.problems.map((p) => [p.source, p.check]).sort()).toEqual([['machine', 'dead-link'], ['machine', 'typo'], ['machine', 'typo'], ['manual', 'manual']]);
      expect(a.problems.filter((p) => p.source === 'machine').every((p) => /^[0-9a-f]{64}$/.test(p.fingerprint ?? ''))).toBe(true);
      const dismissed = (await rounds.getRoundSite(store.db, insp, idA)).findings.find((f) => f.finding.check === 'wrong-expression')!;
      expect(dismissed).toMatchObject({ status: 'dismissed', reason: '引用的是历史文件原文，非本网站表述', by: 'insp', remembered: false });

      const b = (await rounds.getRoundSnapshot(store.db, sup, round.id)).sites.find((s) => s.websiteId === w.siteB)!;
      expect(b.verdict).toBe('unqualified'); // vetoed although its scan and checklist are missing
      expect(b.vetoes).toEqual(['站点无法访问']);
      expect(b.availability).toMatchObject({ complete: true, vetoed: true, failed: 17, probes: 168 });
      expect(b.incompleteReasons.length).toBeGreaterThan(0);
      expect(sites).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  it('freezes on publish: recomputing from the stored inputs is deep-equal after the scans change or go; the next round remembers the dismissal', async () => {
    const store = await backend.open();
    try {
      const { w, sup, insp, jobs } = await setUp(store);
      const round = await rounds.openRound(store.db, jobs, sup, { month: '2026-11', inspectors: [], cutoff: CUTOFF_DAY }, new Date('2026-11-30T03:00:00Z'));
      const idA = (await listRoundSites(store.db, sup, round.id)).find((r) => r.websiteId === w.siteA)!.id;
      const view = await rounds.getRoundSite(store.db, insp, idA);
      const wrong = view.findings.find((f) => f.finding.check === 'wrong-expression')!.finding.fingerprint;
      await rounds.reviewSiteFindings(store.db, insp, idA, { fingerprints: view.findings.filter((f) => f.finding.fingerprint !== wrong).map((f) => f.finding.fingerprint), decision: 'confirmed', reason: '' });
      await rounds.reviewSiteFindings(store.db, insp, idA, { fingerprints: [wrong], decision: 'dismissed', reason: '误报：引用原文' });
      await passEverything(store, insp, idA);
      const before = await rounds.getRoundSnapshot(store.db, sup, round.id);

      const published = await rounds.publishRound(store.db, sup, round.id, new Date('2026-12-01T02:00:00Z'));
      expect(published.publishedAt).toBe('2026-12-01T02:00:00.000Z');
      expect({ ...published, publishedAt: null }).toEqual(before);
      await expect(rounds.publishRound(store.db, sup, round.id)).rejects.toMatchObject({ code: 'conflict' });
      await expect(rounds.setSiteManualResult(store.db, insp, idA, { indicator: 'service.guide', result: 'fail', note: 'x' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/已发布/) });

      // The world moves on: new findings in the scan, then the scan's findings and the probes are gone.
      const scanId = published.sites.find((s) => s.websiteId === w.siteA)!.scanId!;
      await store.db.updateTable('findings').set({ evidence: '已被修改' }).where('scanId', '=', scanId).execute();
      expect(await rounds.getRoundSnapshot(store.db, sup, round.id)).toEqual(published);
      await store.db.deleteFrom('findings').where('scanId', '=', scanId).execute();
      await store.db.deleteFrom('probes').execute();
      const { stored, recomputed } = await rounds.recomputePublished(store.db, sup, round.id);
      expect(recomputed).toEqual(stored);
      expect(stored).toEqual(published);
      expect(stored.sites.find((s) => s.websiteId === w.siteA)!.problems.length).toBeGreaterThan(0);

      // The next round, on a new scan with the same evidence: the dismissal is remembered, not argued again.
      await storeScan(store, w.siteA, [wrongExpression('http://www.jiaxian.gov.test/c.html'), typo('http://www.jiaxian.gov.test/a.html', '部暑')], '2026-12-20T02:00:00.000Z');
      const next = await rounds.openRound(store.db, jobs, sup, { month: '2026-12', inspectors: [], cutoff: '2026-12-31' }, new Date('2026-12-31T03:00:00Z'));
      expect(next.title).toBe('2026年第2次常态检查');
      const idNext = (await listRoundSites(store.db, sup, next.id)).find((r) => r.websiteId === w.siteA)!.id;
      const nextView = await rounds.getRoundSite(store.db, insp, idNext);
      expect(nextView.findings.find((f) => f.finding.check === 'wrong-expression')).toMatchObject({ status: 'dismissed', remembered: true, reason: '误报：引用原文' });
      expect(nextView.findings.find((f) => f.finding.check === 'typo')).toMatchObject({ status: 'pending' });
      expect(nextView.site.findings).toEqual({ confirmed: 0, dismissed: 1, pending: 1 });
    } finally {
      await store.close();
    }
  });

  it('counts the month\'s 「找错」 messages in the round, narrowed to a unit operator\'s own units', async () => {
    const store = await backend.open();
    try {
      const { w, sup, jobs } = await setUp(store);
      const now = new Date();
      const month = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
      const round = await rounds.openRound(store.db, jobs, sup, { month, inspectors: [] }, now);
      expect((await rounds.getRoundSnapshot(store.db, sup, round.id)).messages).toBeNull(); // none held: not zero
      await submitPublicMessage(store.db, w.supervisor, { websiteId: w.siteA, category: CATEGORY_CODES[0], title: '链接打不开', content: '首页“政务公开”链接打不开' });
      await submitPublicMessage(store.db, w.supervisor, { websiteId: w.siteB, category: CATEGORY_CODES[0], title: '错别字', content: '通知中“部暑”应为“部署”' });
      const all = (await rounds.getRoundSnapshot(store.db, sup, round.id)).messages;
      expect(all).toMatchObject({ received: 2, answered: 0, open: 2 });
      const own = (await rounds.getRoundSnapshot(store.db, await UnitScope.of(store.db, w.operatorA), round.id)).messages;
      expect(own).toBeNull(); // neither message has been forwarded to 甲县 yet: it holds none of them
    } finally {
      await store.close();
    }
  });
});
