import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogueError, describeIndicator, indicatorInfos, loadCatalogue, score } from '../../src/rules/index.js';
import { f, homeDeadLink, staleColumn } from './findings.js';

const dir = mkdtempSync(join(tmpdir(), 'govpatrol-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const overlayFile = (name: string, body: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
};
const overlay = (patch: Record<string, unknown>) => ({ schema: 'govpatrol.overlay/1', id: 'test', name: '测试叠加', ...patch });

describe('national-2019 catalogue', () => {
  const cat = loadCatalogue('national-2019', []);
  it('has the six vetoes, the four 扣分 blocks summing to 100 and the 30-point 加分 block', () => {
    expect(cat.indicators.filter((i) => i.kind === 'veto').map((i) => i.name)).toEqual([
      '安全、泄密事故等严重问题', '站点无法访问', '首页不更新', '栏目不更新', '互动回应差', '服务不实用',
    ]);
    expect(cat.blocks.map((b) => [b.name, b.points])).toEqual([['发布解读', 31], ['办事服务', 25], ['互动交流', 23], ['功能设计', 21], ['加分指标', 30]]);
    expect(cat.indicators.filter((i) => i.kind === 'bonus').reduce((s, i) => s + i.points, 0)).toBe(30);
  });
  it('every unverified value carries a source note', () => {
    for (const i of cat.indicators) expect(i.source.length, i.code).toBeGreaterThan(5);
    expect(cat.indicators.filter((i) => !i.verified).length).toBeGreaterThan(10);
  });
  it('display info names the rule a finding breaks', () => {
    expect(describeIndicator(cat, 'veto.column-stale')).toMatchObject({ name: '栏目不更新', kind: 'veto', basis: '国办秘函〔2019〕19号 单项否决指标：栏目不更新' });
    expect(describeIndicator(cat, 'function.identifiers')).toMatchObject({ blockName: '功能设计', basis: '国办秘函〔2019〕19号 扣分指标：功能设计 › 网站标识' });
    expect(describeIndicator(cat, 'info').kind).toBe('info');
    expect(indicatorInfos(cat).size).toBe(cat.indicators.length + 1);
  });
});

describe('overlays', () => {
  it('liaoning-2019 keeps the national values and adds the 3-working-day 找错 reply and spot-check cadence', () => {
    const ln = loadCatalogue('national-2019', ['liaoning-2019']);
    const nat = loadCatalogue('national-2019', []);
    const values = (c: typeof ln) => c.indicators.map(({ judgedBy: _j, ...rest }) => rest);
    expect(values(ln)).toEqual(values(nat)); // same values; only who judges 解读关联 differs (同步发布, checked by a person)
    expect(ln.indicators.filter((i, k) => i.judgedBy !== nat.indicators[k]!.judgedBy).map((i) => [i.code, i.judgedBy])).toEqual([['publish.interpretation-link', 'both']]);
    expect(ln.metadata).toMatchObject({ jiucuoReplyWorkingDays: 3, citySpotCheck: { frequency: 'monthly', minShare: 0.5 } });
    expect(ln.sources).toHaveLength(2);
    // Loading the overlay by name loads the catalogue it extends.
    expect(loadCatalogue('liaoning-2019', []).metadata).toMatchObject({ jiucuoReplyWorkingDays: 3 });
  });

  it('an overlay overrides a point value: 无 IPv6 −2 instead of −1, 可用性 worth 2', () => {
    const file = overlayFile('points.json', overlay({
      indicators: { 'function.ipv6': { deductions: { none: { once: 2 } }, verified: true, source: '某省 2024 细则' }, 'function.availability': { points: 2 } },
    }));
    const cat = loadCatalogue('national-2019', [file]);
    const r = score([f('no-ipv6', { aaaa: [], connected: false }), ...[1, 2, 3, 4].map(homeDeadLink)], { catalogue: cat, portal: false, noExternalService: false });
    expect(r.score).toBe(96);
    expect(cat.sources).toEqual([expect.stringContaining('national-2019.json'), file]);
  });

  it('an overlay overrides a threshold: 栏目不更新 needs 6 columns', () => {
    const file = overlayFile('threshold.json', overlay({ indicators: { 'veto.column-stale': { triggers: { 'news-and-level1': { atLeast: 6 } } } } }));
    const five = ['一', '二', '三', '四', '五'].map((n) => staleColumn(`动态${n}`, 'news', 1));
    const cat = loadCatalogue('national-2019', [file]);
    expect(score(five, { catalogue: cat, portal: false, noExternalService: false }).verdict).toBe('qualified');
    expect(score(five, { catalogue: loadCatalogue('national-2019', []), portal: false, noExternalService: false }).verdict).toBe('unqualified');
  });

  it('an overlay can make privacy leaks a veto and HTTPS a deduction', () => {
    const file = overlayFile('strict.json', overlay({
      indicators: {
        'veto.security': { match: [{ check: 'privacy-leak' }], triggers: [{ id: 'any', count: [{ check: 'privacy-leak' }], atLeast: 1 }] },
        'function.https': { deductions: { none: { once: 1 } } },
      },
    }));
    const cat = loadCatalogue('national-2019', [file]);
    expect(score([f('privacy-leak', { type: 'id-card' })], { catalogue: cat, portal: false, noExternalService: false }).verdict).toBe('unqualified');
    expect(score([f('no-https')], { catalogue: cat, portal: false, noExternalService: false }).score).toBe(99);
  });

  it('an invalid overlay fails with a clear Chinese error naming the file and the field', () => {
    const cases: Array<[unknown, RegExp]> = [
      [overlay({ indicators: { 'function.ipv6': { points: '五' } } }), /indicators\.function\.ipv6\.points：类型错误/],
      [overlay({ indicators: { 'no.such': { points: 1 } } }), /indicators\.no\.such：指标不存在/],
      [overlay({ indicators: { 'function.ipv6': { deductions: { nope: { once: 1 } } } } }), /没有 id 为「nope」的规则/],
      [overlay({ add: [{ code: 'x.y', name: '新指标', kind: 'deduction', block: 'function', points: 1, match: [{ check: 'no-such-check' }], basis: 'b', advice: 'a', verified: false, source: 's' }] }), /未知的检查项「no-such-check」/],
      [overlay({ indicators: { 'function.ipv6': { colour: 'red' } } }), /未知字段 colour/],
      [overlay({ blocks: { publish: { points: 40 } } }), /扣分板块分值之和 109 不等于 deductionTotal 100/],
      ['{ "schema": ', /不是合法的 JSON/],
    ];
    for (const [i, [body, pattern]] of cases.entries()) {
      const file = overlayFile(`bad-${i}.json`, body);
      let err: unknown;
      try {
        loadCatalogue('national-2019', [file]);
      } catch (e) {
        err = e;
      }
      expect(err, String(pattern)).toBeInstanceOf(CatalogueError);
      expect((err as Error).message).toMatch(pattern);
      expect((err as Error).message).toContain(file);
    }
  });

  it('unknown names and missing files are reported in Chinese', () => {
    expect(() => loadCatalogue('national-2031', [])).toThrow(/未找到内置指标体系「national-2031」/);
    expect(() => loadCatalogue('national-2019', [join(dir, 'missing.json')])).toThrow(/无法读取指标文件/);
  });
});

describe('only the rules weigh a finding (checks report no severity)', () => {
  const national = loadCatalogue('national-2019', []);
  const weigh = (findings: ReturnType<typeof f>[], cat = national) =>
    score(findings, { catalogue: cat, portal: false, noExternalService: false }).findings.map((x) => [x.check, x.indicator, x.severity]);

  it('gives each finding the severity of the first matching entry of the catalogue list', () => {
    expect(weigh([homeDeadLink(1), f('dead-link', { location: 'page' }), f('no-ipv6'), f('missing-identifier', { which: 'icp', isHome: false })])).toEqual([
      ['dead-link', 'function.availability', 'major'],
      ['dead-link', 'function.availability', 'minor'],
      ['no-ipv6', 'function.ipv6', 'minor'],
      ['missing-identifier', 'function.identifiers', 'minor'],
    ]);
    expect(weigh([f('missing-identifier', { which: 'dangzheng', isHome: false })])[0][2]).toBe('major');
  });

  it('decides the security veto from what was seen: spam, a redirect, foreign links, new scripts', () => {
    const vetoed = [
      f('cloaking', { differs: ['title', 'redirect'], spam: false }),
      f('cloaking', { differs: ['links'], spam: false }),
      f('defacement', { newScripts: [], newIframes: ['http://x.example.com/'], spam: false }),
      f('malicious-redirect', { via: 'meta-refresh', spam: true }),
    ];
    for (const finding of vetoed) expect(weigh([finding])[0], JSON.stringify(finding.detail)).toEqual([finding.check, 'veto.security', 'veto']);
    const weak = [
      f('cloaking', { differs: ['title', 'text'], spam: false }),
      f('defacement', { newScripts: [], newIframes: [], spam: false }),
      f('malicious-redirect', { via: 'meta-refresh', spam: false }),
    ];
    for (const finding of weak) expect(weigh([finding])[0], JSON.stringify(finding.detail)).toEqual([finding.check, 'info', 'minor']);
  });

  it('a finding nothing in the list names is info; an overlay’s severities come first', () => {
    const bare = loadCatalogue(overlayFile('bare.json', { ...JSON.parse(JSON.stringify(national)), sources: undefined, severities: [] }));
    expect(weigh([f('no-ipv6'), f('soft-404')], bare)).toEqual([
      ['no-ipv6', 'function.ipv6', 'info'],
      ['soft-404', 'function.availability', 'info'],
    ]);
    const stricter = loadCatalogue('national-2019', [overlayFile('sev.json', overlay({ severities: [{ match: [{ check: 'no-ipv6' }], severity: 'major' }] }))]);
    expect(weigh([f('no-ipv6'), f('soft-404')], stricter)).toEqual([
      ['no-ipv6', 'function.ipv6', 'major'],
      ['soft-404', 'function.availability', 'minor'],
    ]);
  });

  it('rejects a rule that matches on severity or indicator (no check reports them)', () => {
    const bad = overlayFile('by-severity.json', overlay({ indicators: { 'veto.security': { match: [{ check: 'cloaking', where: { severity: 'major' } }] } } }));
    expect(() => loadCatalogue('national-2019', [bad])).toThrow(CatalogueError);
    expect(() => loadCatalogue('national-2019', [bad])).toThrow(/where\.severity：检查项不给出严重程度或指标/);
  });
});
