// The whole pipeline against the synthetic government site: every planted defect found, nothing else reported.
import { afterAll, beforeAll, describe as suite, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSite, type TestSite } from '../../testsite/index.js';
import { scanSite, type ScanOutcome } from '../../src/scan/scan.js';
import { defaultConfig, mergeConfig } from '../../src/config.js';
import { openStore, type Store } from '../../src/store/index.js';
import { compare, describe } from './manifest-match.js';

// The global setup installs Chromium or fails the run; '' only when GOVPATROL_SKIP_BROWSER=1.
const chromium = Boolean(inject('chromium'));

suite('scan of the synthetic site', () => {
  let site: TestSite;
  let store: Store;
  let dir: string;
  let outcome: ScanOutcome;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gp-e2e-'));
    site = await startTestSite({ pages: 300 });
    store = await openStore({ url: join(dir, 'gp.sqlite') });
    const config = mergeConfig(defaultConfig(), {
      crawl: { hosts: site.hosts, hostsOnly: true, maxPages: 2000, requestTimeoutMs: 5000 },
      checks: { browser: chromium, availabilityProbes: 1 },
    });
    outcome = await scanSite({ url: site.url, config, store });
  }, 180_000);

  afterAll(async () => {
    await store?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('crawls the whole site', () => {
    expect(outcome.report.stats.pages).toBeGreaterThanOrEqual(250);
    expect(outcome.aborted).toBe(false);
    expect(outcome.checkErrors).toEqual([]);
  });

  it('reports every planted defect (100 % recall)', () => {
    const { missed } = compare(outcome.report.findings, site.manifest);
    expect(describe(missed)).toBe('');
  });

  it('reports nothing that was not planted (no false positives)', () => {
    const { extra } = compare(outcome.report.findings, site.manifest);
    expect(describe(extra)).toBe('');
  });

  it('gives every finding its evidence, rule and advice', () => {
    for (const f of outcome.report.findings) {
      expect(f.url).toMatch(/^https?:\/\//);
      expect(f.message.length).toBeGreaterThan(4);
      expect(f.indicator).not.toBe('');
      expect(typeof f.detail.advice).toBe('string');
      expect((f.detail.advice as string).length).toBeGreaterThan(4);
    }
  });

  it('judges the verdict by the rules: a veto makes the site unqualified', () => {
    const vetoes = outcome.report.indicators.filter((i) => i.kind === 'veto' && i.triggered);
    expect(vetoes.length).toBeGreaterThan(0);
    expect(outcome.report.verdict).toBe('unqualified');
  });

  it('keeps the scan in the database', async () => {
    const scans = await store.listScans();
    expect(scans.length).toBe(1);
    const saved = await store.getScanReport(outcome.scanId!);
    expect(saved?.findings.length).toBe(outcome.report.findings.length);
  });
});
