/**
 * Every open ticket's SLA snapshot again after a calendar or policy edit (docs/sla.md, "After an
 * edit"). Without it the server's rows kept the due instants of their last commit, and so did
 * their breach jobs: a holiday added today would not have moved a single breach.
 *
 * The commit that writes a `business_calendar` or `sla_policy` enqueues the first slice in its own
 * transaction. Each slice is one system commit by automation:sla in the job's transaction: the next
 * SLICE open tickets in id order, their snapshots computed with the newest records by the commit's
 * own SLA step (ticket-sla.ts), written only where they changed, each running timer given its
 * breach job at the new due instant (the old instant's job finds the timer re-targeted and does
 * nothing). The slice then enqueues the one after it, so a large tenant is walked in short holds of
 * the tenant lock, and a crash resumes at the slice that did not commit.
 */
import { z } from 'zod';
import { systemActor } from '../../shared/domain/actors.ts';
import { Id } from '../../shared/domain/records.ts';
import { UNSOLVED_STATUSES } from '../../shared/domain/ticket-status.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { SLA_ACTOR } from '../../shared/sla/ticket-sla.ts';
import { defineJobKind, jobCommitDeps } from '../jobs/job.ts';
import { enqueue } from '../jobs/enqueue.ts';
import { tenantChannel } from '../live/pokes.ts';
import { commitWithin } from '../sync/commit.ts';
import type { Batch } from '../sync/pg-mutator-tx.ts';

/** Tickets per slice: each slice holds the tenant lock while it reads their logs and writes. */
export const SLA_RECOMPUTE_SLICE = 200;

const Payload = z.object({
  /** Names the edit's walk, so each slice's job has a key of its own. */
  run: Id,
  /** The last ticket id the previous slice did; null for the first slice. */
  afterId: Id.nullable(),
});
type Payload = z.infer<typeof Payload>;

const sliceKey = (p: Payload) => `sla-recompute:${p.run}:${p.afterId ?? 'start'}`;

export const slaRecomputeJob = defineJobKind({
  name: 'sla.recompute',
  payload: Payload,
  async handle({ tx, payload, tenantId, now }) {
    if (tenantId === null) throw new Error('an SLA recompute job belongs to a tenant');
    const { rows } = await tx.query<{ id: string }>(
      `SELECT id::text AS id FROM records
        WHERE tenant_id = $1 AND entity = 'ticket' AND NOT deleted AND ($2::uuid IS NULL OR id > $2::uuid)
          AND data ->> 'status' = ANY($4::text[])
        ORDER BY id LIMIT $3`,
      [tenantId, payload.afterId, SLA_RECOMPUTE_SLICE, UNSOLVED_STATUSES],
    );
    const ids = rows.map((r) => r.id);
    if (!ids.length) return { tickets: 0, wrote: false };
    const outcome = await commitWithin(tx, jobCommitDeps(now), {
      tenantId,
      actor: systemActor(SLA_ACTOR, tenantId),
      mutations: [],
      refreshSlaOf: ids,
    });
    if (ids.length === SLA_RECOMPUTE_SLICE) {
      const next = { run: payload.run, afterId: ids.at(-1)! };
      await enqueue(tx, { kind: slaRecomputeJob, tenantId, payload: next, dedupeKey: sliceKey(next), runAt: now }, now);
    }
    // Delivered when the job's transaction commits, not before: the consoles pull the new snapshots then.
    if (outcome.wrote) await tx.query('SELECT pg_notify($1, $2)', [tenantChannel(tenantId), '']);
    return { tickets: ids.length, wrote: outcome.wrote };
  },
});

/** In the commit's transaction: a batch that edits a calendar or a policy starts a walk of every open ticket. */
export async function scheduleSlaRecompute(batch: Batch, now: number): Promise<void> {
  const edits = [...batch.written.values()].some((w) => w.entity === 'business_calendar' || w.entity === 'sla_policy');
  if (!edits) return;
  const first = { run: uuidv7(), afterId: null };
  await enqueue(batch.q, { kind: slaRecomputeJob, tenantId: batch.tenantId, payload: first, dedupeKey: sliceKey(first), runAt: now }, now);
}
