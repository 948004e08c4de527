/**
 * What a store may leave unread for a report. From the earliest instant it can look at (the start
 * of its previous period, else of its period) a ticket matters only when it was created or had an
 * event from then on, or is still unsolved (it counts in the backlog), or an answer about it was
 * given from then on; the rest were quiet and solved before every window the report counts in. And
 * a ticket its filters leave out adds nothing but, when nothing is filtered, the answers about no
 * ticket. A store can leave those unread (electron/core/areas/metrics/metrics.ts) and the report
 * comes out the same.
 */
import { resolvePeriod } from './period.ts';
import { MetricsQuery, type MetricsFilters, type MetricsQueryInput } from './query.ts';

export interface MetricsRead {
  since: number;
  filters: MetricsFilters;
}

/** null: the query or `now` is not valid; read everything and let `computeMetrics` say why. */
export function metricsRead(rawQuery: MetricsQueryInput, now: number): MetricsRead | null {
  const parsed = MetricsQuery.safeParse(rawQuery);
  if (!parsed.success || !Number.isSafeInteger(now) || now < 0) return null;
  const period = resolvePeriod(parsed.data, now);
  return { since: Math.min(period.current.start, period.previous?.start ?? Infinity), filters: parsed.data.filters };
}
