/**
 * Retry delays: exponential with full jitter (a random delay between 0 and the capped exponential
 * bound), so many consoles that lost the same server do not come back in lockstep. Reset on success.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random: () => number;
}

export function createBackoff({ baseMs, capMs, random }: BackoffOptions) {
  let failures = 0;
  return {
    /** The delay before the next attempt after one more failure. */
    next(): number {
      const bound = Math.min(capMs, baseMs * 2 ** failures);
      failures = Math.min(failures + 1, 30);
      return Math.floor(random() * bound);
    },
    reset(): void {
      failures = 0;
    },
  };
}

export type Backoff = ReturnType<typeof createBackoff>;
