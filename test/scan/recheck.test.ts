// The rectification re-check on the synthetic site: a real scan finds the planted defects; each is re-checked
// while still planted (still-present), then the site's switch fixes it (fixed). Findings only a whole-site
// scan can judge are handed to the inspector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSite, type SpecialKind, type TestSite } from '../../testsite/index.js';
import { specialItem } from '../../testsite/model.js';
import { scanSite } from '../../src/scan/scan.js';
import { recheckFindings, recheckPlan, type RecheckFinding } from '../../src/scan/recheck.js';
import { defaultConfig, mergeConfig, type ScanConfig } from '../../src/config.js';
import type { Finding } from '../../src/domain/index.js';

let site: TestSite;
let config: ScanConfig;
let findings: Finding[];

beforeAll(async () => {
  site = await startTestSite({ pages: 100 });
  config = mergeConfig(defaultConfig(), {
    crawl: { hosts: site.hosts, hostsOnly: true, requestTimeoutMs: 5000, concurrency: 4, parseWorkers: 0 },
    checks: { browser: false, availabilityProbes: 1 },
  });
  findings = (await scanSite({ url: site.url, config })).report.findings;
}, 120_000);
afterAll(async () => {
  await site?.close();
});

/** The scan's finding for a planted defect, as the store would hand it to the re-check. */
function planted(check: string, urlPart: string): RecheckFinding {
  const f = findings.find((x) => x.check === check && (x.url.includes(urlPart) || (x.target ?? '').includes(urlPart)));
  if (!f) throw new Error(`the scan did not report ${check} at ${urlPart}`);
  return { check: f.check, url: f.url, target: f.target, evidence: f.evidence, detail: f.detail as unknown as Record<string, unknown> };
}
const pathOf = (kind: SpecialKind) => specialItem(site.site.model, kind).path;

describe('re-checking one finding on the synthetic site', () => {
  const kinds: SpecialKind[] = ['typo-zhenhan', 'privacy-table', 'dead-500'];
  let cases: Array<{ kind: SpecialKind; finding: RecheckFinding }>;

  beforeAll(() => {
    cases = [
      { kind: 'typo-zhenhan', finding: planted('typo', pathOf('typo-zhenhan')) },
      { kind: 'privacy-table', finding: planted('privacy-leak', pathOf('privacy-table')) },
      { kind: 'dead-500', finding: planted('dead-link', '/bad/500.html') },
    ];
    expect(cases[2]!.finding.url).toContain(pathOf('dead-500'));
  });

  it('finds each planted defect still present while the site still has it', async () => {
    const results = await recheckFindings(cases.map((c) => c.finding), { config, rootUrl: site.url });
    expect(results.map((r) => r.verdict)).toEqual(['still-present', 'still-present', 'still-present']);
    expect(results[0]!.evidence).toContain('震憾');
    expect(results[2]!.reason).toContain('500');
  }, 60_000);

  it('finds them fixed once the site switches the defects off', async () => {
    site.reconfigure({ fixed: kinds });
    try {
      expect(site.manifest.some((d) => d.note.includes('震憾'))).toBe(false);
      const results = await recheckFindings(cases.map((c) => c.finding), { config, rootUrl: site.url });
      expect(results.map((r) => r.verdict)).toEqual(['fixed', 'fixed', 'fixed']);
      expect(results[2]!.reason).toContain('不再链接');
    } finally {
      site.reconfigure({ fixed: [] });
    }
  }, 60_000);

  it('fixes only what was switched off: another typo on another page stays', async () => {
    site.reconfigure({ fixed: ['typo-zhenhan'] });
    try {
      const other = findings.find((x) => x.check === 'typo' && x.evidence.includes('截止目前'))!;
      const [r] = await recheckFindings([{ ...other, detail: other.detail as unknown as Record<string, unknown> }], { config, rootUrl: site.url });
      expect(r!.verdict).toBe('still-present');
    } finally {
      site.reconfigure({ fixed: [] });
    }
  }, 60_000);

  it('hands site-level and browser findings to the inspector, and says why', async () => {
    const stale = findings.find((x) => x.check === 'stale-column')!;
    expect(recheckPlan({ ...stale, detail: {} }).kind).toBe('inspector');
    expect(recheckPlan({ check: 'hidden-link', url: site.url, evidence: '', detail: { via: 'script-injected' } }).kind).toBe('inspector');
    const [r] = await recheckFindings([{ check: 'stale-column', url: stale.url, evidence: stale.evidence }], { config, rootUrl: site.url });
    expect(r).toMatchObject({ verdict: 'cannot-recheck' });
    expect(r!.reason).toContain('检查员');
  });

  it('cannot judge a page that does not answer, and calls a deleted page fixed', async () => {
    const typo = cases[0]!.finding;
    const down = await recheckFindings([{ ...typo, url: `${site.url}bad/hang` }], { config: mergeConfig(config, { crawl: { requestTimeoutMs: 500, retries: 0 } }), rootUrl: site.url });
    expect(down[0]!.verdict).toBe('cannot-recheck');
    const gone = await recheckFindings([{ ...typo, url: `${site.url}bad/404.html` }], { config, rootUrl: site.url });
    expect(gone[0]).toMatchObject({ verdict: 'fixed' });
    expect(gone[0]!.reason).toContain('404');
  }, 30_000);
});
