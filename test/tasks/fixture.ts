// A small world for the task tests: two units, a website each, a finished scan with findings, and the
// published round snapshot (the contract src/workflows/rounds writes) that lists their confirmed problems.
import type { Finding, RoundProblem, RoundSiteResult, RoundSnapshot, ScanReport } from '../../src/domain/index.js';
import type { Store } from '../../src/store/index.js';
import { createUnit, createWebsite, type Website } from '../../src/store/inventory.js';
import { SYSTEM_ACTOR, UnitScope } from '../../src/store/scope.js';

export const PUBLISHED_AT = '2026-09-29T06:00:00.000Z'; // Tuesday 14:00 in Shanghai, two days before 国庆

export interface World {
  unitA: number;
  unitB: number;
  siteA: Website;
  siteB: Website;
  scanA: number;
  scanB: number;
  snapshot: RoundSnapshot;
}

export function finding(check: Finding['check'], url: string, extra: Partial<Finding> = {}): Finding {
  return {
    check, indicator: 'D3', severity: 'minor', url, evidence: `${check} evidence`, message: `${check} 问题`,
    detail: { advice: `${check} 的整改建议` }, ...extra,
  } as Finding;
}

function report(url: string, findings: Finding[]): ScanReport {
  return {
    schema: 'govpatrol.scan/1', site: { url, name: '测试网站' }, startedAt: PUBLISHED_AT, finishedAt: PUBLISHED_AT,
    stats: { pages: 3, links: 10, bytes: 1000, errors: 0 }, verdict: 'unqualified', score: 40, indicators: [], findings,
  };
}

async function scanWith(store: Store, site: Website, findings: Finding[], config: object = {}): Promise<number> {
  const scan = await store.beginScan(site.siteId, PUBLISHED_AT, config);
  await store.finishScan(scan.id, report(site.url, findings), 'done');
  return scan.id;
}

function problem(f: Finding, indicator: string, indicatorName: string, kind: RoundProblem['kind']): RoundProblem {
  return { indicator, indicatorName, kind, check: f.check, url: f.url, evidence: f.evidence, message: f.message, advice: String((f.detail as { advice: string }).advice), source: 'machine' };
}

function siteResult(site: Website, unitName: string, scanId: number, problems: RoundProblem[]): RoundSiteResult {
  return {
    websiteId: site.id, name: site.name, url: site.url, unitId: site.unitId, unitName, kind: site.kind, scanId, scannedAt: PUBLISHED_AT,
    verdict: 'unqualified', score: 40, vetoes: [], incompleteReasons: [], indicators: [], problems,
    availability: { from: PUBLISHED_AT, to: PUBLISHED_AT, probes: 0, failed: 0, share: null, complete: false, vetoed: null },
    manual: { done: 0, total: 0 }, findings: { confirmed: problems.length, dismissed: 0, pending: 0 },
  };
}

export async function buildWorld(store: Store, scanConfig: object = {}): Promise<World> {
  const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
  const unit = (name: string) => createUnit(store.db, scope, { name, type: 'county', parentId: null, code: null, contact: null, includeSubunits: false });
  const a = await unit('甲县人民政府');
  const b = await unit('乙区人民政府');
  const siteA = await createWebsite(store.db, scope, { name: '甲县政府网', url: 'http://www.jiaxian.gov.test/', unitId: a.id, kind: 'portal' }, 1000);
  const siteB = await createWebsite(store.db, scope, { name: '乙区政府网', url: 'http://www.yiqu.gov.test/', unitId: b.id, kind: 'department' }, 1000);
  const deadA1 = finding('dead-link', `${siteA.url}a.html`, { target: `${siteA.url}gone.html`, evidence: '<a href="gone.html">旧链接</a>', detail: { advice: '请修复或删除该链接。', location: 'page', status: 404 } as never });
  const deadA2 = finding('dead-link', `${siteA.url}b.html`, { target: 'http://external.gov.test/x', evidence: '<a href="http://external.gov.test/x">外链</a>' });
  const typoA = finding('typo', `${siteA.url}c.html`, { evidence: '令人震憾的成就', detail: { advice: '请将「震憾」改为「震撼」', found: '震憾', correct: '震撼' } as never });
  const leakB = finding('privacy-leak', `${siteB.url}d.html`, { severity: 'veto', evidence: '身份证号 2108…', detail: { advice: '请立即去标识化处理', type: 'id-card' } as never });
  const scanA = await scanWith(store, siteA, [deadA1, deadA2, typoA], scanConfig);
  const scanB = await scanWith(store, siteB, [leakB], scanConfig);
  const snapshot: RoundSnapshot = {
    schema: 'govpatrol.round/1', id: 7, year: 2026, seq: 9, month: '2026-09', title: '2026年第9次常态检查',
    catalogue: { id: 'national-2019', name: '政府网站检查指标', basis: '国办秘函〔2019〕19号' }, deadline: null, inspectors: ['inspector1'],
    publishedAt: PUBLISHED_AT, cutoff: PUBLISHED_AT,
    sites: [
      siteResult(siteA, '甲县人民政府', scanA, [
        problem(deadA1, 'D3', '链接不可用', 'deduction'),
        problem(deadA2, 'D3', '链接不可用', 'deduction'),
        problem(typoA, 'D9', '错别字', 'deduction'),
        { indicator: 'M1', indicatorName: '办事指南要素', kind: 'deduction', check: 'manual', url: siteA.url, evidence: '办事指南缺少办理时限', message: '检查员：办事指南要素不全', advice: '补齐办事指南要素', source: 'manual' },
        { indicator: 'B1', indicatorName: '创新发展', kind: 'bonus', check: 'manual', url: siteA.url, evidence: '', message: '加分项', advice: '', source: 'manual' },
      ]),
      siteResult(siteB, '乙区人民政府', scanB, [problem(leakB, 'V4', '严重泄露个人信息', 'veto')]),
    ],
    accounts: null, messages: null,
  };
  return { unitA: a.id, unitB: b.id, siteA, siteB, scanA, scanB, snapshot };
}
