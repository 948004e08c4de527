/**
 * Failed sign-ins per key (an account or an address) in a fixed window. Kept in memory per server
 * instance: with N instances an attacker gets at most N times the budget, still far too little to
 * guess an argon2id-protected password.
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

  isBlocked(key: string): boolean {
    const w = this.current(key);
    return w !== null && w.failures >= this.limit.maxFailures;
  }

  recordFailure(key: string): void {
    const w = this.current(key);
    if (w) w.failures++;
    else this.windows.set(key, { start: this.now(), failures: 1 });
    if (this.windows.size > 100_000) this.evictExpired();
  }

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
