/**
 * The ticket forecast: how many tickets each channel can expect in each hour of a coming week, as
 * the mean of that hour of the week over the last whole weeks of history (docs/staffing.md). A mean
 * of like hours is the forecast a supervisor can check by hand, and with a few weeks behind it, it
 * follows the shape of the week (Monday mornings, quiet Sundays) that drives the roster.
 */
import type { Channel } from '../domain/enums.ts';
import { addWeeks, hourOfWeek, HOURS_PER_WEEK, weekStart, zoneOf } from './week.ts';

export interface Arrival {
  at: number;
  channel: Channel;
  /**
   * How many tickets arrived at `at` (1 when absent): a reader may count a quarter hour's
   * arrivals at its start, which falls in the same local hour of the same week in every zone
   * (UTC offsets are whole quarter hours, and local weeks start on one).
   */
  count?: number;
}

export interface ForecastInput {
  arrivals: Iterable<Arrival>;
  /** The team's time zone, in which hours of the week are counted. */
  timeZone: string;
  /** Any instant in the week to forecast; the history is the whole weeks before that week. */
  forWeekOf: number;
  /** How many whole weeks of history to average (8 by default). */
  weeks?: number;
  /**
   * When the history begins (the first ticket, or the team's start): weeks before it are not
   * counted as weeks with no tickets. Without it, all `weeks` weeks count.
   */
  historySince?: number;
}

export interface Forecast {
  /** The start of the forecast week (Monday 00:00 local). */
  weekStart: number;
  /** The whole weeks the means are taken over (0 when there is no history). */
  weeksObserved: number;
  /** Expected tickets per hour of the week (168 numbers), per channel that had any. */
  perChannel: Partial<Record<Channel, number[]>>;
}

export const DEFAULT_FORECAST_WEEKS = 8;

export function forecastWeek(input: ForecastInput): Forecast {
  const zone = zoneOf(input.timeZone);
  const weeks = input.weeks ?? DEFAULT_FORECAST_WEEKS;
  const start = weekStart(input.forWeekOf, zone);
  let from = addWeeks(start, -weeks, zone);
  let weeksObserved = weeks;
  if (input.historySince !== undefined && input.historySince > from) {
    // Only whole weeks count: a week the history starts in the middle of would read as a quiet one.
    const firstWhole = addWeeks(
      weekStart(input.historySince, zone),
      input.historySince === weekStart(input.historySince, zone) ? 0 : 1,
      zone,
    );
    weeksObserved = 0;
    for (let w = firstWhole; w < start; w = addWeeks(w, 1, zone)) weeksObserved++;
    from = firstWhole;
  }
  const counts: Partial<Record<Channel, number[]>> = {};
  for (const { at, channel, count } of input.arrivals) {
    if (at < from || at >= start) continue;
    const row = (counts[channel] ??= new Array<number>(HOURS_PER_WEEK).fill(0));
    row[hourOfWeek(at, zone)]! += count ?? 1;
  }
  const perChannel: Partial<Record<Channel, number[]>> = {};
  for (const [channel, row] of Object.entries(counts) as [Channel, number[]][]) {
    perChannel[channel] = row.map((n) => (weeksObserved > 0 ? n / weeksObserved : 0));
  }
  return { weekStart: start, weeksObserved, perChannel };
}
