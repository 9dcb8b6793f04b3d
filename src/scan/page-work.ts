// The page checks' work split between the parse workers and the main thread: what a worker's processor runs
// (a module the parse pool loads per worker: page-processor.ts with every page check, or structure-processor.ts
// with the structure checks only), what it returns, and how the main thread completes a page's results.
// This module imports no check catalogue, so a processor loads only the checks (and tables) it runs.
//
// The share depends on the workers there are:
// - 'all': every page check (two or more workers: they have the room, the main thread sheds its biggest cost);
// - 'split': one worker beside a busy main thread. Moving every check over made the worker the bottleneck and
//   loaded the checks' tables on both threads (+55 MB). So the split follows the tables: the text checks (the
//   text engine's dictionaries, the character model, and the normalised page text their scans share) stay on the
//   main thread, which needs those tables anyway (attachments, the cloaking and defacement site checks); the
//   worker runs the page checks that read only the page's structure (checks/structure.ts).
import type { ScanConfig } from '../config.js';
import type { PageFacts, CheckFinding, CheckId } from '../domain/index.js';
import type { PageProcessor } from '../crawl/parse-pool.js';
import { FindingCollector, enabledChecks, runPageChecks, type CheckError } from '../checks/runner.js';
import type { Check, CheckContext, PageCheck } from '../checks/types.js';
import { structurePageChecks } from '../checks/structure.js';

export type PageShare = 'all' | 'split';

export interface PageProcessorInit {
  config: ScanConfig;
  /** The scan's clock, ISO 8601 (a Date does not survive every hand-over as a Date). */
  now: string;
  rootUrl: string;
  /** The processor's part of the page work (default 'all'). */
  share?: PageShare;
}

export interface PageCheckResult {
  findings: CheckFinding[];
  errors: CheckError[];
  /** Findings past the per-check cap on this page, per check. */
  dropped?: Array<[CheckId, number]>;
}

const STRUCTURE_IDS: ReadonlySet<CheckId> = new Set(structurePageChecks.map((c) => c.id));

/** The page checks a processor runs under a share (of the enabled ones, in catalogue order). */
export function processorChecks(checks: PageCheck[], share: PageShare): PageCheck[] {
  return share === 'all' ? checks : checks.filter((c) => STRUCTURE_IDS.has(c.id));
}

/** The page checks left to the main thread when the processor did its share. */
export function checksLeftHere(checks: PageCheck[], share: PageShare): PageCheck[] {
  return share === 'all' ? [] : checks.filter((c) => !STRUCTURE_IDS.has(c.id));
}

/** A processor over a catalogue (every check, or the structure checks): the enabled ones of its share. */
export function processorOver(catalogue: Check[], init: PageProcessorInit): PageProcessor & { process(facts: PageFacts): PageCheckResult } {
  const ctx: CheckContext = { config: init.config, now: new Date(init.now), rootUrl: init.rootUrl, resources: new Map() };
  const checks = processorChecks(enabledChecks(catalogue, ctx).page, init.share ?? 'all');
  return {
    process(facts: PageFacts): PageCheckResult {
      // Same per-check cap as the scan's collector; the scan applies it again across all pages.
      const out = new FindingCollector(init.config.checks.maxFindingsPerCheck);
      runPageChecks(checks, facts, ctx, out);
      return { findings: out.findings, errors: out.errors, dropped: [...out.dropped] };
    },
  };
}

/**
 * A page's full results on the main thread: the processor's part plus the checks left here (none under 'all'),
 * in catalogue order (`order`: the enabled page checks), as if they had all run here.
 */
export function completeHere(part: PageCheckResult, page: PageFacts, left: PageCheck[], order: PageCheck[], ctx: CheckContext): PageCheckResult {
  if (left.length === 0) return { findings: part.findings, errors: part.errors, dropped: part.dropped };
  const here = new FindingCollector(ctx.config.checks.maxFindingsPerCheck);
  runPageChecks(left, page, ctx, here);
  const mine: PageCheckResult = { findings: here.findings, errors: here.errors, dropped: [...here.dropped] };
  // Most pages: the processor's checks found nothing.
  if (part.findings.length === 0 && part.errors.length === 0 && !part.dropped?.length) return mine;
  const rank = new Map(order.map((c, i) => [c.id, i]));
  const byCheck = (a: CheckId, b: CheckId) => rank.get(a)! - rank.get(b)!;
  return {
    findings: [...part.findings, ...mine.findings].sort((a, b) => byCheck(a.check, b.check)),
    errors: [...part.errors, ...mine.errors].sort((a, b) => byCheck(a.check, b.check)),
    dropped: [...(part.dropped ?? []), ...mine.dropped!].sort(([a], [b]) => byCheck(a, b)),
  };
}

/** Narrows a pool's extra to this processor's result (anything else means: run the checks here). */
export function asPageCheckResult(extra: unknown): PageCheckResult | undefined {
  if (!extra || typeof extra !== 'object') return undefined;
  const r = extra as Partial<PageCheckResult>;
  return Array.isArray(r.findings) && Array.isArray(r.errors) ? (r as PageCheckResult) : undefined;
}
