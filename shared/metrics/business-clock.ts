/**
 * Business time between two instants on one calendar, for the thousands of intervals a report
 * measures. businessMsBetween walks the calendar day by day for each interval (a resolution time
 * of weeks walks weeks, again for every ticket); this walks each day once, keeps the open time
 * accumulated up to every day's start, and answers from it. The open periods are the calendar's
 * own (openPeriods, cut at day boundaries, which changes no sum), so every answer is exactly
 * businessMsBetween's, to the millisecond.
 */
import { openPeriods } from '../sla/business-time.ts';
import type { CalendarSpec } from '../sla/calendar.ts';

const DAY_MS = 86_400_000;

export interface BusinessClock {
  /** Open time in [from, to) in milliseconds (negative when `to` is before `from`). */
  between(from: number, to: number): number;
}

interface Day {
  periods: [number, number][];
  total: number;
}

export function businessClock(cal: CalendarSpec): BusinessClock {
  const days = new Map<number, Day>();
  // Open time accumulated from day `origin` to the start of each later day (forward), and back to
  // the start of each earlier one (backward), so the cache grows either way without renumbering.
  let origin: number | null = null;
  const forward = [0];
  const backward = [0];

  const day = (d: number): Day => {
    let hit = days.get(d);
    if (!hit) {
      const periods = [...openPeriods(cal, d * DAY_MS, (d + 1) * DAY_MS)];
      hit = { periods, total: periods.reduce((s, [a, b]) => s + b - a, 0) };
      days.set(d, hit);
    }
    return hit;
  };

  /** Open time from the origin to the start of day `d` (negative before the origin). */
  const toDayStart = (d: number): number => {
    origin ??= d;
    while (origin + forward.length - 1 < d) forward.push(forward.at(-1)! + day(origin + forward.length - 1).total);
    while (origin - (backward.length - 1) > d) backward.push(backward.at(-1)! + day(origin - backward.length).total);
    return d >= origin ? forward[d - origin]! : -backward[origin - d]!;
  };

  const cumulative = (t: number): number => {
    const d = Math.floor(t / DAY_MS);
    let within = 0;
    for (const [a, b] of day(d).periods) if (a < t) within += Math.min(b, t) - a;
    return toDayStart(d) + within;
  };

  return { between: (from, to) => cumulative(to) - cumulative(from) };
}

/** Clocks kept between reports: a calendar version never changes, and its days cost luxon time to lay out. */
const kept = new Map<string, { spec: string; clock: BusinessClock }>();
const KEPT_CLOCKS = 64;

/**
 * The clock of calendar version `key` (its spec given, in case two stores name different rules
 * alike), kept for the next report: a report over a year lays out every day of it once, not once
 * per report.
 */
export function keptBusinessClock(key: string, cal: CalendarSpec): BusinessClock {
  const spec = JSON.stringify(cal);
  const hit = kept.get(key);
  if (hit && hit.spec === spec) return hit.clock;
  if (kept.size >= KEPT_CLOCKS) kept.delete(kept.keys().next().value!);
  const clock = businessClock(cal);
  kept.set(key, { spec, clock });
  return clock;
}
