// When and what the browser pass renders during a scan. One browser per scan (a host process with one
// Chromium, started with the scan so that its launch overlaps the scan's start-up), and renders run alongside
// the crawl: the home page and its first navigation pages as soon as the home page is parsed, then every
// suspect page as soon as the crawl meets it (up to a cap). The browser is closed when the scan ends, on every
// path: finish(), close() on errors, and at once when the scan's signal aborts (Ctrl-C).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanConfig } from '../config.js';
import type { PageFacts, RenderedFacts } from '../domain/index.js';
import type { Screenshot } from '../report/html.js';
import { RemoteBrowser } from '../browser/remote.js';
import { requestsFor } from '../browser/requests.js';
import { scriptWantsRendering } from '../checks/security/script-analysis.js';

/** Pages whose scripts (read after deobfuscation, as the malicious-redirect check reads them) or hidden blocks look
 *  suspicious get rendered and fetched as a spider too. */
export function isSuspect(page: PageFacts): boolean {
  if (page.hiddenBlocks.length) return true;
  return page.scripts.some((s) => s.inline !== undefined && scriptWantsRendering(s.inline));
}

const CAPTIONS: Record<string, string> = { browser: '浏览器访问', 'referer:baidu': '从百度搜索结果进入' };
/** Suspect pages rendered per scan, beyond the home sample: each costs two renders of a few seconds. */
export const MAX_SUSPECT_RENDERS = 20;

export class BrowserSchedule {
  readonly enabled: boolean;
  /** Why the browser pass did not run or how it went, in Chinese, for the crawl notes. */
  readonly notes: string[] = [];
  private readonly shotDir: string;
  private readonly browser?: RemoteBrowser;
  private readonly rendered: RenderedFacts[] = [];
  private readonly renderedUrls = new Set<string>();
  private readonly runs: Promise<void>[] = [];
  private suspects = 0;

  constructor(private readonly cfg: ScanConfig, root: URL, assetsDir?: string, signal?: AbortSignal) {
    const chromium = existsSync(cfg.checks.chromiumPath);
    this.enabled = cfg.checks.browser && chromium;
    if (cfg.checks.browser && !chromium) {
      this.notes.push(`浏览器渲染检查已跳过：未找到 Chromium（${cfg.checks.chromiumPath}）；安装方法：apt-get install -y chromium-headless-shell fonts-noto-cjk`);
    }
    this.shotDir = this.enabled ? assetsDir ?? mkdtempSync(join(tmpdir(), 'govpatrol-shots-')) : '';
    if (!this.enabled) return;
    // With hostsOnly the browser may reach only mapped hosts; a site addressed by IP is reachable as itself.
    const hosts = isIP(root.hostname.replace(/^\[|\]$/g, '')) ? { ...cfg.crawl.hosts, [root.hostname]: [root.hostname] } : cfg.crawl.hosts;
    this.browser = new RemoteBrowser({ chromiumPath: cfg.checks.chromiumPath, hosts, hostsOnly: cfg.crawl.hostsOnly, screenshotDir: this.shotDir });
    this.browser.warmUp();
    signal?.addEventListener('abort', () => void this.browser?.close(), { once: true });
  }

  get pending(): boolean {
    return this.runs.length > 0;
  }

  /** Called for every crawled page, on the main thread; `suspect` is isSuspect(page), judged once by the caller. */
  onPage(page: PageFacts, suspect: boolean): void {
    if (!this.enabled) return;
    const url = page.finalUrl || page.url;
    const links = () => page.links.map((l) => l.url);
    if (page.depth === 0 && page.outcome === 'ok' && !this.renderedUrls.size) {
      const host = new URL(url).host;
      const nav = page.links.filter((l) => l.tag === 'a' && l.place === 'nav' && !l.hidden && new URL(l.url).host === host).map((l) => l.url);
      this.render([url], links());
      this.render([...new Set(nav)].slice(0, this.cfg.checks.browserSample));
    } else if (suspect && this.suspects < MAX_SUSPECT_RENDERS && !this.renderedUrls.has(url)) {
      // A suspect page's screenshot is evidence only when the render shows something.
      this.suspects++;
      this.render([url], links(), false);
    }
  }

  /** Renders each URL not rendered yet, as a browser and as a visitor from Baidu, alongside whatever runs. */
  render(urls: string[], staticLinks?: string[], plainScreenshot = true): void {
    if (!this.browser) return;
    for (const url of urls) {
      if (this.renderedUrls.has(url)) continue;
      this.renderedUrls.add(url);
      for (const req of requestsFor(url, staticLinks, plainScreenshot)) {
        this.runs.push(this.browser.render(req).then((facts) => void this.rendered.push(facts)));
      }
    }
  }

  /** Waits for every render, closes the browser; returns the facts and the screenshots as report evidence. */
  async finish(): Promise<{ rendered: RenderedFacts[]; screenshots: Screenshot[] }> {
    this.browser?.prioritise(); // the crawl is over: nothing left for the renders to make way for
    await Promise.all(this.runs);
    await this.close();
    const screenshots: Screenshot[] = [];
    for (const r of this.rendered) {
      if (!r.screenshot) continue;
      const path = r.screenshot.startsWith('/') ? r.screenshot : join(this.shotDir, r.screenshot);
      if (!existsSync(path)) continue;
      const mime = path.endsWith('.jpg') || path.endsWith('.jpeg') ? 'image/jpeg' : 'image/png';
      screenshots.push({ url: r.url, caption: CAPTIONS[r.as] ?? r.as, png: readFileSync(path), mime });
    }
    return { rendered: this.rendered, screenshots };
  }

  /** Closes the browser (all paths; twice is harmless) and notes how the pass went. */
  async close(): Promise<void> {
    const stats = await this.browser?.close();
    if (stats && !this.notes.length) {
      const mb = (stats.chromiumPeakBytes / 1048576).toFixed(0);
      const cpu = stats.cpuSeconds ? `，浏览器一侧 CPU ${stats.cpuSeconds.toFixed(1)} s` : '';
      this.notes.push(`浏览器渲染：Chromium 启动 ${stats.launches} 次，渲染 ${stats.renders} 次，Chromium 峰值内存 ${mb} MB${cpu}`);
    }
  }
}
