// A report never looks clean when a check did not run: the coverage says, per check, ran / partial / skipped
// / failed with the reason, errors, pages and findings past the cap; the text and HTML reports lead with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSite, type TestSite } from '../../testsite/index.js';
import { scanSite, type ScanOutcome } from '../../src/scan/scan.js';
import { defaultConfig, mergeConfig, type ScanConfigInput } from '../../src/config.js';
import { allChecks } from '../../src/checks/index.js';
import { FindingCollector } from '../../src/checks/runner.js';
import { buildCoverage, missingInputs, partitionSiteChecks } from '../../src/scan/coverage.js';
import type { SiteCheck } from '../../src/checks/types.js';
import { renderText } from '../../src/report/text.js';
import { renderHtml } from '../../src/report/html.js';
import { renderOutcome } from '../../src/cli/output.js';

let site: TestSite;
beforeAll(async () => {
  site = await startTestSite({ pages: 60 });
});
afterAll(async () => site?.close());

function config(patch: ScanConfigInput = {}) {
  return mergeConfig(defaultConfig(), {
    ...patch,
    crawl: { hosts: site.hosts, hostsOnly: true, requestTimeoutMs: 5000, ...patch.crawl },
    checks: { availabilityProbes: 1, ...patch.checks },
  });
}

/** Makes a registered check throw for the length of one scan (page checks run in-thread with parseWorkers 0). */
async function withThrowing<T>(ids: Array<[string, 'page' | 'site']>, fn: () => Promise<T>): Promise<T> {
  const saved = ids.map(([id, scope]) => {
    const check = allChecks.find((c) => c.id === id && c.scope === scope)!;
    const run = check.run;
    check.run = () => {
      throw new Error(`故意的错误：${id}`);
    };
    return () => void (check.run = run);
  });
  try {
    return await fn();
  } finally {
    for (const restore of saved) restore();
  }
}

describe('coverage of a real scan', () => {
  let outcome: ScanOutcome;
  beforeAll(async () => {
    const cfg = config({
      crawl: { parseWorkers: 0 },
      checks: { browser: true, chromiumPath: '/nonexistent/chromium', disabled: ['no-ipv6'], maxFindingsPerCheck: 1 },
    });
    outcome = await withThrowing([['no-search', 'site'], ['typo', 'page']], () => scanSite({ url: site.url, config: cfg }));
  }, 120_000);

  it('lists a failed check with its errors counted and its first error', () => {
    const c = outcome.report.coverage!;
    expect(c.checks['no-search']).toEqual({ status: 'failed', errors: 1, reason: '故意的错误：no-search' });
    const pages = c.checks['typo'].pages!;
    expect(pages).toBeGreaterThan(30);
    expect(c.checks['typo']).toMatchObject({ status: 'failed', errors: pages, reason: '故意的错误：typo' });
    expect(c.checkErrors.count).toBe(pages + 1);
    expect(c.checkErrors.examples[0]).toMatchObject({ check: 'typo', message: '故意的错误：typo' });
  });

  it('lists the browser parts as not run when Chromium is missing, and says why', () => {
    const c = outcome.report.coverage!;
    for (const id of ['hidden-link', 'malicious-redirect']) {
      expect(c.checks[id].status).toBe('partial'); // the static HTML part ran
      expect(c.checks[id].reason).toContain('未找到 Chromium（/nonexistent/chromium）');
    }
  });

  it('lists disabled checks and checks without their inputs as skipped', () => {
    const c = outcome.report.coverage!;
    expect(c.checks['no-ipv6']).toEqual({ status: 'skipped', reason: '已在配置中停用（checks.disabled）' });
    expect(c.checks['defacement'].status).toBe('skipped');
    expect(c.checks['defacement'].reason).toContain('--no-store');
  });

  it('counts findings dropped past the per-check cap', () => {
    const c = outcome.report.coverage!;
    const capped = Object.entries(c.checks).filter(([, e]) => e.dropped);
    expect(capped.length).toBeGreaterThan(0);
    for (const [id, e] of capped) {
      expect(outcome.report.findings.filter((f) => f.check === id)).toHaveLength(1);
      expect(e.dropped).toBeGreaterThan(0);
    }
  });

  it('every check id is listed, and the report is marked incomplete', () => {
    const c = outcome.report.coverage!;
    expect(Object.keys(c.checks).sort()).toEqual([...new Set(allChecks.map((x) => x.id))].sort());
    expect(c.complete).toBe(false);
    expect(c.crawlNotes.some((n) => n.startsWith('robots.txt'))).toBe(true);
  });

  it('the text, HTML and JSON reports all say the verdict is incomplete', () => {
    const n = Object.values(outcome.report.coverage!.checks).filter((e) => e.status !== 'ran').length;
    expect(n).toBeGreaterThanOrEqual(6);
    const line = `有 ${n} 项检查未运行/出错，结论不完整`;
    const text = renderText(outcome.report);
    expect(text.split('\n').slice(0, 3).join('\n')).toContain(line); // in the summary the CLI echoes
    expect(text).toContain('出错 1 次：故意的错误：no-search');
    expect(text).toMatch(/未运行\s+网站标识缺失|未运行\s+不支持 IPv6/);
    const html = renderHtml(outcome.report);
    expect(html).toContain(`<div class="incomplete">⚠ ${line}`);
    expect(html).toContain('<h2>检查覆盖</h2>');
    const json = JSON.parse(renderOutcome(outcome, 'json'));
    expect(json.coverage.checks['no-search'].status).toBe('failed');
  });
});

describe('coverage when the browser pass is turned off', () => {
  it('says the browser parts did not run because they were turned off', async () => {
    const outcome = await scanSite({ url: site.url, config: config({ checks: { browser: false } }) });
    const c = outcome.report.coverage!;
    expect(c.checks['hidden-link']).toMatchObject({ status: 'partial' });
    expect(c.checks['hidden-link'].reason).toContain('已关闭');
    expect(c.checks['typo'].status).toBe('ran');
    expect(c.checks['no-search'].status).toBe('ran');
  }, 120_000);
});

describe('coverage rules', () => {
  const siteCheck = (id: SiteCheck['id'], needs?: SiteCheck['needs']): SiteCheck => ({ id, scope: 'site', needs, run: () => [] });

  it('a scan with everything is complete', () => {
    const checks = [siteCheck('no-search'), { id: 'typo', scope: 'page', run: () => [] } as const];
    const found = new FindingCollector(10);
    const c = buildCoverage({ all: checks, disabled: new Set(), skipped: new Map(), pagesChecked: 5, found, renderErrors: { count: 0 }, crawlNotes: [] });
    expect(c).toEqual({ complete: true, checks: { 'no-search': { status: 'ran' }, typo: { status: 'ran', pages: 5 } }, crawlNotes: [], checkErrors: { count: 0, examples: [] } });
  });

  it('no crawled page means the page checks did not run', () => {
    const found = new FindingCollector(10);
    const c = buildCoverage({ all: [{ id: 'typo', scope: 'page', run: () => [] }], disabled: new Set(), skipped: new Map(), pagesChecked: 0, found, renderErrors: { count: 0 }, crawlNotes: [] });
    expect(c.checks.typo).toEqual({ status: 'skipped', reason: '没有抓取到可检查的页面' });
    expect(c.complete).toBe(false);
  });

  it('failed renders are errors of the checks that read them', () => {
    const rendered = siteCheck('hidden-link', ['rendered']);
    const c = buildCoverage({ all: [rendered], disabled: new Set(), skipped: new Map(), pagesChecked: 3, found: new FindingCollector(10), renderErrors: { count: 2, first: '无法启动浏览器' }, crawlNotes: [] });
    expect(c.checks['hidden-link']).toEqual({ status: 'failed', errors: 2, reason: '无法启动浏览器' });
  });

  it('skips a site check whose input is missing, with the reason', () => {
    const state = { browserEnabled: true, chromiumFound: true, chromiumPath: '/usr/bin/chromium', stored: true, aborted: false };
    const baseline = { url: 'http://x.gov.cn/', scanId: '1', takenAt: '', title: '', text: '', scriptSrcs: [], iframeSrcs: [] };
    expect(missingInputs({ rendered: [], variants: [], baselines: [baseline] }, state)).toEqual({
      rendered: '浏览器渲染未运行：首页无法访问，没有可渲染的页面',
      variants: '以百度蜘蛛和搜索来路复查未运行：首页无法访问',
    });
    expect(missingInputs({ rendered: [], variants: [], baselines: [] }, { ...state, stored: true }).baselines).toContain('首次扫描');
    const deface = siteCheck('defacement', ['baselines']);
    const plain = siteCheck('no-search');
    const { runnable, skipped } = partitionSiteChecks([deface, plain], { baselines: '基线比对未运行：首次扫描' });
    expect(runnable).toEqual([plain]);
    expect(skipped.get(deface)).toBe('基线比对未运行：首次扫描');
  });
});
