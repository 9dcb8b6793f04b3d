// Small helpers shared by the site-level checks: which pages to judge, evidence clipping, finding shape.
import { isValidYmd, type PageFacts, type SiteFacts, type CheckDetails, type CheckId, type CheckFinding } from '../../domain/index.js';
import type { CheckContext } from '../types.js';

/** The newest valid date of a list; future dates beyond `today` are ignored (a typo must not hide staleness). */
export function newestDate(dates: Iterable<string | undefined>, today?: string): string | undefined {
  let best: string | undefined;
  for (const d of dates) {
    if (!isValidYmd(d)) continue;
    if (today && d > today) continue;
    if (best === undefined || d > best) best = d;
  }
  return best;
}

/** Only judge real HTML pages that answered 200 (errors are dead-link / availability matters). */
export function isJudgeableHtmlPage(page: PageFacts): boolean {
  const html = page.contentType === '' || page.contentType === 'text/html' || page.contentType === 'application/xhtml+xml';
  return page.status === 200 && page.outcome === 'ok' && html;
}

/** The instant a site scan judges "today" by: the facts' own `now`, else the context's. */
export function judgedNow(site: SiteFacts, ctx: CheckContext): Date {
  const t = Date.parse(site.now);
  return Number.isFinite(t) ? new Date(t) : ctx.now;
}

export function clip(text: string, max = 300): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export interface FindingInput<C extends CheckId> {
  check: C;
  url: string;
  target?: string;
  evidence: string;
  message: string;
  advice: string;
  detail: CheckDetails[C];
}

/** A check's finding: what it saw, evidence clipped, advice in the detail. No severity: the rules decide it. */
export function makeFinding<C extends CheckId>(f: FindingInput<C>): CheckFinding<C> {
  const finding = {
    check: f.check,
    url: f.url,
    evidence: clip(f.evidence),
    message: f.message,
    detail: { ...f.detail, advice: f.advice },
    ...(f.target !== undefined ? { target: f.target } : {}),
  };
  return finding as CheckFinding<C>;
}
