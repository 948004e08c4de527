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
import type { ReadWorker } from '../../db/read-worker.ts';
import type { OpenSliceAsk, OpenSliceRow, TicketSlaRefresher } from '../tickets/ticket-sla.ts';

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
  calendars?: readonly string[] | null;
}

/** A slice's rows read on another connection, and what they were read for. */
export interface ReadAhead {
  ask: OpenSliceAsk;
  rows: readonly OpenSliceRow[];
}

const sameAsk = (a: OpenSliceAsk, b: OpenSliceAsk) =>
  a.afterId === b.afterId && a.limit === b.limit && JSON.stringify(a.calendars) === JSON.stringify(b.calendars);

/** What the edit's transaction leaves for the runner. */
export interface SlaRecomputeJob {
  /** In the caller's transaction: when `touched` holds a calendar or a policy, (re)start the job. */
  requestIfRulesChanged(touched: Touched): void;
  /** The slice the next step walks, null when there is no job. */
  next(limit: number): OpenSliceAsk | null;
  /**
   * One slice in its own transaction; null when there is no job. `ahead`: the slice's rows read
   * ahead for `ask`, used only if the job still asks that (an edit since restarts it).
   */
  step(limit: number, ahead?: ReadAhead): { progress: SlaRecomputeProgress; finished: boolean; changed: string[] } | null;
  progress(): SlaRecomputeProgress | null;
  /** Reads the job's slices on `worker` (its own connection to the cache) for a runner's read-ahead. */
  readAheadOn(worker: ReadWorker): SlaReadAhead;
}

export function createSlaRecomputeJob(db: Database, sla: TicketSlaRefresher): SlaRecomputeJob {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  const job = (): JobRow | null => {
    const value = read.get(KEY);
    return value === undefined ? null : (JSON.parse(value) as JobRow);
  };

  const askOf = (current: JobRow, limit: number): OpenSliceAsk => ({
    afterId: current.afterId,
    limit,
    calendars: current.calendars ?? null,
  });

  const step = db.transaction((limit: number, ahead?: ReadAhead) => {
    const current = job();
    if (!current) return null;
    const ask = askOf(current, limit);
    const { calendars } = ask;
    const { lastId, count, changed } = sla.recompute(ask, ahead && sameAsk(ahead.ask, ask) ? ahead.rows : undefined);
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
    next(limit) {
      const current = job();
      return current && askOf(current, limit);
    },
    step,
    progress() {
      const current = job();
      return current && { done: current.done, total: current.total };
    },
    readAheadOn: (worker) => ({
      read: (ask) => worker.all<OpenSliceRow>(sla.openSlice.sql, sla.openSlice.params(ask)),
      writes: () => totalChanges.get()!,
    }),
  };
}

/** Reads a slice on another connection while Core writes the one before (db/read-worker.ts). */
export interface SlaReadAhead {
  read(ask: OpenSliceAsk): Promise<readonly OpenSliceRow[]>;
  /** How many rows Core's connection has written so far (its `total_changes()`). */
  writes(): number;
}

export interface SlaRecomputeRunnerOptions {
  job: SlaRecomputeJob;
  emit: Emit;
  /** Lets Core's other work run between slices. */
  yieldTurn?: () => Promise<void>;
  sliceSize?: number;
  /** Absent: each slice is read in its own step. */
  readAhead?: SlaReadAhead;
}

/** Runs the job while there is one: `kick()` at start (a restart resumes) and after rules change. */
export function createSlaRecomputeRunner({
  job,
  emit,
  yieldTurn = () => new Promise((resolve) => setImmediate(resolve)),
  sliceSize = SLA_RECOMPUTE_SLICE,
  readAhead,
}: SlaRecomputeRunnerOptions) {
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  // The read-ahead: slice k + 1 is asked of the other connection before slice k is written, so
  // the two overlap. Its rows are used only if no write but the job's own landed on Core's
  // connection since it was asked (a mutation between slices may have changed one of them, an
  // edit restarts the job): the writes of others are Core's count less the job's own.
  let ownWrites = 0;
  const othersWrites = () => readAhead!.writes() - ownWrites;
  type Pending = { ask: OpenSliceAsk; othersWrites: number; rows: Promise<readonly OpenSliceRow[] | null> };
  const readNext = (ask: OpenSliceAsk): Pending => ({
    ask,
    othersWrites: othersWrites(),
    // A failed read is read again in the step, on Core's connection.
    rows: readAhead!.read(ask).catch(() => null),
  });
  const stepCounted = (ahead?: ReadAhead) => {
    if (!readAhead) return job.step(sliceSize, ahead);
    const before = readAhead.writes();
    try {
      return job.step(sliceSize, ahead);
    } finally {
      ownWrites += readAhead.writes() - before;
    }
  };

  async function run(): Promise<void> {
    const changed = new Set<string>();
    let pending: Pending | null = null;
    // Each slice after a turn of Core's other work: the edit that asked for it is answered first.
    for (await yieldTurn(); !closed; await yieldTurn()) {
      const ask = job.next(sliceSize);
      if (!ask) return;
      const asked = pending;
      pending = null;
      let ahead: ReadAhead | undefined;
      if (asked && sameAsk(asked.ask, ask)) {
        const rows = await asked.rows;
        if (closed) return;
        if (rows && othersWrites() === asked.othersWrites) ahead = { ask, rows };
      }
      // The next slice starts after this one's last row: asked for before this one is written.
      if (ahead?.rows.length === sliceSize) pending = readNext({ ...ask, afterId: ahead.rows.at(-1)!.id });
      const slice = stepCounted(ahead);
      if (!slice) return;
      for (const id of slice.changed) changed.add(id);
      if (slice.finished) {
        emit('sla.recompute', null);
        // The queues and badges read the new due times once, when all of them are in.
        if (changed.size) emit('data.changed', { entity: 'ticket', ids: changed.size > 1000 ? [] : [...changed] });
        return;
      }
      emit('sla.recompute', slice.progress);
      if (readAhead && !pending) {
        const next = job.next(sliceSize);
        if (next) pending = readNext(next);
      }
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
