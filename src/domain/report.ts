// The scan report contract, `govpatrol.scan/1` (design.md). Tests, scripts and users depend on it:
// change it only on purpose.
import type { Finding } from './findings.js';

export type IndicatorKind = 'veto' | 'deduction' | 'bonus';

export interface IndicatorResult {
  code: string;
  name: string;
  kind: IndicatorKind;
  triggered: boolean;
  points: number; // points lost (deduction), gained (bonus), 0 for veto
  findings: number;
}

export interface ScanReport {
  schema: 'govpatrol.scan/1';
  site: { url: string; name: string };
  startedAt: string;
  finishedAt: string;
  stats: { pages: number; links: number; bytes: number; errors: number };
  verdict: 'qualified' | 'unqualified';
  score: number;
  indicators: IndicatorResult[];
  findings: Finding[];
  /** What the scan could and could not judge (added to govpatrol.scan/1 in December 2026: reports written
   *  before then lack it, so readers treat it as optional). */
  coverage?: ScanCoverage;
}

/** ran: every part of the check ran without error. partial: a part did not run (e.g. the browser pass of a
 *  check that also reads the static HTML). skipped: nothing of it ran. failed: it threw at least once. */
export type CheckStatus = 'ran' | 'partial' | 'skipped' | 'failed';

export interface CheckCoverage {
  status: CheckStatus;
  /** 中文: why it was skipped or partial, or its first error. */
  reason?: string;
  /** Times the check threw (each on one page or on the site). */
  errors?: number;
  /** Pages a page check ran on. */
  pages?: number;
  /** Findings not listed because the check passed its per-check cap (checks.maxFindingsPerCheck). */
  dropped?: number;
}

export interface ScanCoverage {
  /** True only when every check ran without error: otherwise the verdict is not the whole story. */
  complete: boolean;
  /** Per check id, every known check (disabled ones as skipped). */
  checks: Record<string, CheckCoverage>;
  /** How the crawl went, in Chinese: caps hit, robots.txt, sitemaps, the browser pass, interruption. */
  crawlNotes: string[];
  /** Check errors: the total, and the first few with the page they happened on. */
  checkErrors: { count: number; examples: Array<{ check: string; url?: string; message: string }> };
}
