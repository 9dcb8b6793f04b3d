// Asia/Shanghai dates (design.md: every date is in Asia/Shanghai). China has no daylight saving time, so a
// fixed +08:00 offset is exact. Calendar dates are YYYY-MM-DD strings, as pages print them after normalising.

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai ("today" by default). */
export function shanghaiDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as a person in China reads it, e.g. 2026-11-27 19:30:48; unparsable input comes back as is. */
export function shanghaiTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
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
