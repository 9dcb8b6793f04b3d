// The contract between facts and findings. A check is a small pure function; it never fetches,
// never writes, and one check failing never sinks the others (the runner catches and reports it).
import type { CheckId, Finding, PageFacts, SiteFacts } from '../domain/index.js';

/** Shared, read-only resources a check may use (dictionaries, thresholds). Built once per scan. */
export interface CheckContext {
  config: import('../config.js').ScanConfig;
  now: Date;
  rootUrl: string;
  /** Lazily built shared resources, keyed by name (e.g. the text matcher). */
  resources: Map<string, unknown>;
}

export interface PageCheck {
  id: CheckId;
  scope: 'page';
  /** Runs on every fetched HTML page (and on attachment text, see AttachmentFacts). */
  run(page: PageFacts, ctx: CheckContext): Finding[];
}

export interface SiteCheck {
  id: CheckId;
  scope: 'site';
  run(site: SiteFacts, ctx: CheckContext): Finding[];
}

export type Check = PageCheck | SiteCheck;
