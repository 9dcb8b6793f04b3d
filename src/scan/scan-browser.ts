// The browser a scan renders with: a host process and its Chromium, started when the scan opens so that its
// launch overlaps the scan's own start-up. (Started earlier still, before the CLI loads the scan's code, it took
// the CPU the crawl's start needed: every-check scans of the bench site 5.28 → 5.54 s, medians of 5 pairs; with
// the renders' virtual clock (render.ts) a rescan no longer waits for the browser either way.)
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
