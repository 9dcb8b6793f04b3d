// Chinese working days (工作日): weekends and statutory holidays off, 调休 make-up days on, from the State
// Council's yearly schedule as chinese-days ships it. Deadlines (依申请公开, 找错 replies, rectification tasks)
// count working days in Asia/Shanghai.
//
// A year the package does not cover yet (the schedule for year N is published around November of N−1) is
// estimated: weekends plus the statutory holidays on their legal dates (元旦, 春节 除夕–初三, 清明, 劳动节
// 5/1–5/2, 端午, 中秋, 国庆 10/1–10/3), without 调休. Every result says whether it rests on such an estimate,
// and a deployment can add the published schedule itself (CalendarOverrides) until the package catches up.
import chineseDays from 'chinese-days';
import { shanghaiDate } from '../domain/dates.js';

export interface CalendarOverrides {
  /** Extra days off (YYYY-MM-DD), e.g. next year's published holidays. */
  holidays?: readonly string[];
  /** Extra working days (YYYY-MM-DD), e.g. next year's 调休 make-up Saturdays. */
  workdays?: readonly string[];
}

export interface Deadline {
  /** The last working day (YYYY-MM-DD, Asia/Shanghai). */
  ymd: string;
  /** The end of that day, 23:59:59.999 Asia/Shanghai, as an ISO instant. */
  deadline: string;
  /** True when a day counted lies in a year whose official schedule was not available. */
  estimated: boolean;
}

export interface DayInfo {
  ymd: string;
  working: boolean;
  /** The holiday or make-up day's Chinese name (国庆节, 春节 …), or 周末 / 工作日. */
  name: string;
  estimated: boolean;
}

const DAY_MS = 86_400_000;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** The years chinese-days holds an official schedule for (it lists every holiday of those years). */
const coveredYears: ReadonlySet<number> = (() => {
  const years = new Set<number>();
  const lists = chineseDays.getHolidaysInRange('2004-01-01', `${new Date().getUTCFullYear() + 2}-12-31`, false);
  for (const ymd of lists) years.add(Number(ymd.slice(0, 4)));
  return years;
})();

export function officialYears(): number[] {
  return [...coveredYears].sort((a, b) => a - b);
}

function utcDay(ymd: string): number {
  if (!YMD.test(ymd)) throw new RangeError(`日期格式应为 YYYY-MM-DD：${ymd}`);
  const ms = Date.parse(`${ymd}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== ymd) throw new RangeError(`无效日期：${ymd}`);
  return ms;
}

function addDays(ymd: string, n: number): string {
  return new Date(utcDay(ymd) + n * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(ymd: string): boolean {
  const wd = new Date(utcDay(ymd)).getUTCDay();
  return wd === 0 || wd === 6;
}

/** The statutory holidays of a year the package does not cover, on their legal dates (no 调休). */
const estimatedHolidays = new Map<number, Map<string, string>>();
function statutoryHolidays(year: number): Map<string, string> {
  let days = estimatedHolidays.get(year);
  if (days) return days;
  days = new Map();
  const put = (ymd: string, name: string, count = 1) => {
    for (let i = 0; i < count; i++) days!.set(addDays(ymd, i), name);
  };
  put(`${year}-01-01`, '元旦');
  const springFestival = chineseDays.getSolarDateFromLunar(`${year}-01-01`).date;
  put(addDays(springFestival, -1), '春节', 4); // 除夕 to 正月初三
  put(chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), '清明节');
  put(`${year}-05-01`, '劳动节', 2);
  put(chineseDays.getSolarDateFromLunar(`${year}-05-05`).date, '端午节');
  put(chineseDays.getSolarDateFromLunar(`${year}-08-15`).date, '中秋节');
  put(`${year}-10-01`, '国庆节', 3);
  estimatedHolidays.set(year, days);
  return days;
}

function officialName(detailName: string): string | undefined {
  // chinese-days names listed days "English,中文,n" and other days by their English weekday.
  const parts = detailName.split(',');
  return parts.length >= 2 ? parts[1] : undefined;
}

export class WorkingCalendar {
  private readonly extraHolidays: ReadonlySet<string>;
  private readonly extraWorkdays: ReadonlySet<string>;

  constructor(overrides: CalendarOverrides = {}) {
    this.extraHolidays = new Set(overrides.holidays ?? []);
    this.extraWorkdays = new Set(overrides.workdays ?? []);
  }

  day(ymd: string): DayInfo {
    utcDay(ymd);
    if (this.extraWorkdays.has(ymd)) return { ymd, working: true, name: '调休上班', estimated: false };
    if (this.extraHolidays.has(ymd)) return { ymd, working: false, name: '假日', estimated: false };
    const year = Number(ymd.slice(0, 4));
    if (coveredYears.has(year)) return this.officialDay(ymd);
    return this.estimatedDay(ymd, year);
  }

  isWorkingDay(ymd: string): boolean {
    return this.day(ymd).working;
  }

  /**
   * The deadline n working days after `from`: the count starts on the first working day after from's date
   * (a message received on Friday evening with n = 1 is due on Monday, or after the holiday).
   */
  addWorkingDays(from: Date | string, n: number): Deadline {
    if (!Number.isInteger(n) || n < 0 || n > 3650) throw new RangeError(`工作日数应为 0–3650 的整数：${n}`);
    let ymd = toShanghaiYmd(from);
    let estimated = false;
    for (let left = n; left > 0; ) {
      ymd = addDays(ymd, 1);
      const day = this.day(ymd);
      estimated ||= day.estimated;
      if (day.working) left--;
    }
    return { ymd, deadline: endOfShanghaiDay(ymd), estimated };
  }

  /** Working days after from's date up to and including to's date (0 when to is not later). */
  workingDaysBetween(from: Date | string, to: Date | string): number {
    const start = toShanghaiYmd(from);
    const end = toShanghaiYmd(to);
    let count = 0;
    for (let ymd = addDays(start, 1); ymd <= end; ymd = addDays(ymd, 1)) if (this.isWorkingDay(ymd)) count++;
    return count;
  }

  private officialDay(ymd: string): DayInfo {
    const detail = chineseDays.getDayDetail(ymd);
    const name = officialName(detail.name);
    if (name !== undefined) return { ymd, working: detail.work, name: detail.work ? `${name}调休上班` : name, estimated: false };
    const weekend = isWeekend(ymd);
    return { ymd, working: !weekend, name: weekend ? '周末' : '工作日', estimated: false };
  }

  private estimatedDay(ymd: string, year: number): DayInfo {
    const holiday = statutoryHolidays(year).get(ymd);
    if (holiday) return { ymd, working: false, name: holiday, estimated: true };
    const weekend = isWeekend(ymd);
    return { ymd, working: !weekend, name: weekend ? '周末' : '工作日', estimated: true };
  }
}

/** An instant (Date or ISO) or a calendar date (YYYY-MM-DD) as a Shanghai calendar date. */
export function toShanghaiYmd(at: Date | string): string {
  if (typeof at === 'string' && YMD.test(at)) {
    utcDay(at);
    return at;
  }
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new RangeError(`无效时间：${String(at)}`);
  return shanghaiDate(date);
}

/** 23:59:59.999 of a Shanghai calendar day as an ISO instant (15:59:59.999Z). */
export function endOfShanghaiDay(ymd: string): string {
  return new Date(utcDay(ymd) + DAY_MS - 8 * 3_600_000 - 1).toISOString();
}

const defaultCalendar = new WorkingCalendar();

export const isWorkingDay = (ymd: string): boolean => defaultCalendar.isWorkingDay(ymd);
export const addWorkingDays = (from: Date | string, n: number): Deadline => defaultCalendar.addWorkingDays(from, n);
export const workingDaysBetween = (from: Date | string, to: Date | string): number => defaultCalendar.workingDaysBetween(from, to);

/** Past its deadline (an ISO instant) at `now`. */
export function isOverdue(deadline: string, now: Date = new Date()): boolean {
  return now.getTime() > Date.parse(deadline);
}
