/** How long a failed job waits before its next attempt: exponential, capped, with jitter. */

export interface Backoff {
  /** The wait after the first failure, before jitter. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 5_000, maxMs: 3_600_000 };

/**
 * The wait after failed attempt number `attempt` (1 for the first run): base·2^(attempt-1), capped,
 * then scaled into its upper half by `random` (0 ≤ random < 1), so instances that failed together
 * (a database blip) do not all retry at the same moment while each wait still grows.
 */
export function retryDelay(attempt: number, backoff: Backoff, random: number): number {
  const exponential = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(exponential * (0.5 + random / 2));
}
