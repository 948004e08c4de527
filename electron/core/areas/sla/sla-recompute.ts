/**
 * Every open ticket's SLA timers computed again after a business calendar or an SLA policy changes
 * (edited here, or pulled from the server): docs/sla.md, "After an edit".
 *
 * The job is a row in the settings table (`sla_recompute`: the last ticket id done, and how many of
 * how many), written in the same transaction as the edit, so a restart finds it and goes on where
 * it stopped. The runner does one slice of tickets per transaction and yields to Core's other
 * requests between slices; a slice is all or nothing. Another edit while it runs starts it again
 * from the first ticket, with the new rules.
 *
 * A calendar edit alone reaches only the tickets whose timers count on that calendar: which policy
 * covers a ticket does not depend on calendars, so a snapshot naming another calendar (or none)
 * comes out the same. Those tickets are passed over (and counted as looked at: progress is of
 * every open ticket); a policy edit reaches every open ticket.
 */
import type { Database } from 'better-sqlite3';
import type { SlaRecomputeProgress } from '../../../../shared/areas/sla/channels.ts';
import type { Emit } from '../../sync/data-changed.ts';
import type { Touched } from '../../sync/sqlite-tx.ts';
import type { TicketSlaRefresher } from '../tickets/ticket-sla.ts';

const KEY = 'sla_recompute';

/**
 * Open tickets looked at per transaction: a slice holds Core's other requests for about 50 ms at
 * 1M tickets. Measured there with the bench's figure (local.sla-recompute): 500 per slice gave
 * 16,600-18,200 tickets/s, 1,000 gave 20,500-22,500, 2,000 fell back to about 19,000 (a slice's
 * pages no longer fit Core's page cache).
 */
export const SLA_RECOMPUTE_SLICE = 1000;

interface JobRow extends SlaRecomputeProgress {
  /** The last ticket id recomputed ('' before the first). */
  afterId: string;
  /**
   * The calendars edited: only tickets counting on one of them (or with no snapshot) are
   * recomputed. Null or absent (a job written before scopes): every open ticket.
   */
  calendars?: string[] | null;
}

/** What the edit's transaction leaves for the runner. */
export interface SlaRecomputeJob {
  /** In the caller's transaction: when `touched` holds a calendar or a policy, (re)start the job. */
  requestIfRulesChanged(touched: Touched): void;
  /** One slice in its own transaction; null when there is no job. */
  step(limit: number): { progress: SlaRecomputeProgress; finished: boolean; changed: string[] } | null;
  progress(): SlaRecomputeProgress | null;
}

export function createSlaRecomputeJob(db: Database, sla: TicketSlaRefresher): SlaRecomputeJob {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  const job = (): JobRow | null => {
    const value = read.get(KEY);
    return value === undefined ? null : (JSON.parse(value) as JobRow);
  };

  const step = db.transaction((limit: number) => {
    const current = job();
    if (!current) return null;
    const calendars = current.calendars ?? null;
    const { lastId, count, changed } = sla.recompute(current.afterId, limit, calendars);
    // Tickets opened since the count make `done` pass `total`: the total grows with them.
    const done = current.done + count;
    const progress = { done, total: Math.max(current.total, done) };
    if (lastId === null) remove.run(KEY);
    else write.run(KEY, JSON.stringify({ afterId: lastId, calendars, ...progress } satisfies JobRow));
    return { progress, finished: lastId === null, changed };
  });

  return {
    requestIfRulesChanged(touched) {
      const edited = touched.get('business_calendar');
      if (!edited?.size && !touched.has('sla_policy')) return;
      // Starts again from the first ticket with the newest rules, reaching what the job still had
      // to reach as well: a running job's calendars join the new ones, and "every ticket" stays.
      const running = job();
      const everyTicket = touched.has('sla_policy') || (running !== null && (running.calendars ?? null) === null);
      const calendars = everyTicket ? null : [...new Set([...(running?.calendars ?? []), ...edited!])].sort();
      write.run(KEY, JSON.stringify({ afterId: '', calendars, done: 0, total: sla.openCount() } satisfies JobRow));
    },
    step,
    progress() {
      const current = job();
      return current && { done: current.done, total: current.total };
    },
  };
}

export interface SlaRecomputeRunnerOptions {
  job: SlaRecomputeJob;
  emit: Emit;
  /** Lets Core's other work run between slices. */
  yieldTurn?: () => Promise<void>;
  sliceSize?: number;
}

/** Runs the job while there is one: `kick()` at start (a restart resumes) and after rules change. */
export function createSlaRecomputeRunner({
  job,
  emit,
  yieldTurn = () => new Promise((resolve) => setImmediate(resolve)),
  sliceSize = SLA_RECOMPUTE_SLICE,
}: SlaRecomputeRunnerOptions) {
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  async function run(): Promise<void> {
    const changed = new Set<string>();
    // Each slice after a turn of Core's other work: the edit that asked for it is answered first.
    for (await yieldTurn(); !closed; await yieldTurn()) {
      const slice = job.step(sliceSize);
      if (!slice) return;
      for (const id of slice.changed) changed.add(id);
      if (slice.finished) {
        emit('sla.recompute', null);
        // The queues and badges read the new due times once, when all of them are in.
        if (changed.size) emit('data.changed', { entity: 'ticket', ids: changed.size > 1000 ? [] : [...changed] });
        return;
      }
      emit('sla.recompute', slice.progress);
    }
  }

  return {
    /** Starts the runner if a job waits and none runs; settles when it stops. */
    kick(): Promise<void> {
      if (closed) return Promise.resolve();
      // A kick while a run ends may come after its last look at the job: look once more then.
      again = true;
      running ??= (async () => {
        try {
          while (again && !closed) {
            again = false;
            await run();
          }
        } finally {
          running = null;
        }
      })();
      return running;
    },
    close(): void {
      closed = true;
    },
  };
}

export type SlaRecomputeRunner = ReturnType<typeof createSlaRecomputeRunner>;
