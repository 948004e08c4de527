/**
 * A report's period as instants: whole local days in the query's time zone, so "today" in
 * Asia/Shanghai starts at its midnight and a day on which New York's clocks change lasts 23 or 25
 * hours. The period runs from the first date's midnight to the midnight after the last date; the
 * current period ends today, so its last hours are still ahead and only what happened up to `now`
 * counts. The previous period has as many days, just before (for this month or quarter: from the
 * start of the previous month or quarter, as many days as this one has had, within it).
 */
import { DateTime } from 'luxon';
import type { MetricsQuery } from './query.ts';

export interface Span {
  /** The first local date, 'YYYY-MM-DD'. */
  firstDate: string;
  /** The last local date, included. */
  lastDate: string;
  /** Instants: [start, end). */
  start: number;
  end: number;
}

export interface ResolvedPeriod {
  current: Span;
  previous: Span | null;
  /** The current period cut per day or per ISO week (Monday first; the first and last may be partial). */
  buckets: Span[];
}

const DATE = 'yyyy-MM-dd';

function span(first: DateTime, last: DateTime): Span {
  return {
    firstDate: first.toFormat(DATE),
    lastDate: last.toFormat(DATE),
    start: first.startOf('day').toMillis(),
    end: last.plus({ days: 1 }).startOf('day').toMillis(),
  };
}

function dayCount(first: DateTime, last: DateTime): number {
  return Math.round(last.startOf('day').diff(first.startOf('day'), 'days').days) + 1;
}

export function resolvePeriod(
  query: Pick<MetricsQuery, 'period' | 'from' | 'to' | 'timeZone' | 'compare' | 'granularity'>,
  now: number,
): ResolvedPeriod {
  const today = DateTime.fromMillis(now, { zone: query.timeZone }).startOf('day');
  const lastDays = (n: number) => [today.minus({ days: n - 1 }), today] as const;
  let first: DateTime;
  let last: DateTime;
  let unit: 'month' | 'quarter' | null = null;
  switch (query.period) {
    case 'today':
      [first, last] = lastDays(1);
      break;
    case '7d':
      [first, last] = lastDays(7);
      break;
    case '30d':
      [first, last] = lastDays(30);
      break;
    case '90d':
      [first, last] = lastDays(90);
      break;
    case 'this_month':
      unit = 'month';
      [first, last] = [today.startOf('month'), today];
      break;
    case 'this_quarter':
      unit = 'quarter';
      [first, last] = [today.startOf('quarter'), today];
      break;
    case 'custom':
      // The schema guarantees both dates with a custom period.
      first = DateTime.fromISO(query.from!, { zone: query.timeZone });
      last = DateTime.fromISO(query.to!, { zone: query.timeZone });
      break;
  }
  const days = dayCount(first, last);
  let previous: Span | null = null;
  if (query.compare) {
    if (unit) {
      const prevFirst = first.minus({ [unit === 'month' ? 'months' : 'quarters']: 1 }).startOf(unit);
      const prevLast = DateTime.min(prevFirst.plus({ days: days - 1 }), prevFirst.endOf(unit).startOf('day'));
      previous = span(prevFirst, prevLast);
    } else {
      previous = span(first.minus({ days }), first.minus({ days: 1 }));
    }
  }
  const buckets: Span[] = [];
  for (let d = first; d <= last;) {
    const bucketLast = query.granularity === 'day' ? d : DateTime.min(d.endOf('week').startOf('day'), last);
    buckets.push(span(d, bucketLast));
    d = bucketLast.plus({ days: 1 });
  }
  return { current: span(first, last), previous, buckets };
}
