/**
 * The earliest instant a report can look at: the start of its previous period, else of its
 * period. A ticket matters to the report only when it was created or had an event from then on,
 * or is still unsolved (it counts in the backlog), or an answer about it was given from then on;
 * the rest were quiet and solved before every window the report counts in, so a store can leave
 * them unread (electron/core/areas/metrics/metrics.ts) and the report comes out the same.
 */
import { resolvePeriod } from './period.ts';
import { MetricsQuery, type MetricsQueryInput } from './query.ts';

/** null: the query or `now` is not valid; read everything and let `computeMetrics` say why. */
export function metricsSince(rawQuery: MetricsQueryInput, now: number): number | null {
  const parsed = MetricsQuery.safeParse(rawQuery);
  if (!parsed.success || !Number.isSafeInteger(now) || now < 0) return null;
  const period = resolvePeriod(parsed.data, now);
  return Math.min(period.current.start, period.previous?.start ?? Infinity);
}
