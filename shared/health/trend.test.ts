import { describe, expect, it } from 'vitest';
import { healthFell, healthTrend } from './trend.ts';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

describe('health trend', () => {
  it('is the latest score minus the score of 7 days before the latest day', () => {
    const history = Array.from({ length: 12 }, (_, i) => ({ day: day(i), score: 90 - 3 * i }));
    // Day 11 scored 57; day 4 scored 78.
    expect(healthTrend(history)).toBe(57 - 78);
    expect(healthFell(healthTrend(history))).toBe(true);
  });

  it('finds that day across gaps, and has none when the day is missing or the history too short', () => {
    const gappy = [
      { day: day(0), score: 70 },
      { day: day(3), score: 64 },
      { day: day(9), score: 60 },
      { day: day(10), score: 61 },
    ];
    // Day 10 minus day 3.
    expect(healthTrend(gappy)).toBe(-3);
    expect(healthFell(-3)).toBe(false);
    expect(healthTrend(gappy.slice(0, 3))).toBeNull();
    expect(healthTrend([])).toBeNull();
    expect(healthFell(null)).toBe(false);
  });

  it('a fall is 10 points or more', () => {
    expect([-11, -10, -9, 0, 12].map(healthFell)).toEqual([true, true, false, false, false]);
  });
});
