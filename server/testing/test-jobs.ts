/**
 * Job kinds for the runner's tests, shared with the process they kill (job-instance.ts). Each
 * effect is a row written through the job's transaction, so "exactly once" is a row count.
 */
import { z } from 'zod';
import type { Queryable } from '../store/db.ts';
import { defineJobKind } from '../jobs/job.ts';
import { Text } from '../../shared/domain/text.ts';

export async function createEffectsTable(q: Queryable): Promise<void> {
  await q.query('CREATE TABLE IF NOT EXISTS job_effects (key text NOT NULL, attempt integer NOT NULL)');
}

export async function effectCounts(q: Queryable): Promise<Map<string, number>> {
  const { rows } = await q.query<{ key: string; n: unknown }>('SELECT key, count(*) AS n FROM job_effects GROUP BY key');
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

/** Writes its effect, then fails on attempts up to `failUntil` (the effect rolls back with it). */
export const recordEffectJob = defineJobKind({
  name: 'test.record-effect',
  payload: z.object({ key: Text, failUntil: z.number().int() }),
  async handle({ tx, payload, attempt }) {
    await tx.query('INSERT INTO job_effects (key, attempt) VALUES ($1, $2)', [payload.key, attempt]);
    if (attempt <= payload.failUntil) throw new Error(`attempt ${attempt} of ${payload.key} failed on purpose`);
    return { key: payload.key, attempt };
  },
});

/** The kind job-instance.ts holds until it is killed. */
export const HOLD_JOB = 'test.hold';

/** A handler the test holds inside its transaction until it lets go (a stalled or dying instance). */
export function gatedJob(name: string, onEntered: (attempt: number, tx: Queryable) => Promise<void>) {
  return defineJobKind({
    name,
    payload: z.object({ key: Text }),
    async handle({ tx, payload, attempt }) {
      await tx.query('INSERT INTO job_effects (key, attempt) VALUES ($1, $2)', [payload.key, attempt]);
      await onEntered(attempt, tx);
      return null;
    },
  });
}
