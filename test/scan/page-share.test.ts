// With one parse worker the page checks are split between it and the main thread (page-processor.ts): the two
// halves, put together on the main thread, must give exactly what all the checks give on one thread, and each
// half must run only its own checks.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { extractFacts } from '../../src/crawl/extract/index.js';
import type { CheckId, PageFacts } from '../../src/domain/index.js';
import { allChecks } from '../../src/checks/index.js';
import { FindingCollector, enabledChecks, runPageChecks } from '../../src/checks/runner.js';
import type { CheckContext } from '../../src/checks/types.js';
import { checksLeftHere, completeHere, processorChecks, type PageCheckResult, type PageShare } from '../../src/scan/page-work.js';
import { createProcessor as everyCheck } from '../../src/scan/page-processor.js';
import { createProcessor as structureChecks } from '../../src/scan/structure-processor.js';
import { html, input } from '../crawl/extract-helpers.js';
import { REAL_PAGES_DIR } from '../real-pages.js';

const NOW = '2026-11-27T00:00:00.000Z';
const ROOT = 'http://www.example.gov.cn/';

const ctx = (): CheckContext => ({ config: defaultConfig(), now: new Date(NOW), rootUrl: ROOT, resources: new Map() });
const enabled = enabledChecks(allChecks, ctx()).page;

const oneThread = ctx();
function allHere(facts: PageFacts) {
  const c = oneThread;
  const out = new FindingCollector(c.config.checks.maxFindingsPerCheck);
  runPageChecks(enabled, facts, c, out);
  return { findings: out.findings, errors: out.errors, dropped: [...out.dropped] };
}

const made = [
  // A listed typo and a statistical suspect (提挡升级), a personal ID number, a redirect script.
  html(`<h1>关于推进农村基础设施的通知</h1><p>这一成就令人震憾。全县推动农村基础设施提挡升级，继续把基础设施建设重点放在农村。</p>`),
  html(`<h1>公示名单</h1><p>张三，身份证号：11010519491231002X，联系电话：13912345678</p>`),
  html(`<h1>通知</h1><script>if(document.referrer.indexOf("baidu")>0){window.location.href="http://bad.example.com/";}</script><p>正文</p>`),
  // Findings of both halves on one page: they must come out in catalogue order, not worker's first.
  html(`<h1>通知</h1><script>if(document.referrer.indexOf("baidu")>0){window.location.href="http://bad.example.com/";}</script><p>这一成就令人震憾。</p>`),
].map((body, i) => ({ url: `${ROOT}made-${i}.html`, body: Buffer.from(body) }));
const real = readdirSync(REAL_PAGES_DIR)
  .filter((f) => f.endsWith('.html'))
  .map((f) => ({ url: `${ROOT}${f}`, body: readFileSync(REAL_PAGES_DIR + f) }));
const pages = [...made, ...real].map((p) => extractFacts(input(p.url), p.body));

describe('page check shares', () => {
  it('split: each check runs on one thread only; the text checks stay on the main thread', () => {
    const worker = processorChecks(enabled, 'split').map((c) => c.id);
    const here = checksLeftHere(enabled, 'split').map((c) => c.id);
    expect([...worker, ...here].sort()).toEqual(enabled.map((c) => c.id).sort());
    expect(here).toEqual(expect.arrayContaining<CheckId>(['typo', 'wrong-expression', 'sensitive-word', 'privacy-leak', 'seo-spam', 'hidden-link']));
    expect(worker).toEqual(expect.arrayContaining<CheckId>(['malicious-redirect', 'consultation-period', 'missing-identifier']));
    expect(processorChecks(enabled, 'all')).toEqual(enabled);
    expect(checksLeftHere(enabled, 'all')).toEqual([]);
  });

  for (const share of ['split', 'all'] as PageShare[]) {
    it(`${share}: the worker's part completed on the main thread equals every check run on one thread`, () => {
      const init = { config: defaultConfig(), now: NOW, rootUrl: ROOT, share };
      const processor = share === 'all' ? everyCheck(init) : structureChecks(init);
      const main = ctx();
      const left = checksLeftHere(enabled, share);
      const seen = new Set<string>();
      for (const facts of pages) {
        // As the pool hands them over: structured clones.
        const page = structuredClone(facts) as PageFacts;
        const part = structuredClone(processor.process(facts)) as PageCheckResult;
        const want = allHere(facts);
        expect(completeHere(part, page, left, enabled, main)).toEqual(want);
        if (share === 'split' && facts.url.endsWith('made-3.html')) {
          expect(part.findings.map((f) => f.check)).toContain('malicious-redirect');
          expect(want.findings.map((f) => f.check)).toContain('typo');
        }
        for (const f of want.findings) seen.add(f.check === 'typo' ? `typo:${(f.detail as { method: string }).method}` : f.check);
      }
      expect([...seen]).toEqual(expect.arrayContaining(['typo:list', 'typo:statistical', 'privacy-leak', 'malicious-redirect']));
    });
  }
});
