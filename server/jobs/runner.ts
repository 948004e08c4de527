/**
 * One server instance's job runner. Several instances share one database: each claims due jobs
 * with FOR UPDATE SKIP LOCKED, so a job goes to exactly one of them, and holds it under a lease
 * (locked_by, locked_until) that it renews while the job runs. A running job whose lease expired
 * (its instance died, even by kill -9) is due again: another instance takes it over.
 *
 * Exactly-once database effects: the handler writes through the transaction that marks the job
 * done, and that mark is fenced on this instance still holding the attempt it claimed. An instance
 * that lost its lease (it stalled past it and another took the job over) cannot commit, so its
 * effect rolls back with it. A handler that throws leaves nothing; the job is retried with backoff
 * until its last attempt, then failed with the error kept.
 *
 * Time comes from the injected clock and work from `tick()`: the timers of `start()` only call
 * `tick()` and `renewLease()`, so tests drive both without sleeping.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { int, type Db } from '../store/db.ts';
import { DEFAULT_BACKOFF, retryDelay, type Backoff } from './backoff.ts';
import { enqueue } from './enqueue.ts';
import type { AnyJobKind, AnySchedule, JobResult } from './job.ts';

export interface RunnerOptions {
  db: Db;
  kinds: readonly AnyJobKind[];
  schedules?: readonly AnySchedule[];
  /** Names this instance in locked_by; unique per process by default. */
  instanceId?: string;
  now?: () => number;
  /** 0 ≤ random() < 1, for the retry jitter. */
  random?: () => number;
  /** How long a claim holds without renewal; far above the clock skew between instances. */
  leaseMs?: number;
  /** How often `start()` looks for due jobs (there is no wake-up by NOTIFY: see docs/architecture.md). */
  pollMs?: number;
  backoff?: Backoff;
  /** Failures of the runner itself (the database went away) and of jobs; the runner carries on. */
  onError?: (err: unknown, context: string) => void;
}

export interface JobRunner {
  readonly instanceId: string;
  /** Polls for due jobs and renews the running job's lease on timers, until `stop()`. */
  start(): void;
  /** Enqueues the schedules' current slots, then claims and runs due jobs one at a time until none is due; resolves to how many it ran. */
  tick(): Promise<number>;
  /** Extends the lease of the job running now, if any. */
  renewLease(): Promise<void>;
  /** Stops claiming and resolves once the running job, if any, has finished. */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_POLL_MS = 2_000;
/** Kept of an error in last_error: enough to diagnose, bounded so a huge message cannot bloat the row. */
const MAX_ERROR_CHARS = 2_000;

interface Claimed {
  id: number;
  kind: string;
  tenantId: string | null;
  payload: unknown;
  attempt: number;
  maxAttempts: number;
}

/** Thrown inside the completion transaction when another instance holds the job now: rolls the effect back. */
class LeaseLost extends Error {}

export function createJobRunner(options: RunnerOptions): JobRunner {
  const { db } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const onError = options.onError ?? (() => {});
  const instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const kinds = new Map(options.kinds.map((k) => [k.name, k]));
  const kindNames = [...kinds.keys()];
  const schedules = options.schedules ?? [];
  for (const s of schedules) {
    if (kinds.get(s.kind.name) !== s.kind) throw new Error(`schedule of ${s.kind.name}: its kind is not among the runner's kinds`);
    if (!Number.isInteger(s.everyMs) || s.everyMs < 1000) throw new Error(`schedule of ${s.kind.name}: everyMs must be at least 1000`);
  }
  /** The slot each schedule last enqueued from this instance: one insert per slot, not per tick. */
  const enqueuedSlots = new Map<AnySchedule, number>();

  let running: Claimed | null = null;
  let stopping = false;
  let ticking: Promise<number> = Promise.resolve(0);
  let pollTimer: NodeJS.Timeout | null = null;
  let leaseTimer: NodeJS.Timeout | null = null;

  async function enqueueDueSlots(): Promise<void> {
    const at = now();
    for (const s of schedules) {
      const slot = Math.floor(at / s.everyMs) * s.everyMs;
      if (enqueuedSlots.get(s) === slot) continue;
      // The key names the slot: every instance computes the same one, and the first insert wins.
      await enqueue(db, { kind: s.kind, payload: s.payload, dedupeKey: `schedule:${s.kind.name}:${slot}`, runAt: slot }, at);
      enqueuedSlots.set(s, slot);
    }
  }

  async function claim(): Promise<Claimed | null> {
    const at = now();
    const { rows } = await db.query<{
      id: unknown;
      kind: string;
      tenant_id: string | null;
      payload: unknown;
      attempts: unknown;
      max_attempts: unknown;
    }>(
      `UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $1, locked_until = $2, updated_at = $3
       WHERE id = (
         SELECT id FROM jobs
         WHERE kind = ANY($4::text[])
           AND ((state = 'queued' AND run_at <= $3) OR (state = 'running' AND locked_until <= $3))
         ORDER BY run_at, id
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, tenant_id, payload, attempts, max_attempts`,
      [instanceId, at + leaseMs, at, kindNames],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: int(row.id),
      kind: row.kind,
      tenantId: row.tenant_id,
      payload: row.payload,
      attempt: int(row.attempts),
      maxAttempts: int(row.max_attempts),
    };
  }

  /** Records how an attempt ended, only while this instance still holds it. */
  async function settle(job: Claimed, outcome: { state: 'queued'; runAt: number; error: string } | { state: 'failed'; error: string }) {
    const at = now();
    await db.query(
      `UPDATE jobs SET state = $4::text, run_at = coalesce($5::bigint, run_at), last_error = $6, locked_by = NULL, locked_until = NULL,
         updated_at = $7::bigint, finished_at = CASE WHEN $4::text = 'failed' THEN $7::bigint END
       WHERE id = $1 AND locked_by = $2 AND attempts = $3 AND state = 'running'`,
      [
        job.id,
        instanceId,
        job.attempt,
        outcome.state,
        outcome.state === 'queued' ? outcome.runAt : null,
        outcome.error.slice(0, MAX_ERROR_CHARS),
        at,
      ],
    );
  }

  async function run(job: Claimed): Promise<void> {
    const kind = kinds.get(job.kind);
    if (!kind) throw new Error(`claimed a job of unknown kind ${job.kind}`);
    if (job.attempt > job.maxAttempts) {
      // Taken over after the instance running its last attempt died.
      await settle(job, { state: 'failed', error: 'the instance running its last attempt stopped before finishing it (lease expired)' });
      return;
    }
    const payload = kind.payload.safeParse(job.payload);
    if (!payload.success) {
      // No attempt can succeed: fail now instead of retrying.
      await settle(job, { state: 'failed', error: `invalid payload: ${payload.error.message}` });
      return;
    }
    try {
      await db.transaction(async (tx) => {
        const result = await kind.handle({ tx, payload: payload.data, tenantId: job.tenantId, attempt: job.attempt, now: now() });
        const { rows } = await tx.query(
          `UPDATE jobs SET state = 'done', result = $4::text::jsonb, last_error = NULL, locked_by = NULL, locked_until = NULL,
             updated_at = $5, finished_at = $5
           WHERE id = $1 AND locked_by = $2 AND attempts = $3 AND state = 'running'
           RETURNING id`,
          [job.id, instanceId, job.attempt, JSON.stringify((result ?? null) satisfies JobResult), now()],
        );
        if (rows.length === 0)
          throw new LeaseLost(`job ${job.id} (${job.kind}) was taken over by another instance; this attempt's effects were rolled back`);
      });
    } catch (err) {
      if (err instanceof LeaseLost) {
        onError(err, `job ${job.id} (${job.kind})`);
        return;
      }
      onError(err, `job ${job.id} (${job.kind}) attempt ${job.attempt} of ${job.maxAttempts}`);
      const error = err instanceof Error ? err.message || err.name : String(err);
      await settle(
        job,
        job.attempt >= job.maxAttempts
          ? { state: 'failed', error }
          : { state: 'queued', runAt: now() + retryDelay(job.attempt, backoff, random()), error },
      );
    }
  }

  async function runDue(): Promise<number> {
    await enqueueDueSlots();
    let ran = 0;
    while (!stopping) {
      const job = await claim();
      if (!job) break;
      running = job;
      try {
        await run(job);
      } finally {
        running = null;
      }
      ran++;
    }
    return ran;
  }

  function tick(): Promise<number> {
    // One round at a time: a call during a round runs another after it.
    ticking = ticking.catch(() => 0).then(runDue);
    return ticking;
  }

  async function renewLease(): Promise<void> {
    const job = running;
    if (!job) return;
    await db.query("UPDATE jobs SET locked_until = $4 WHERE id = $1 AND locked_by = $2 AND attempts = $3 AND state = 'running'", [
      job.id,
      instanceId,
      job.attempt,
      now() + leaseMs,
    ]);
  }

  return {
    instanceId,
    start() {
      if (pollTimer || stopping) return;
      const poll = () => {
        tick()
          .catch((err: unknown) => onError(err, 'polling for jobs'))
          .finally(() => {
            // unref: the runner never keeps a process alive by itself; the server's socket does.
            if (!stopping) pollTimer = setTimeout(poll, pollMs).unref();
          });
      };
      pollTimer = setTimeout(poll, 0).unref();
      leaseTimer = setInterval(
        () => void renewLease().catch((err: unknown) => onError(err, 'renewing a lease')),
        Math.floor(leaseMs / 3),
      ).unref();
    },
    tick,
    renewLease,
    async stop() {
      stopping = true;
      if (pollTimer) clearTimeout(pollTimer);
      await ticking.catch(() => 0);
      if (leaseTimer) clearInterval(leaseTimer);
    },
  };
}
