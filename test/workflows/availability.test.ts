// The pure arithmetic of the 站点无法访问 window: per-day counts → probes, failed, share, complete, vetoed.
import { describe, expect, it } from 'vitest';
import { availabilityFromDays, windowBounds, type SliceCount } from '../../src/workflows/availability.js';

const FROM = '2026-11-23T16:00:00.000Z';
const TO = '2026-11-30T16:00:00.000Z';

/** `days` days of `perDay` probes, with `failed` failures spread from the first day on. */
function week(perDay: number, failed: number, days = 7): SliceCount[] {
  const out = Array.from({ length: days }, () => ({ probes: perDay, failed: 0 }));
  for (let i = 0; i < failed; i++) out[i % days].failed++;
  return out;
}

describe('availabilityFromDays', () => {
  it('does not veto at 4.9% and vetoes at 5.0% of a complete week', () => {
    // 1,000 probes: six days of 143 and one of 142.
    const days = week(143, 0);
    days[6].probes = 142;
    const below = availabilityFromDays(FROM, TO, days.map((d) => ({ ...d, failed: 7 })));
    expect(below).toEqual({ from: FROM, to: TO, probes: 1000, failed: 49, share: 0.049, complete: true, vetoed: false });
    const at = availabilityFromDays(FROM, TO, days.map((d, i) => ({ ...d, failed: i === 0 ? 8 : 7 })));
    expect(at).toEqual({ from: FROM, to: TO, probes: 1000, failed: 50, share: 0.05, complete: true, vetoed: true });
  });

  it('vetoes a share exactly at a threshold whose product is inexact in floating point', () => {
    expect(0.07 * 100).not.toBe(7); // why the quotient is compared
    const hundred = (failed: number) => week(14, failed).map((d, i) => (i >= 5 ? { ...d, probes: 15 } : d)); // 5×14 + 2×15
    expect(availabilityFromDays(FROM, TO, hundred(7), { minPerDay: 14, threshold: 0.07 })).toMatchObject({ probes: 100, failed: 7, vetoed: true });
    expect(availabilityFromDays(FROM, TO, hundred(6), { minPerDay: 14, threshold: 0.07 })).toMatchObject({ probes: 100, failed: 6, vetoed: false });
  });

  it('is complete only when every day holds minPerDay probes; incomplete is vetoed null, never a guess', () => {
    const short = week(24, 84);
    short[3] = { probes: 19, failed: 19 };
    const w = availabilityFromDays(FROM, TO, short);
    expect(w.complete).toBe(false);
    expect(w.vetoed).toBeNull();
    expect(w.probes).toBe(24 * 6 + 19);
    expect(w.share).toBeCloseTo(w.failed / w.probes, 12);
    // The same week with 20 on that day is complete.
    short[3] = { probes: 20, failed: 0 };
    expect(availabilityFromDays(FROM, TO, short).complete).toBe(true);
    // A clean site whose probes started yesterday is still incomplete.
    const fresh = week(0, 0);
    fresh[6] = { probes: 24, failed: 0 };
    expect(availabilityFromDays(FROM, TO, fresh)).toMatchObject({ probes: 24, failed: 0, share: 0, complete: false, vetoed: null });
  });

  it('has no share without probes', () => {
    expect(availabilityFromDays(FROM, TO, week(0, 0))).toEqual({ from: FROM, to: TO, probes: 0, failed: 0, share: null, complete: false, vetoed: null });
  });

  it('honours days and minPerDay options', () => {
    expect(availabilityFromDays(FROM, TO, week(3, 1, 2), { days: 2, minPerDay: 3 })).toMatchObject({ probes: 6, failed: 1, complete: true, vetoed: true });
    expect(availabilityFromDays(FROM, TO, week(3, 0, 2), { days: 2, minPerDay: 3 }).vetoed).toBe(false);
  });

  it('rejects counts that cannot come from the store and bad options', () => {
    expect(() => availabilityFromDays(FROM, TO, week(20, 0, 6))).toThrow(/7 天/);
    expect(() => availabilityFromDays(FROM, TO, [...week(20, 0, 6), { probes: 3, failed: 4 }])).toThrow(/计数无效/);
    expect(() => availabilityFromDays(FROM, TO, [...week(20, 0, 6), { probes: -1, failed: 0 }])).toThrow(/计数无效/);
    expect(() => availabilityFromDays(FROM, TO, [...week(20, 0, 6), { probes: 2.5, failed: 0 }])).toThrow(/计数无效/);
    expect(() => availabilityFromDays(FROM, TO, week(20, 0), { threshold: 0 })).toThrow(/阈值/);
    expect(() => availabilityFromDays(FROM, TO, week(20, 0), { minPerDay: 0 })).toThrow(/最少/);
    expect(() => availabilityFromDays(FROM, TO, week(20, 0), { days: 0 })).toThrow(/天数/);
  });
});

describe('windowBounds', () => {
  it('cuts the rolling week into 24-hour slices ending at the cut-off', () => {
    const b = windowBounds(new Date(TO));
    expect(b).toHaveLength(8);
    expect(b[0]).toBe(FROM);
    expect(b[7]).toBe(TO);
    expect(b[1]).toBe('2026-11-24T16:00:00.000Z'); // a Shanghai midnight cut-off gives Shanghai calendar days
    expect(() => windowBounds(new Date('nonsense'))).toThrow(/截止时间/);
  });
});
