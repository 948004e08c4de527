/**
 * Folds the tickets' stale event logs (Core migration 024) while the console is otherwise idle, so
 * a metrics report reads folds rather than events. A report is right without it (it folds what is
 * stale in memory); the keeper only makes the next one cheaper.
 *
 * `soon()` (re)arms one timer: the keeper starts once writes have paused for `idleMs`, then folds
 * one slice of tickets per transaction, yielding to Core's other requests between slices, to the
 * end of the ticket ids; writes meanwhile arm it again.
 */
import type { Timers } from '../../sync/sync-client.ts';

/** Tickets per transaction: a slice holds Core's other requests for some tens of milliseconds. */
export const FOLD_SLICE = 400;
/** How long writes must pause before the keeper starts. */
export const FOLD_IDLE_MS = 5_000;

export interface FoldKeeperOptions {
  foldStale(afterId: string, limit: number): { lastId: string | null; count: number };
  timers: Timers;
  yieldTurn?: () => Promise<void>;
  idleMs?: number;
  sliceSize?: number;
}

export function createFoldKeeper({
  foldStale,
  timers,
  yieldTurn = () => new Promise((resolve) => setImmediate(resolve)),
  idleMs = FOLD_IDLE_MS,
  sliceSize = FOLD_SLICE,
}: FoldKeeperOptions) {
  let timer: unknown = null;
  let running: Promise<number> | null = null;
  /** Asked to run while a pass ran: logs behind its cursor may have gone stale meanwhile. */
  let again = false;
  let closed = false;

  /** One pass over every stale fold; resolves with how many it folded. */
  async function pass(): Promise<number> {
    let folded = 0;
    for (let after: string | null = ''; after !== null;) {
      // Each slice after a turn of Core's other work: the caller that asked is answered first.
      await yieldTurn();
      if (closed) break;
      const slice = foldStale(after, sliceSize);
      folded += slice.count;
      after = slice.lastId;
    }
    return folded;
  }

  /** Passes until none was asked for meanwhile; resolves with how many logs they folded. */
  async function passes(): Promise<number> {
    let folded = 0;
    do {
      again = false;
      folded += await pass();
    } while (again && !closed);
    return folded;
  }

  /** A pass now, or one more after the running one; resolves with how many logs were folded. */
  function run(): Promise<number> {
    if (closed) return Promise.resolve(0);
    if (running) {
      again = true;
      return running;
    }
    // Kept before the passes begin, so a call from within them asks for one more, not a second.
    running = Promise.resolve()
      .then(passes)
      .finally(() => (running = null));
    return running;
  }

  return {
    /** Folds once writes have paused. */
    soon(): void {
      if (closed) return;
      if (timer !== null) timers.clearTimeout(timer);
      timer = timers.setTimeout(() => {
        timer = null;
        void run();
      }, idleMs);
    },
    run,
    close(): void {
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}

export type FoldKeeper = ReturnType<typeof createFoldKeeper>;
