// The synthetic site's clean form and its optional defects, each scanned through the whole pipeline.
import { afterAll, beforeAll, describe as suite, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSite, type TestSite } from '../../testsite/index.js';
import { scanSite } from '../../src/scan/scan.js';
import { defaultConfig, mergeConfig, type ScanConfigInput } from '../../src/config.js';
import { openStore, type Store } from '../../src/store/index.js';
import { compare, describe } from './manifest-match.js';

// The global setup installs Chromium or fails the run; '' only when GOVPATROL_SKIP_BROWSER=1.
const chromium = Boolean(inject('chromium'));

function configFor(site: TestSite, extra: ScanConfigInput = {}) {
  return mergeConfig(defaultConfig(), {
    crawl: { hosts: site.hosts, hostsOnly: true, maxPages: 2000, requestTimeoutMs: 5000, ...extra.crawl },
    checks: { browser: false, availabilityProbes: 1, ...extra.checks },
    rules: extra.rules,
  });
}

suite('a clean government site', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite({ pages: 200, defects: false });
  });
  afterAll(async () => site?.close());

  it('gets no findings beyond its transport facts (http only, no IPv6)', async () => {
    const { report } = await scanSite({ url: site.url, config: configFor(site, { checks: { browser: chromium } }) });
    expect(site.manifest.map((d) => d.check).sort()).toEqual(['no-https', 'no-ipv6']);
    const { missed, extra } = compare(report.findings, site.manifest);
    expect(describe(missed)).toBe('');
    expect(describe(extra)).toBe('');
    expect(report.verdict).toBe('qualified');
    expect(report.score).toBeGreaterThanOrEqual(90);
  }, 120_000);
});

suite('optional defects', () => {
  it('finds a stale home page, a missing search and a slow home page', async () => {
    const site = await startTestSite({ pages: 150, defects: false, variant: { staleHome: true, noSearch: true, slowHomeMs: 1200 } });
    try {
      const { report } = await scanSite({ url: site.url, config: configFor(site, { checks: { availabilityThresholdMs: 1000 } }) });
      const checks = report.findings.map((f) => f.check);
      expect(checks).toContain('stale-homepage');
      expect(checks).toContain('no-search');
      expect(checks).toContain('availability');
      const { missed, extra } = compare(report.findings, site.manifest);
      expect(describe(missed)).toBe('');
      expect(describe(extra)).toBe('');
      expect(report.verdict).toBe('unqualified'); // 首页不更新 and 站点无法访问 are vetoes
    } finally {
      await site.close();
    }
  }, 120_000);

  suite('defacement against the baseline of an earlier scan', () => {
    let dir: string;
    let store: Store;
    let site: TestSite;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'gp-deface-'));
      store = await openStore({ url: join(dir, 'gp.sqlite') });
      site = await startTestSite({ pages: 150, defects: false });
    });
    afterAll(async () => {
      await store?.close();
      await site?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports the injected foreign script on the second scan, and nothing on the first', async () => {
      const first = await scanSite({ url: site.url, config: configFor(site), store });
      expect(first.report.findings.filter((f) => f.check === 'defacement')).toEqual([]);
      site.reconfigure({ variant: { tampered: true } });
      const second = await scanSite({ url: site.url, config: configFor(site), store });
      const { missed, extra } = compare(second.report.findings, site.manifest);
      expect(describe(missed)).toBe('');
      expect(describe(extra)).toBe('');
      expect(second.report.verdict).toBe('unqualified');
      const diff = await store.compareWithPrevious(second.scanId!);
      expect(diff.newFindings.map((f) => f.check)).toContain('defacement');
    }, 120_000);
  });
});
