// The 站点无法访问 veto (rules-cn §1.2): a site is probed ≥20 times a day for a week; the veto fires when the
// failed share of the week's probes is ≥5%. Computed exactly from the stored probes, never estimated.
//
// The window is the rolling week [to − days×24 h, to), cut into `days` consecutive 24-hour slices ending at
// `to`. When `to` is a midnight in Asia/Shanghai (a round's cut-off) the slices are exactly the calendar days
// before it. The window is COMPLETE when every slice holds at least `minPerDay` probes: that requires the
// probes to have started within the first slice (≥ days − 1 days before `to`, so a week of monitoring) and
// never to have stopped for a day since. Until then `complete` is false and `vetoed` is null: the data is
// incomplete, and nobody may read it as "available" or "unavailable". The counts are still reported.
import type { Kysely } from 'kysely';
import type { AvailabilityWindow } from '../domain/round.js';
import type { Database } from '../store/types.js';
import { shanghaiDate } from '../domain/dates.js';
import { hourlyProbes, MAX_PROBE_POINTS, probePoints, probeSliceCounts, type HourlyProbes, type ProbePoint, type SliceCount } from '../store/probes.js';

export type { AvailabilityWindow } from '../domain/round.js';
export type { SliceCount, ProbePoint, HourlyProbes } from '../store/probes.js';

export interface AvailabilityOptions {
  /** Length of the window in days (default 7). */
  days?: number;
  /** Failed share at or above which the veto fires (default 0.05). */
  threshold?: number;
  /** Probes each day must hold for the window to be complete (default 20). */
  minPerDay?: number;
}

export const AVAILABILITY_DEFAULTS: Required<AvailabilityOptions> = { days: 7, threshold: 0.05, minPerDay: 20 };

const DAY_MS = 86_400_000;

function resolveOptions(opts: AvailabilityOptions | undefined): Required<AvailabilityOptions> {
  const o = { ...AVAILABILITY_DEFAULTS, ...stripUndefined(opts ?? {}) };
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > 366) throw new RangeError(`可用性窗口天数无效：${o.days}`);
  if (!(o.threshold > 0 && o.threshold <= 1)) throw new RangeError(`可用性否决阈值无效：${o.threshold}`);
  if (!Number.isInteger(o.minPerDay) || o.minPerDay < 1) throw new RangeError(`每日最少探测次数无效：${o.minPerDay}`);
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The window's slice boundaries: days + 1 ascending ISO instants, the first is `from`, the last is `to`. */
export function windowBounds(to: Date, days: number = AVAILABILITY_DEFAULTS.days): string[] {
  const end = to.getTime();
  if (Number.isNaN(end)) throw new RangeError('可用性窗口的截止时间无效');
  return Array.from({ length: days + 1 }, (_, i) => new Date(end - (days - i) * DAY_MS).toISOString());
}

function assertCounts(perDay: readonly SliceCount[], days: number): void {
  if (perDay.length !== days) throw new RangeError(`每日探测计数应有 ${days} 天，实际 ${perDay.length} 天`);
  for (const d of perDay) {
    const valid = Number.isInteger(d.probes) && Number.isInteger(d.failed) && d.probes >= 0 && d.failed >= 0 && d.failed <= d.probes;
    if (!valid) throw new RangeError(`探测计数无效：${d.probes} 次探测，${d.failed} 次失败`);
  }
}

/**
 * The pure arithmetic: per-day counts (oldest day first, exactly `days` of them) → the window.
 * complete ⇔ every day has ≥ minPerDay probes; vetoed ⇔ complete and failed / probes ≥ threshold.
 */
export function availabilityFromDays(from: string, to: string, perDay: readonly SliceCount[], opts?: AvailabilityOptions): AvailabilityWindow {
  const o = resolveOptions(opts);
  assertCounts(perDay, o.days);
  const probes = perDay.reduce((n, d) => n + d.probes, 0);
  const failed = perDay.reduce((n, d) => n + d.failed, 0);
  const share = probes > 0 ? failed / probes : null;
  const complete = perDay.every((d) => d.probes >= o.minPerDay);
  // Compare the quotient, not failed ≥ threshold × probes: a threshold of 0.07 × 100 probes is 7.000000000000001
  // in floating point, while 7 / 100 rounds to the same double as 0.07 (division is correctly rounded), so a
  // share exactly at the threshold always vetoes.
  const vetoed = complete ? share !== null && share >= o.threshold : null;
  return { from, to, probes, failed, share, complete, vetoed };
}

/** The window ending at `to` for many websites at once (one query per 500 sites). */
export async function availabilityWindows(
  db: Kysely<Database>,
  websiteIds: readonly number[],
  to: Date,
  opts?: AvailabilityOptions,
): Promise<Map<number, AvailabilityWindow>> {
  const o = resolveOptions(opts);
  const bounds = windowBounds(to, o.days);
  const counts = await probeSliceCounts(db, [...new Set(websiteIds)], bounds);
  const none = Array.from({ length: o.days }, () => ({ probes: 0, failed: 0 }));
  const from = bounds[0];
  const end = bounds[o.days];
  return new Map(websiteIds.map((id) => [id, availabilityFromDays(from, end, counts.get(id) ?? none, o)]));
}

/** The window ending at `to` for one website. */
export async function availabilityWindow(db: Kysely<Database>, websiteId: number, to: Date, opts?: AvailabilityOptions): Promise<AvailabilityWindow> {
  const windows = await availabilityWindows(db, [websiteId], to, opts);
  return windows.get(websiteId)!;
}

export interface ProbeHistory {
  websiteId: number;
  from: string;
  to: string;
  /** Every probe in [from, to), oldest first, at most MAX_PROBE_POINTS (then `truncated`). */
  points: ProbePoint[];
  truncated: boolean;
  hourly: HourlyProbes[];
  /** Per Asia/Shanghai calendar day. */
  daily: Array<{ date: string; probes: number; failed: number }>;
  /** The rolling week ending now: what a round cut off now would read. */
  window: AvailabilityWindow;
}

/** A website's probe history for the chart: the points, hourly and daily counts, and the current window. */
export async function probeHistory(db: Kysely<Database>, websiteId: number, from: Date, to: Date, now: Date = new Date()): Promise<ProbeHistory> {
  const [f, t] = [from.toISOString(), to.toISOString()];
  const points = await probePoints(db, websiteId, f, t, MAX_PROBE_POINTS + 1);
  const truncated = points.length > MAX_PROBE_POINTS;
  const hourly = await hourlyProbes(db, websiteId, f, t);
  return {
    websiteId,
    from: f,
    to: t,
    points: truncated ? points.slice(0, MAX_PROBE_POINTS) : points,
    truncated,
    hourly,
    daily: dailyFromHourly(hourly),
    window: await availabilityWindow(db, websiteId, now),
  };
}

/** Hourly counts summed per Asia/Shanghai day (a whole +8 h from UTC, so every hour falls in one day). */
export function dailyFromHourly(hourly: readonly HourlyProbes[]): ProbeHistory['daily'] {
  const days = new Map<string, { date: string; probes: number; failed: number }>();
  for (const h of hourly) {
    const date = shanghaiDate(new Date(h.hour));
    const d = days.get(date) ?? { date, probes: 0, failed: 0 };
    d.probes += h.probes;
    d.failed += h.failed;
    days.set(date, d);
  }
  return [...days.values()];
}
