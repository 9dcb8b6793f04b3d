// The typo check's statistical path: suspects beside the list, reported with method and confidence, weighed by
// the rules as unconfirmed (info, no deduction) until an inspector confirms them.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { CheckFinding, PageFacts } from '../../src/domain/index.js';
import type { CheckContext } from '../../src/checks/types.js';
import { typoCheck } from '../../src/checks/text/index.js';
import { loadCatalogue, score } from '../../src/rules/index.js';
import { judge } from './judge.js';

function ctx(statisticalTypos = true): CheckContext {
  const config = defaultConfig();
  config.checks.statisticalTypos = statisticalTypos;
  return { config, now: new Date('2026-11-27T00:00:00Z'), rootUrl: 'http://www.linjiang.gov.cn/', resources: new Map() };
}

function page(text: string): PageFacts {
  return {
    url: 'http://www.linjiang.gov.cn/a.html', finalUrl: 'http://www.linjiang.gov.cn/a.html', depth: 1, status: 200, outcome: 'ok', ms: 5,
    contentType: 'text/html', charset: 'utf-8', charsetSource: 'header', bytes: 100, title: '临江市人民政府', meta: {}, kind: 'article',
    breadcrumb: [], listDates: [], text, links: [], scripts: [], hiddenBlocks: [],
    identifiers: { dangzheng: false, jiucuo: false }, search: { form: false }, pagination: [], notes: [],
  };
}

const TEXT = '这一成就令人震憾。全县推动农村基础设施提挡升级，继续把基础设施建设重点放在农村。';
const run = (c = ctx()) => typoCheck.run(page(TEXT), c) as Array<CheckFinding<'typo'>>;

describe('typo: statistical suspects', () => {
  it('reports a suspect no list holds, with method, confidence, exact evidence and Chinese advice', () => {
    const findings = run();
    expect(findings.map((f) => [f.detail.found, f.detail.method])).toEqual([['震憾', 'list'], ['挡升', 'statistical']]);
    const s = findings[1];
    expect(s.detail.correct).toBe('档升');
    expect(s.detail.confidence).toBeGreaterThan(0.5);
    expect(s.message).toBe(`页面疑似错别字「挡升」，可能应为「档升」（统计判断，置信度 ${s.detail.confidence!.toFixed(2)}），请人工核实`);
    expect(s.evidence).toContain('基础设施提挡升级');
    expect(s.detail.advice).toMatch(/请核实/);
  });

  it('can be switched off (checks.statisticalTypos = false), leaving the list findings', () => {
    expect(run(ctx(false)).map((f) => f.detail.method)).toEqual(['list']);
  });

  it('does not repeat an error a list already reports (扫黑险恶 is a listed wrong expression)', () => {
    const findings = typoCheck.run(page('党中央作出开展扫黑险恶专项斗争的重大决策部署。'), ctx());
    expect(findings).toEqual([]);
  });

  it('weighs a suspect as info with no deduction; a listed typo deducts', () => {
    const weighed = judge(run());
    expect(weighed.map((f) => [(f.detail as { found?: string }).found, f.severity])).toEqual([['震憾', 'minor'], ['挡升', 'info']]);
    const national = loadCatalogue('national-2019');
    const points = (fs: CheckFinding[]) => score(fs, { catalogue: national, portal: false, noExternalService: false }).indicators.find((i) => i.code === 'publish.accuracy')!.points;
    expect(points(run())).toBe(0.1);
    expect(points(run().filter((f) => f.detail.method === 'statistical'))).toBe(0);
  });
});

describe('typo: a suspect an inspector confirmed', () => {
  it('deducts like a listed typo once confirmed in a round', async () => {
    const { asConfirmed } = await import('../../src/workflows/round-verdict.js');
    const national = loadCatalogue('national-2019');
    const suspect = run().filter((f) => f.detail.method === 'statistical');
    const confirmed = suspect.map((f) => asConfirmed(f));
    const points = (fs: CheckFinding[]) => score(fs, { catalogue: national, portal: false, noExternalService: false }).indicators.find((i) => i.code === 'publish.accuracy')!.points;
    expect(points(suspect)).toBe(0);
    expect(points(confirmed)).toBe(0.1);
    expect(judge(confirmed).map((f) => f.severity)).toEqual(['minor']);
    // Other findings pass through unchanged.
    const listed = run().filter((f) => f.detail.method === 'list');
    expect(listed.map((f) => asConfirmed(f))).toEqual(listed);
  });
});
