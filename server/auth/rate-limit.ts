/**
 * Failed sign-ins per key (an account or an address) in a fixed window. Kept in memory per server
 * instance: with N instances an attacker gets at most N times the budget, still far too little to
 * guess an argon2id-protected password.
 *
 * An attempt is counted as a failure when it starts, before the password is checked, and given
 * back if it succeeds: the check takes long (argon2), so counting at its end would let a burst of
 * simultaneous attempts all pass the limit before the first one is counted.
 */
export interface RateLimit {
  maxFailures: number;
  windowMs: number;
}

export class FailureLimiter {
  private readonly windows = new Map<string, { start: number; failures: number }>();
  private readonly limit: RateLimit;
  private readonly now: () => number;

  constructor(limit: RateLimit, now: () => number) {
    this.limit = limit;
    this.now = now;
  }

  /** Counts an attempt as failed until `release`; false (nothing counted) if the key is over its limit. */
  begin(key: string): boolean {
    const w = this.current(key);
    if (w && w.failures >= this.limit.maxFailures) return false;
    if (w) w.failures++;
    else this.windows.set(key, { start: this.now(), failures: 1 });
    if (this.windows.size > 100_000) this.evictExpired();
    return true;
  }

  /** The attempt `begin` counted did not fail (it succeeded, or was refused unchecked). */
  release(key: string): void {
    const w = this.current(key);
    if (w && w.failures > 0) w.failures--;
  }

  /** Forgets the key's failures (an account whose password was just proven). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string): { start: number; failures: number } | null {
    const w = this.windows.get(key);
    if (!w) return null;
    if (this.now() - w.start >= this.limit.windowMs) {
      this.windows.delete(key);
      return null;
    }
    return w;
  }

  private evictExpired(): void {
    for (const key of [...this.windows.keys()]) this.current(key);
  }
}
