// When and what the browser pass renders during a scan. Rendering is a fixed cost per site (Chromium start,
// renders, settle time), so it runs alongside the crawl: the home page and its first navigation pages as soon
// as the home page is parsed, then only the suspect pages the crawl turned up that were not rendered yet.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanConfig } from '../config.js';
import type { PageFacts, RenderedFacts } from '../domain/index.js';
import type { BrowserPassOptions } from '../browser/index.js';
import type { Screenshot } from '../report/html.js';

/** Pages whose scripts or hidden blocks look suspicious get rendered and fetched as a spider too. */
export function isSuspect(page: PageFacts): boolean {
  if (page.hiddenBlocks.length) return true;
  return page.scripts.some((s) => s.inline && /document\.referrer|navigator\.userAgent|location\s*\.\s*(href|replace)|window\.location\s*=/i.test(s.inline));
}

const CAPTIONS: Record<string, string> = { browser: '浏览器访问', 'referer:baidu': '从百度搜索结果进入' };

export class BrowserSchedule {
  readonly enabled: boolean;
  private readonly shotDir: string;
  private readonly hosts: Record<string, string[]>;
  private readonly staticLinks: Record<string, string[]> = {};
  private readonly rendered: RenderedFacts[] = [];
  private readonly renderedUrls = new Set<string>();
  private readonly runs: Promise<void>[] = [];

  constructor(private readonly cfg: ScanConfig, root: URL, assetsDir?: string) {
    this.enabled = cfg.checks.browser && existsSync(cfg.checks.chromiumPath);
    this.shotDir = this.enabled ? assetsDir ?? mkdtempSync(join(tmpdir(), 'govpatrol-shots-')) : '';
    // With hostsOnly the browser may reach only mapped hosts; a site addressed by IP is reachable as itself.
    this.hosts = isIP(root.hostname.replace(/^\[|\]$/g, '')) ? { ...cfg.crawl.hosts, [root.hostname]: [root.hostname] } : cfg.crawl.hosts;
  }

  get pending(): boolean {
    return this.runs.length > 0;
  }

  /** Called for every crawled page, on the main thread; `suspect` is isSuspect(page), judged once by the caller. */
  onPage(page: PageFacts, suspect: boolean): void {
    if (!this.enabled) return;
    const url = page.finalUrl || page.url;
    if (page.depth === 0 || suspect) this.staticLinks[url] = page.links.map((l) => l.url);
    if (page.depth === 0 && page.outcome === 'ok' && !this.renderedUrls.size) {
      const host = new URL(url).host;
      const nav = page.links.filter((l) => l.tag === 'a' && l.place === 'nav' && !l.hidden && new URL(l.url).host === host).map((l) => l.url);
      this.render([...new Set([url, ...nav])].slice(0, 1 + this.cfg.checks.browserSample));
    }
  }

  render(sample: string[]): void {
    if (!this.enabled) return;
    const fresh = sample.filter((u) => !this.renderedUrls.has(u));
    if (!fresh.length) return;
    for (const u of fresh) this.renderedUrls.add(u);
    const opts: BrowserPassOptions = {
      chromiumPath: this.cfg.checks.chromiumPath, sample: fresh, hosts: this.hosts, hostsOnly: this.cfg.crawl.hostsOnly,
      screenshotDir: this.shotDir, staticLinks: this.staticLinks,
    };
    this.runs.push(
      // Loaded only when used: playwright-core alone costs ~80 MB of memory.
      import('../browser/index.js').then(({ runBrowserPass }) => runBrowserPass(opts)).then((r) => void this.rendered.push(...r)),
    );
  }

  /** Waits for every render; returns the facts and the screenshots as report evidence. */
  async finish(): Promise<{ rendered: RenderedFacts[]; screenshots: Screenshot[] }> {
    await Promise.all(this.runs);
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

  /** On error paths: let running renders end before the scan returns. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.runs);
  }
}
