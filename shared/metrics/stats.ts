/**
 * Mean, median and 90th percentile of durations given in whole milliseconds. The mean divides an
 * integer sum, so it does not depend on the order the values came in (a floating-point sum would,
 * in its last bits): the console and the server, reading rows in different orders, agree exactly.
 */
export const HOUR_MS = 3_600_000;

export interface Summary {
  count: number;
  /** In hours; null when there is no value. */
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/**
 * Median: the middle value, or the mean of the two middle ones. 90th percentile by nearest rank:
 * the smallest value that at least 90% of the values do not exceed (sorted[ceil(0.9 n) - 1]).
 */
export function summarize(valuesMs: readonly number[]): Summary {
  const n = valuesMs.length;
  if (n === 0) return { count: 0, mean: null, median: null, p90: null };
  // A typed array sorts numbers natively: several times faster than a comparator over an array.
  const sorted = Float64Array.from(valuesMs).sort();
  const sum = sorted.reduce((s, v) => s + v, 0);
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count: n, mean: sum / n / HOUR_MS, median: median / HOUR_MS, p90: sorted[Math.ceil(0.9 * n) - 1]! / HOUR_MS };
}

/** Adds each count of `from` to `into`'s: a report tallied a slice at a time sums its slices' counts. */
export function addCounts<T extends { [K in keyof T]: number }>(into: T, from: T): void {
  for (const key of Object.keys(from) as (keyof T)[]) (into[key] as number) += from[key];
}

/** part / whole, or null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
