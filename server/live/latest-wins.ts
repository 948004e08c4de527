/**
 * Applies the latest of a stream of values, at most once per interval and never two at once.
 * Values that arrive meanwhile replace each other, so a burst of any size costs a few applications
 * and the last value is always applied, one interval late at most. For state that only matters
 * as of now (which ticket a console has open, whether its person types), not as a history.
 */
export interface LatestWins<T> {
  offer(value: T): void;
  /** Drops what is pending; resolves once an application under way has finished. */
  stop(): Promise<void>;
}

export function latestWins<T>(apply: (value: T) => Promise<void>, intervalMs: number, onError: (err: unknown) => void): LatestWins<T> {
  let pending: { value: T } | null = null;
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastStart = -Infinity;
  let stopped = false;

  function next(): void {
    if (stopped || running || timer || !pending) return;
    const wait = lastStart + intervalMs - performance.now();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = null;
        next();
      }, wait);
      return;
    }
    const { value } = pending;
    pending = null;
    lastStart = performance.now();
    running = apply(value)
      .catch(onError)
      .finally(() => {
        running = null;
        next();
      });
  }

  return {
    offer(value) {
      pending = { value };
      next();
    },
    async stop() {
      stopped = true;
      pending = null;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
