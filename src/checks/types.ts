// The contract between facts and findings. A check is a small pure function; it never fetches,
// never writes, never weighs what it saw (no severity: only the rules decide that), and one check failing
// never sinks the others (the runner catches and reports it).
import type { CheckId, CheckFinding, PageFacts, SiteFacts } from '../domain/index.js';

/** Shared, read-only resources a check may use (dictionaries, thresholds). Built once per scan. */
export interface CheckContext {
  config: import('../config.js').ScanConfig;
  now: Date;
  rootUrl: string;
  /** Lazily built shared resources, keyed by name (e.g. the text matcher). */
  resources: Map<string, unknown>;
}

/** A check reports only findings of its own id, each with that id's detail (domain CheckDetails). */
export interface PageCheck<C extends CheckId = CheckId> {
  id: C;
  scope: 'page';
  /** Runs on every fetched HTML page (and on attachment text, see AttachmentFacts). */
  run(page: PageFacts, ctx: CheckContext): CheckFinding<C>[];
}

/** Site facts that only some scans have: the browser pass, the spider/search-referer fetches, earlier baselines. */
export type SiteInput = 'rendered' | 'variants' | 'baselines';

export interface SiteCheck<C extends CheckId = CheckId> {
  id: C;
  scope: 'site';
  /** Facts without which the check cannot judge anything; when one is missing the scan skips the check and
   *  says why in the report's coverage (an empty list must never read as 「nothing found」). */
  needs?: SiteInput[];
  run(site: SiteFacts, ctx: CheckContext): CheckFinding<C>[];
}

export type Check = PageCheck | SiteCheck;
