// Small helpers shared by the site-level checks: Shanghai calendar days, evidence clipping, finding shape.
import type { SiteFacts } from '../../domain/index.js';
import type { CheckId, Finding, Severity } from '../../domain/index.js';
import type { CheckContext } from '../types.js';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China has no DST, so a fixed offset is exact
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function ymdToUtcMs(ymd: string): number | undefined {
  const m = YMD.exec(ymd);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Reject rolled-over dates such as 2024-02-31.
  return new Date(ms).toISOString().slice(0, 10) === ymd ? ms : undefined;
}

export function isValidYmd(ymd: string | undefined): ymd is string {
  return ymd !== undefined && ymdToUtcMs(ymd) !== undefined;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); undefined when either is not a date. */
export function daysBetween(from: string, to: string): number | undefined {
  const a = ymdToUtcMs(from);
  const b = ymdToUtcMs(to);
  if (a === undefined || b === undefined) return undefined;
  return Math.round((b - a) / DAY_MS);
}

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

/** The instant a site scan judges "today" by: the facts' own `now`, else the context's. */
export function judgedNow(site: SiteFacts, ctx: CheckContext): Date {
  const t = Date.parse(site.now);
  return Number.isFinite(t) ? new Date(t) : ctx.now;
}

export function clip(text: string, max = 300): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export interface FindingInput {
  check: CheckId;
  severity: Severity;
  url: string;
  target?: string;
  evidence: string;
  message: string;
  advice: string;
  detail?: Record<string, unknown>;
}

export function makeFinding(f: FindingInput): Finding {
  const finding: Finding = {
    check: f.check,
    indicator: '',
    severity: f.severity,
    url: f.url,
    evidence: clip(f.evidence),
    message: f.message,
    detail: { ...(f.detail ?? {}), advice: f.advice },
  };
  if (f.target !== undefined) finding.target = f.target;
  return finding;
}
