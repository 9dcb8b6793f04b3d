// The browser a scan renders with: a host process and its Chromium, started as early as the scan's caller can
// (the CLI starts it before it loads the scan's code, ~0.25 s earlier), because on a short scan (a small site,
// an unchanged site's rescan) the renders are what the scan waits for at its end: the home page's render as a
// visitor from a search engine waits 1.5 s after load for scripts that redirect such visitors.
import { existsSync, mkdtempSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanConfig } from '../config.js';
import { RemoteBrowser } from '../browser/remote.js';

export interface ScanBrowser {
  /** Absent when the browser pass is off or Chromium is missing. */
  browser?: RemoteBrowser;
  /** Where screenshots go. */
  shotDir: string;
  /** Why the browser pass will not run, in Chinese, for the crawl notes. */
  notes: string[];
}

/** Starts the browser for a scan of `root` (its launch begins now); closed by the scan's BrowserSchedule. */
export function startScanBrowser(cfg: ScanConfig, root: URL, assetsDir?: string): ScanBrowser {
  const chromium = existsSync(cfg.checks.chromiumPath);
  if (!cfg.checks.browser || !chromium) {
    const notes = cfg.checks.browser ? [`浏览器渲染检查已跳过：未找到 Chromium（${cfg.checks.chromiumPath}）；安装方法：apt-get install -y chromium-headless-shell fonts-noto-cjk`] : [];
    return { shotDir: '', notes };
  }
  const shotDir = assetsDir ?? mkdtempSync(join(tmpdir(), 'govpatrol-shots-'));
  // With hostsOnly the browser may reach only mapped hosts; a site addressed by IP is reachable as itself.
  const hosts = isIP(root.hostname.replace(/^\[|\]$/g, '')) ? { ...cfg.crawl.hosts, [root.hostname]: [root.hostname] } : cfg.crawl.hosts;
  const browser = new RemoteBrowser({ chromiumPath: cfg.checks.chromiumPath, hosts, hostsOnly: cfg.crawl.hostsOnly, screenshotDir: shotDir });
  browser.warmUp();
  return { browser, shotDir, notes: [] };
}
