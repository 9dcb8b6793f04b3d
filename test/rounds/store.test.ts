// The rounds query layer on SQLite and PostgreSQL: numbering per year, unit isolation, reviews and the
// dismissal memory, the checklist, screenshot checks, and the freeze (409 on every change once published).
import { expect, it } from 'vitest';
import { findingFingerprint } from '../../src/store/codec.js';
import { UnitScope } from '../../src/store/scope.js';
import * as r from '../../src/store/rounds.js';
import { onBothBackends } from '../workflows/backends.js';
import { seedWorld } from './fixture.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1d6d0a50000000049454e44ae426082', 'hex');

onBothBackends('rounds store', (backend) => {
  it('numbers rounds per year, covers every website, and shows a unit operator only its own sites', async () => {
    const store = await backend.open();
    try {
      const w = await seedWorld(store);
      const sup = await UnitScope.of(store.db, w.supervisor);
      const input = { deadline: '2026-12-25', inspectors: [w.inspector.id], catalogue: 'national-2019', overlays: [], cutoff: '2026-12-01T00:00:00.000Z' };
      const first = await r.createRound(store.db, sup, { ...input, month: '2026-11' });
      const second = await r.createRound(store.db, sup, { ...input, month: '2026-12' });
      const nextYear = await r.createRound(store.db, sup, { ...input, month: '2027-01' });
      expect([first.round.title, second.round.title, nextYear.round.title]).toEqual(['2026年第1次常态检查', '2026年第2次常态检查', '2027年第1次常态检查']);
      expect(first.sites.map((s) => s.websiteId).sort()).toEqual([w.siteA, w.siteB].sort());
      const op = await UnitScope.of(store.db, w.operatorA);
      expect((await r.listRoundSites(store.db, op, first.round.id)).map((s) => s.websiteId)).toEqual([w.siteA]);
      const theirs = first.sites.find((s) => s.websiteId === w.siteB)!;
      await expect(r.getRoundSite(store.db, op, theirs.id)).rejects.toThrow(/不存在或无权访问/);
      await expect(r.createRound(store.db, op, { ...input, month: '2026-12' })).rejects.toThrow(/不存在或无权访问/);
      await expect(r.createRound(store.db, sup, { ...input, month: '2026-12', inspectors: [w.operatorA.id] })).rejects.toThrow(/不是检查员/);
      const audit = await store.db.selectFrom('auditLog').select(['action', 'entity']).where('entity', '=', 'round').execute();
      expect(audit).toHaveLength(3);
    } finally {
      await store.close();
    }
  });

  it('remembers a dismissal for the same evidence on the same site, ends it on confirmation, and freezes on publish', async () => {
    const store = await backend.open();
    try {
      const w = await seedWorld(store);
      const sup = await UnitScope.of(store.db, w.supervisor);
      const insp = await UnitScope.of(store.db, w.inspector);
      const { round } = await r.createRound(store.db, sup, { month: '2026-11', deadline: null, inspectors: [], catalogue: 'national-2019', overlays: [], cutoff: '2026-12-01T00:00:00.000Z' });
      const f = { check: 'typo' as const, url: 'http://www.jiaxian.gov.test/a.html', evidence: '……部署……' };
      const fp = findingFingerprint(f);
      await expect(r.reviewFinding(store.db, insp, { roundId: round.id, websiteId: w.siteA, fingerprint: fp, decision: 'dismissed', reason: '  ', ...f })).rejects.toThrow(/必须填写理由/);
      await r.reviewFinding(store.db, insp, { roundId: round.id, websiteId: w.siteA, fingerprint: fp, decision: 'dismissed', reason: '「部署」为正确用词', ...f });
      expect(await r.listDismissals(store.db, insp, [w.siteA, w.siteB])).toEqual([expect.objectContaining({ websiteId: w.siteA, fingerprint: fp, reason: '「部署」为正确用词', roundId: round.id, by: 'insp' })]);
      const op = await UnitScope.of(store.db, w.operatorA);
      await expect(r.reviewFinding(store.db, op, { roundId: round.id, websiteId: w.siteB, fingerprint: fp, decision: 'confirmed', reason: '', ...f })).rejects.toThrow(/不存在或无权访问/);

      await r.setManualResult(store.db, insp, { roundId: round.id, websiteId: w.siteA, indicator: 'service.guide', result: 'fail', note: '办事指南缺少办理地点', points: 2 });
      await expect(r.setManualResult(store.db, insp, { roundId: round.id, websiteId: w.siteA, indicator: 'service.items', result: 'fail', note: '' })).rejects.toThrow(/必须填写说明/);
      expect(await r.listManualResults(store.db, insp, round.id)).toEqual([expect.objectContaining({ indicator: 'service.guide', result: 'fail', points: 2 })]);

      const ev = await r.addEvidence(store.db, insp, { roundId: round.id, websiteId: w.siteA, indicator: 'service.guide', filename: '../../etc/"x".html', data: PNG });
      expect(ev).toMatchObject({ contentType: 'image/png', filename: 'x.png', size: PNG.length });
      expect((await r.getEvidence(store.db, insp, ev.id)).data.equals(PNG)).toBe(true);
      await expect(r.getEvidence(store.db, await UnitScope.of(store.db, { ...w.operatorA, unitId: w.unitB }), ev.id)).rejects.toThrow(/不存在/);
      await expect(r.addEvidence(store.db, insp, { roundId: round.id, websiteId: w.siteA, indicator: 'service.guide', filename: 'a.png', data: Buffer.from('<svg onload=alert(1)>') })).rejects.toThrow(/只支持/);

      // A later round: the same evidence is still dismissed (memory), a confirmation ends the memory.
      const { round: next } = await r.createRound(store.db, sup, { month: '2026-12', deadline: null, inspectors: [], catalogue: 'national-2019', overlays: [], cutoff: '2027-01-01T00:00:00.000Z' });
      expect(await r.listDismissals(store.db, insp, [w.siteA])).toHaveLength(1);
      await r.reviewFinding(store.db, insp, { roundId: next.id, websiteId: w.siteA, fingerprint: fp, decision: 'confirmed', reason: '', ...f });
      expect(await r.listDismissals(store.db, insp, [w.siteA])).toEqual([]);

      const published = await r.publishRound(store.db, sup, round.id, { snapshot: { x: 1 }, inputs: { y: 2 }, publishedAt: '2026-12-02T00:00:00.000Z' });
      expect(published).toMatchObject({ status: 'published', publishedBy: w.supervisor.id });
      expect(await r.frozenRound(store.db, sup, round.id)).toEqual({ snapshot: { x: 1 }, inputs: { y: 2 } });
      for (const change of [
        () => r.publishRound(store.db, sup, round.id, { snapshot: {}, inputs: {}, publishedAt: '' }),
        () => r.reviewFinding(store.db, insp, { roundId: round.id, websiteId: w.siteA, fingerprint: fp, decision: 'confirmed', reason: '', ...f }),
        () => r.setManualResult(store.db, insp, { roundId: round.id, websiteId: w.siteA, indicator: 'service.guide', result: 'pass', note: '' }),
        () => r.addEvidence(store.db, insp, { roundId: round.id, websiteId: w.siteA, indicator: 'service.guide', filename: 'a.png', data: PNG }),
        () => r.deleteEvidence(store.db, insp, ev.id),
      ]) {
        await expect(change()).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('已发布') });
      }
    } finally {
      await store.close();
    }
  });
});
