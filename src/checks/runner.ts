// Runs checks over facts. Each check is isolated: a throw becomes a recorded check error, never a lost scan.
import type { PageFacts, SiteFacts, AttachmentFacts, CheckId, CheckFinding } from '../domain/index.js';
import type { Check, CheckContext, PageCheck, SiteCheck } from './types.js';

export interface CheckError {
  check: CheckId;
  url?: string;
  message: string;
}

/** Collects findings with a per-check cap, so one noisy check cannot flood a report or memory. */
export class FindingCollector {
  readonly findings: CheckFinding[] = [];
  /** The first errors, with their pages (bounded); errorCounts has them all, per check. */
  readonly errors: CheckError[] = [];
  readonly errorCounts = new Map<CheckId, number>();
  /** Each failing check's first error message. */
  readonly firstErrors = new Map<CheckId, string>();
  readonly dropped = new Map<CheckId, number>();
  private readonly perCheck = new Map<CheckId, number>();

  constructor(private readonly maxPerCheck: number) {}

  add(list: CheckFinding[]): void {
    for (const f of list) {
      const n = this.perCheck.get(f.check) ?? 0;
      if (n >= this.maxPerCheck) {
        this.drop(f.check, 1);
        continue;
      }
      this.perCheck.set(f.check, n + 1);
      this.findings.push(f);
    }
  }

  /** Findings a check produced past the cap (here, or on a parse worker's per-page collector). */
  drop(check: CheckId, n: number): void {
    if (n > 0) this.dropped.set(check, (this.dropped.get(check) ?? 0) + n);
  }

  fail(check: CheckId, err: unknown, url?: string): void {
    const message = err instanceof Error ? err.message : String(err);
    this.errorCounts.set(check, (this.errorCounts.get(check) ?? 0) + 1);
    if (!this.firstErrors.has(check)) this.firstErrors.set(check, message);
    if (this.errors.length < 200) this.errors.push({ check, url, message });
  }
}

export function enabledChecks(all: Check[], ctx: CheckContext): { page: PageCheck[]; site: SiteCheck[] } {
  const disabled = new Set(ctx.config.checks.disabled);
  const on = all.filter((c) => !disabled.has(c.id));
  return {
    page: on.filter((c): c is PageCheck => c.scope === 'page'),
    site: on.filter((c): c is SiteCheck => c.scope === 'site'),
  };
}

export function runPageChecks(checks: PageCheck[], page: PageFacts, ctx: CheckContext, out: FindingCollector): void {
  for (const check of checks) {
    try {
      out.add(check.run(page, ctx));
    } catch (err) {
      out.fail(check.id, err, page.url);
    }
  }
}

export function runSiteChecks(checks: SiteCheck[], site: SiteFacts, ctx: CheckContext, out: FindingCollector): void {
  for (const check of checks) {
    try {
      out.add(check.run(site, ctx));
    } catch (err) {
      out.fail(check.id, err, site.rootUrl);
    }
  }
}

/** Attachment text goes through the text checks with the attachment's URL as the page. Returns the findings
 *  (before the collector's cap), or undefined when the checks failed. */
export function runAttachmentChecks(
  run: (a: AttachmentFacts, ctx: CheckContext) => CheckFinding[],
  attachment: AttachmentFacts,
  ctx: CheckContext,
  out: FindingCollector,
): CheckFinding[] | undefined {
  try {
    const findings = run(attachment, ctx);
    out.add(findings);
    return findings;
  } catch (err) {
    out.fail('privacy-leak', err, attachment.url);
    return undefined;
  }
}
