// The browser pass: Debian's Chromium, headless, a fresh temporary profile per launch (Playwright's), renders a sample of pages as a browser and as a
// visitor from Baidu. A small pool, per-page and total time limits; it never throws.
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import type { RenderedFacts } from '../domain/index.js';
import { hostResolverRules } from './network-guard.js';
import { renderOne, type Identity } from './render.js';

export interface BrowserPassOptions {
  chromiumPath: string;
  sample: string[];
  hosts: Record<string, string[]>;
  hostsOnly: boolean;
  screenshotDir?: string;
  timeoutMs?: number; // per page and identity, default 15 s
  concurrency?: number; // pages rendered at once, default 2
  totalBudgetMs?: number; // whole pass, default 3 min
  /** Static anchor URLs per sample URL; without it the pass parses the served HTML itself. */
  staticLinks?: Record<string, string[]>;
  /** Called for every request the network guard aborted (tests and audit logs). */
  onBlockedRequest?: (url: string) => void;
}

export const IDENTITIES: Identity[] = [
  { as: 'browser' },
  { as: 'referer:baidu', referer: 'https://www.baidu.com/s?wd=' },
];

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_BUDGET_MS = 180_000;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--no-proxy-server',
  '--disable-dev-shm-usage',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp', // no STUN/UDP to literal addresses
  '--force-webrtc-ip-handling-policy',
];

function refererFor(identity: Identity, url: string): string | undefined {
  if (!identity.referer) return undefined;
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    /* keep empty */
  }
  return `${identity.referer}${encodeURIComponent(host)}`;
}

export async function runBrowserPass(opts: BrowserPassOptions): Promise<RenderedFacts[]> {
  const jobs = opts.sample.flatMap((url) => IDENTITIES.map((identity) => ({ url, identity: { ...identity, referer: refererFor(identity, url) } })));
  const results: RenderedFacts[] = jobs.map((j) => ({ url: j.url, as: j.identity.as, finalUrl: j.url, navigatedOffSite: false, title: '', injectedLinks: [] }));
  if (!jobs.length) return results;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const budgetEnd = Date.now() + (opts.totalBudgetMs ?? DEFAULT_BUDGET_MS);

  let browser: Browser;
  try {
    if (opts.screenshotDir) await mkdir(opts.screenshotDir, { recursive: true });
    browser = await chromium.launch({
      executablePath: opts.chromiumPath,
      headless: true,
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=${hostResolverRules(opts.hosts, opts.hostsOnly)}`],
      timeout: Math.min(30_000, Math.max(1000, budgetEnd - Date.now())),
    });
  } catch (err) {
    for (const r of results) r.error = `无法启动浏览器（${opts.chromiumPath}）：${(err as Error).message.split('\n')[0]}`;
    return results;
  }

  // Headless Chromium announces itself as HeadlessChrome; spam scripts skip such visitors.
  const userAgent = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
  let next = 0;
  const worker = async (b: Browser) => {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i];
      if (Date.now() >= budgetEnd) {
        results[i].error = '浏览器检测超出总时限，未执行';
        continue;
      }
      results[i] = await renderOne(b, {
        url: job.url,
        identity: job.identity,
        hosts: opts.hosts,
        hostsOnly: opts.hostsOnly,
        userAgent,
        deadline: Math.min(budgetEnd, Date.now() + timeoutMs),
        screenshotDir: opts.screenshotDir,
        staticLinks: opts.staticLinks?.[job.url],
        onBlockedRequest: opts.onBlockedRequest,
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, () => worker(browser!)));
  } finally {
    await browser.close().catch(() => undefined);
  }
  return results;
}
