// The browser inside a whole scan: Chromium launched once per scan, and gone when the scan returns, however
// it ends (finished, aborted by Ctrl-C, failed). Without Chromium the scan still runs and says what it skipped.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSite, type TestSite } from '../../testsite/index.js';
import { scanSite } from '../../src/scan/scan.js';
import type { Store } from '../../src/store/index.js';
import { defaultConfig, mergeConfig, type ScanConfigInput } from '../../src/config.js';
import { descendants } from '../../src/browser/memory.js';

const CHROMIUM = inject('chromium');
let site: TestSite;
beforeAll(async () => {
  site = await startTestSite({ pages: 120 });
});
afterAll(async () => site?.close());

const config = (checks: ScanConfigInput['checks'] = {}) =>
  mergeConfig(defaultConfig(), {
    crawl: { hosts: site.hosts, hostsOnly: true, maxPages: 500, requestTimeoutMs: 5000 },
    checks: { browser: true, chromiumPath: CHROMIUM || '/usr/bin/chromium', availabilityProbes: 1, attachments: false, ...checks },
  });

/** Chromium processes started by this test process (through the browser host), still alive. */
const chromiumAlive = () =>
  descendants(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
    } catch {
      return false;
    }
  });

async function noChromiumWithin(ms: number): Promise<number[]> {
  const end = Date.now() + ms;
  while (chromiumAlive().length && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  return chromiumAlive();
}

describe.skipIf(!CHROMIUM)('the browser in a scan', () => {
  it('launches Chromium once for the whole scan and leaves none behind', async () => {
    const outcome = await scanSite({ url: site.url, config: config() });
    const note = outcome.crawlNotes.find((n) => n.startsWith('浏览器渲染：'));
    expect(note).toMatch(/Chromium 启动 1 次，渲染 \d+ 次/);
    expect(Number(/渲染 (\d+) 次/.exec(note!)![1])).toBeGreaterThanOrEqual(4); // home + a nav page, two identities each
    expect(await noChromiumWithin(15_000)).toEqual([]);
  }, 180_000);

  it('closes Chromium when the scan is aborted (Ctrl-C) while pages render', async () => {
    const controller = new AbortController();
    // Ctrl-C as soon as Chromium runs: during the crawl, or while the scan waits for the last renders.
    const watch = setInterval(() => chromiumAlive().length && controller.abort(), 100);
    const started = Date.now();
    try {
      await scanSite({ url: site.url, config: config(), signal: controller.signal });
    } finally {
      clearInterval(watch);
    }
    expect(controller.signal.aborted).toBe(true);
    expect(await noChromiumWithin(15_000)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(150_000); // did not sit out the 3-minute render budget
  }, 180_000);

  it('closes Chromium when the scan fails after the browser started', async () => {
    const failing = scanSite({
      url: site.url,
      config: config(),
      onPhase: (label) => {
        if (label.startsWith('以百度蜘蛛')) throw new Error('simulated failure after the crawl');
      },
    });
    await expect(failing).rejects.toThrow('simulated failure');
    expect(await noChromiumWithin(15_000)).toEqual([]);
  }, 180_000);

  it('closes the browser it started when the scan cannot even open its record', async () => {
    // Slow enough that Chromium is up when the failure comes.
    const brokenStore = { upsertSite: () => new Promise((_, reject) => setTimeout(() => reject(new Error('simulated database failure')), 1500)) } as unknown as Store;
    await expect(scanSite({ url: site.url, config: config(), store: brokenStore })).rejects.toThrow('simulated database failure');
    expect(await noChromiumWithin(15_000)).toEqual([]);
  }, 60_000);
});

describe('a scan on a machine without Chromium', () => {
  it('runs every other check and notes that the browser checks were skipped', async () => {
    const outcome = await scanSite({ url: site.url, config: config({ chromiumPath: '/nonexistent/chromium' }) });
    expect(outcome.report.stats.pages).toBeGreaterThan(50);
    expect(outcome.crawlNotes).toContain('浏览器渲染检查已跳过：未找到 Chromium（/nonexistent/chromium）；安装方法：apt-get install -y chromium-headless-shell fonts-noto-cjk');
  }, 180_000);
});
