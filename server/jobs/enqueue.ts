/**
 * Putting a job on the queue. Called inside the transaction of the write that triggers it, so the
 * job exists exactly when that write committed: no job for a rolled-back write, no write without
 * its job.
 */
import { AppError, validationError } from '../../shared/contract/errors.ts';
import { int, type Queryable } from '../store/db.ts';
import type { JobKind } from './job.ts';

export const DEFAULT_MAX_ATTEMPTS = 5;

export interface NewJob<P> {
  kind: JobKind<P>;
  payload: P;
  /**
   * Names the effect, not the attempt to enqueue it (e.g. `sla-breach:<ticket id>:<due at>`):
   * enqueueing the same key again is the same job, so a retried trigger never doubles it.
   */
  dedupeKey: string;
  /** Null for system-wide jobs. */
  tenantId?: string | null;
  /** When it may run at the earliest. */
  runAt: number;
  maxAttempts?: number;
}

/** The job as a row, checked: its payload against its kind, its attempts and its key. */
function jobRow<P>(job: NewJob<P>) {
  const parsed = job.kind.payload.safeParse(job.payload);
  if (!parsed.success) throw validationError(`payload of job ${job.kind.name}`, parsed.error);
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new AppError('VALIDATION', 'maxAttempts must be a whole number of at least 1');
  if (job.dedupeKey.length === 0 || job.dedupeKey.length > 500)
    throw new AppError('VALIDATION', 'a job needs a dedupe key of 1 to 500 characters');
  return {
    kind: job.kind.name,
    tenantId: job.tenantId ?? null,
    payload: parsed.data,
    dedupeKey: job.dedupeKey,
    runAt: job.runAt,
    maxAttempts,
  };
}

/** Enqueues `job` through `q` (normally the triggering write's transaction); `created` is false for a known key. */
export async function enqueue<P>(q: Queryable, job: NewJob<P>, now: number): Promise<{ id: number; created: boolean }> {
  const row = jobRow(job);
  const { rows } = await q.query<{ id: unknown }>(
    `INSERT INTO jobs (kind, tenant_id, payload, dedupe_key, run_at, state, max_attempts, created_at, updated_at)
     VALUES ($1, $2, $3::text::jsonb, $4, $5, 'queued', $6, $7, $7)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [row.kind, row.tenantId, JSON.stringify(row.payload), row.dedupeKey, row.runAt, row.maxAttempts, now],
  );
  if (rows[0]) return { id: int(rows[0].id), created: true };
  const existing = await q.query<{ id: unknown }>('SELECT id FROM jobs WHERE dedupe_key = $1', [job.dedupeKey]);
  return { id: int(existing.rows[0]?.id), created: false };
}

/**
 * Enqueues every job of `jobs` in one statement, as `enqueue` does each (a known key stays as it
 * is): a commit that touches hundreds of tickets schedules their breach jobs in one round trip.
 */
export async function enqueueAll(q: Queryable, jobs: readonly NewJob<unknown>[], now: number): Promise<void> {
  if (!jobs.length) return;
  await q.query(
    `INSERT INTO jobs (kind, tenant_id, payload, dedupe_key, run_at, state, max_attempts, created_at, updated_at)
     SELECT x.kind, x."tenantId", x.payload, x."dedupeKey", x."runAt", 'queued', x."maxAttempts", $2, $2
       FROM jsonb_to_recordset($1::jsonb) AS x (kind text, "tenantId" uuid, payload jsonb, "dedupeKey" text, "runAt" bigint, "maxAttempts" int)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [JSON.stringify(jobs.map(jobRow)), now],
  );
}
