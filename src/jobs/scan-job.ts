// The executor for 'scan' jobs: one full scan of a registered website, with the platform's settings and
// the website's own caps. It calls src/scan (never the crawler directly).
import { defaultConfig, mergeConfig, type ScanConfig } from '../config.js';
import { scanSite } from '../scan/scan.js';
import type { Store } from '../store/index.js';
import { getWebsite, type Website } from '../store/inventory.js';
import { getSettings } from '../store/settings.js';
import { SYSTEM_ACTOR, UnitScope } from '../store/scope.js';
import type { JobExecutor } from './runner.js';

export interface ScanJobOptions {
  /** Adjusts the config for one website (the demo maps its synthetic hosts to loopback here). */
  configure?(website: Website, config: ScanConfig): ScanConfig;
  /** Browser pass on by default; off for deployments without Chromium. */
  browser?: boolean;
}

export function scanConfigFor(website: Website, overlays: string[], browser: boolean): ScanConfig {
  return mergeConfig(defaultConfig(), {
    crawl: {
      maxPages: website.maxPages,
      // A whole city portal: the URL cap follows the page cap so the crawl is bounded by what the supervisor set.
      maxUrlsPerSite: Math.max(website.maxPages * 2, 10_000),
      subsites: website.subsites,
    },
    checks: { browser },
    rules: { portal: website.kind === 'portal', overlays },
  });
}

export function scanJobExecutor(store: Store, opts: ScanJobOptions = {}): JobExecutor {
  return async ({ job, signal, onProgress, onScan }) => {
    if (job.websiteId == null) return { error: '任务缺少网站' };
    const scope = await UnitScope.of(store.db, SYSTEM_ACTOR);
    const website = await getWebsite(store.db, scope, job.websiteId);
    const settings = await getSettings(store.db);
    let config = scanConfigFor(website, settings.overlays, opts.browser ?? true);
    if (opts.configure) config = opts.configure(website, config);
    let scanId: number | undefined;
    let phase = '准备';
    const outcome = await scanSite({
      url: website.url,
      config,
      store,
      signal,
      onPhase: (label) => {
        phase = label;
      },
      onProgress: (p) => {
        if (scanId === undefined) {
          // The scan row exists once the crawl reports; look it up once so the job links to it.
          void latestRunningScan(store, website.siteId).then((id) => {
            if (id !== undefined && scanId === undefined) {
              scanId = id;
              onScan(id);
            }
          });
        }
        onProgress({ pages: p.pagesDone, queued: p.queued, errors: p.errors, phase: phase || p.phase });
      },
    });
    return { scanId: outcome.scanId ?? scanId, error: outcome.aborted ? '扫描被中止' : undefined };
  };
}

async function latestRunningScan(store: Store, siteId: number): Promise<number | undefined> {
  const row = await store.db
    .selectFrom('scans')
    .select('id')
    .where('siteId', '=', siteId)
    .where('status', '=', 'running')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}
