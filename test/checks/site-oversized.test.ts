import { describe, expect, it } from 'vitest';
import { oversizedPageCheck, siteLevelChecks } from '../../src/checks/site/index.js';
import type { OversizedPage } from '../../src/domain/index.js';
import { loadCatalogue, score } from '../../src/rules/index.js';
import { ctx, site } from './site-facts.js';

const cut = (over: Partial<OversizedPage> = {}): OversizedPage => ({
  url: 'http://www.example.gov.cn/bomb.html',
  finalUrl: 'http://www.example.gov.cn/bomb.html',
  reason: 'size-cap',
  bytes: 5_300_000,
  wireBytes: 5_400,
  ratio: 981.5,
  ms: 840,
  capBytes: 5 * 1024 * 1024,
  timeLimitMs: 15_000,
  contentEncoding: 'gzip',
  status: 200,
  isHome: false,
  linkedFrom: 'http://www.example.gov.cn/',
  ...over,
});

describe('oversized-page', () => {
  it('is registered and quiet on a site whose pages all ended', () => {
    expect(siteLevelChecks).toContain(oversizedPageCheck);
    expect(oversizedPageCheck.run(site(), ctx())).toEqual([]);
    expect(oversizedPageCheck.run(site({ oversizedPages: [] }), ctx())).toEqual([]);
  });

  it('a gzip bomb: bytes, ratio and time in the detail, called a bomb', () => {
    const [f] = oversizedPageCheck.run(site({ oversizedPages: [cut()] }), ctx());
    expect(f).toMatchObject({ check: 'oversized-page', url: 'http://www.example.gov.cn/bomb.html' });
    expect(f).not.toHaveProperty('severity'); // the rules weigh it (see below)
    expect(f.detail).toMatchObject({ reason: 'size-cap', bytes: 5_300_000, wireBytes: 5_400, ratio: 981.5, ms: 840, location: 'page', linkedFrom: 'http://www.example.gov.cn/' });
    expect(f.message).toContain('压缩炸弹');
    expect(f.message).toContain('982:1');
    expect(f.evidence).toContain('Content-Encoding: gzip');
    expect(f.detail.advice.length).toBeGreaterThan(10);
  });

  it('an endless uncompressed stream and a body still arriving at the time limit are told apart', () => {
    const [endless, drip] = oversizedPageCheck.run(
      site({ oversizedPages: [cut({ ratio: 1, wireBytes: 5_300_000, contentEncoding: undefined }), cut({ reason: 'time-limit', bytes: 15, wireBytes: 15, ratio: 1, ms: 15_004, isHome: true })] }),
      ctx(),
    );
    expect(endless.message).toContain('无尽数据流');
    expect(endless.message).not.toContain('压缩炸弹');
    expect(drip.message).toContain('首页在 15 秒时限内仍未传输完毕');
    expect(drip.detail).toMatchObject({ reason: 'time-limit', ms: 15_004, location: 'home' });
  });

  it('stops at the per-check cap', () => {
    const many = Array.from({ length: 5 }, (_, i) => cut({ url: `http://www.example.gov.cn/${i}.html` }));
    expect(oversizedPageCheck.run(site({ oversizedPages: many }), ctx((c) => (c.checks.maxFindingsPerCheck = 3)))).toHaveLength(3);
  });

  it('the national catalogue places it under 可用性 and deducts per page', () => {
    const findings = oversizedPageCheck.run(site({ oversizedPages: [cut(), cut({ url: 'http://www.example.gov.cn/b.html' })] }), ctx());
    const r = score(findings, { catalogue: loadCatalogue('national-2019', []), portal: false, noExternalService: false });
    expect(r.findings.map((f) => [f.indicator, f.severity])).toEqual([
      ['function.availability', 'minor'],
      ['function.availability', 'minor'],
    ]);
    const ind = r.indicators.find((i) => i.code === 'function.availability');
    expect(ind).toMatchObject({ triggered: true, findings: 2 });
    expect(ind!.points).toBeCloseTo(0.2);
  });
});
