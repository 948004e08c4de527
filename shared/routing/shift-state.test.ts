import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS, shiftStateAt } from './records.ts';

const DAY = 24 * HOUR_MS;
// Monday 2026-03-02 00:00 UTC.
const MONDAY = Date.UTC(2026, 2, 2);
const shift = (day: number, from: number, hours: number, breakAt?: number) => {
  const start = MONDAY + day * DAY + from * HOUR_MS;
  return {
    start,
    end: start + hours * HOUR_MS,
    breaks: breakAt === undefined ? [] : [{ start: start + breakAt * HOUR_MS, end: start + breakAt * HOUR_MS + 30 * MINUTE_MS }],
  };
};

describe('where the roster puts an agent (shiftStateAt)', () => {
  const week = [shift(0, 9, 8, 4), shift(1, 9, 8), shift(3, 13, 8)];

  it('is on shift until the shift ends', () => {
    expect(shiftStateAt(week, [], MONDAY + 10 * HOUR_MS)).toEqual({ state: 'on', until: MONDAY + 17 * HOUR_MS });
  });

  it('is on a break until the break ends', () => {
    expect(shiftStateAt(week, [], MONDAY + 13 * HOUR_MS + 10 * MINUTE_MS)).toEqual({
      state: 'break',
      until: MONDAY + 13 * HOUR_MS + 30 * MINUTE_MS,
    });
  });

  it('is off shift with the next shift’s start, the end instant itself excluded', () => {
    expect(shiftStateAt(week, [], MONDAY + 17 * HOUR_MS)).toEqual({ state: 'off', next: MONDAY + DAY + 9 * HOUR_MS });
  });

  it('is off during time off, and the next shift is the first one outside it', () => {
    const leave = [{ start: MONDAY + DAY, end: MONDAY + 2 * DAY }];
    expect(shiftStateAt(week, leave, MONDAY + DAY + 10 * HOUR_MS)).toEqual({ state: 'off', next: MONDAY + 3 * DAY + 13 * HOUR_MS });
  });

  it('has no next shift when none is planned', () => {
    expect(shiftStateAt(week, [], MONDAY + 5 * DAY)).toEqual({ state: 'off', next: null });
  });
});
