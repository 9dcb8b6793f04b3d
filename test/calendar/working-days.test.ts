// Working-day deadlines on the real State Council schedules (as chinese-days ships them), across 国庆 and
// 春节 with their 调休 make-up days, and the estimate for a year whose schedule is not out yet.
import { describe, expect, it } from 'vitest';
import {
  WorkingCalendar, addWorkingDays, endOfShanghaiDay, isOverdue, isWorkingDay, officialYears, toShanghaiYmd, workingDaysBetween,
} from '../../src/calendar/working-days.js';

describe('working days on the official schedule', () => {
  it('knows 国庆 2025 (10/1–10/8 off) and its make-up days 9/28 (Sun) and 10/11 (Sat)', () => {
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-10-01')).toBe(false);
    expect(isWorkingDay('2025-10-08')).toBe(false);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
    expect(isWorkingDay('2025-10-12')).toBe(false);
  });

  it('counts 3 working days from the eve of 国庆 2025 to 10/11, the make-up Saturday', () => {
    // Received Tue 9/30: day 1 = Thu 10/9, day 2 = Fri 10/10, day 3 = Sat 10/11 (调休上班).
    const d = addWorkingDays('2025-09-30T10:00:00+08:00', 3);
    expect(d.ymd).toBe('2025-10-11');
    expect(d.estimated).toBe(false);
    expect(d.deadline).toBe('2025-10-11T15:59:59.999Z');
  });

  it('counts across 春节 2026 (2/15–2/23 off; 2/14 and 2/28 Saturdays on)', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(isWorkingDay('2026-02-23')).toBe(false);
    // Received Fri 2/13 evening: day 1 = Sat 2/14 (调休上班), day 2 = Tue 2/24, day 3 = Wed 2/25.
    expect(addWorkingDays('2026-02-13T20:00:00+08:00', 1).ymd).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13T20:00:00+08:00', 3).ymd).toBe('2026-02-25');
    // 10 working days from 2/24 runs through the make-up Saturday 2/28.
    expect(addWorkingDays('2026-02-24', 10).ymd).toBe('2026-03-09');
  });

  it('reads an instant in Asia/Shanghai, not UTC', () => {
    // 2026-09-30 17:00 UTC is already 10/1 01:00 in Shanghai, a holiday (国庆 2026: 10/1–10/7, 10/10 Sat on).
    expect(toShanghaiYmd('2026-09-30T17:00:00Z')).toBe('2026-10-01');
    expect(addWorkingDays('2026-09-30T17:00:00Z', 1).ymd).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30T15:00:00Z', 1).ymd).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30T17:00:00Z', 3).ymd).toBe('2026-10-10');
  });

  it('counts working days between two instants', () => {
    expect(workingDaysBetween('2025-09-30', '2025-10-11')).toBe(3);
    expect(workingDaysBetween('2025-10-11', '2025-09-30')).toBe(0);
    expect(workingDaysBetween('2026-12-04', '2026-12-07')).toBe(1); // Fri → Mon
  });

  it('names the days', () => {
    const cal = new WorkingCalendar();
    expect(cal.day('2025-10-03').name).toBe('国庆节');
    expect(cal.day('2025-10-11').name).toBe('国庆节调休上班');
    expect(cal.day('2026-12-05').name).toBe('周末');
  });
});

describe('a year without an official schedule', () => {
  const next = Math.max(...officialYears()) + 1;

  it('is estimated from the statutory dates and says so', () => {
    const cal = new WorkingCalendar();
    const newYear = cal.day(`${next}-01-01`);
    expect(newYear.working).toBe(false);
    expect(newYear.estimated).toBe(true);
    expect(cal.day(`${next}-10-02`).working).toBe(false);
    expect(cal.day(`${next}-05-02`).name).toBe('劳动节');
    const d = cal.addWorkingDays(`${next - 1}-12-30`, 3);
    expect(d.estimated).toBe(true);
  });

  it('takes the published schedule as overrides', () => {
    const cal = new WorkingCalendar({ holidays: [`${next}-01-04`], workdays: [`${next}-01-01`] });
    expect(cal.isWorkingDay(`${next}-01-01`)).toBe(true);
    expect(cal.isWorkingDay(`${next}-01-04`)).toBe(false);
  });
});

describe('bad input', () => {
  it('refuses impossible dates and counts in Chinese', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(/无效日期/);
    expect(() => addWorkingDays('2026-01-05', -1)).toThrow(/工作日数/);
    expect(() => addWorkingDays('not a date', 1)).toThrow(/无效时间/);
  });

  it('knows overdue by the end of the Shanghai day', () => {
    const deadline = endOfShanghaiDay('2026-12-04');
    expect(isOverdue(deadline, new Date('2026-12-04T15:59:59Z'))).toBe(false);
    expect(isOverdue(deadline, new Date('2026-12-04T16:00:00Z'))).toBe(true);
  });
});
