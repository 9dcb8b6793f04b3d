// The scan's page checks as a parse-pool processor: the pool loads this module on each parse worker (and
// in-thread when a page is parsed there), so the checks run right after extraction, off the main thread.
// Each thread builds its own CheckContext (text engine, spam scanner) once; per-page results are plain data.
import type { ScanConfig } from '../config.js';
import type { PageFacts, CheckFinding, CheckId } from '../domain/index.js';
import type { PageProcessor } from '../crawl/parse-pool.js';
import { allChecks } from '../checks/index.js';
import { FindingCollector, enabledChecks, runPageChecks, type CheckError } from '../checks/runner.js';
import type { CheckContext } from '../checks/types.js';

export interface PageProcessorInit {
  config: ScanConfig;
  /** The scan's clock, ISO 8601 (a Date does not survive every hand-over as a Date). */
  now: string;
  rootUrl: string;
}

export interface PageCheckResult {
  findings: CheckFinding[];
  errors: CheckError[];
  /** Findings past the per-check cap on this page, per check. */
  dropped?: Array<[CheckId, number]>;
}

export function createProcessor(init: PageProcessorInit): PageProcessor & { process(facts: PageFacts): PageCheckResult } {
  const ctx: CheckContext = { config: init.config, now: new Date(init.now), rootUrl: init.rootUrl, resources: new Map() };
  const checks = enabledChecks(allChecks, ctx).page;
  return {
    process(facts: PageFacts): PageCheckResult {
      // Same per-check cap as the scan's collector; the scan applies it again across all pages.
      const out = new FindingCollector(init.config.checks.maxFindingsPerCheck);
      runPageChecks(checks, facts, ctx, out);
      return { findings: out.findings, errors: out.errors, dropped: [...out.dropped] };
    },
  };
}

/** Narrows a pool's extra to this processor's result (anything else means: run the checks here). */
export function asPageCheckResult(extra: unknown): PageCheckResult | undefined {
  if (!extra || typeof extra !== 'object') return undefined;
  const r = extra as Partial<PageCheckResult>;
  return Array.isArray(r.findings) && Array.isArray(r.errors) ? (r as PageCheckResult) : undefined;
}
