/**
 * Swaps that need no approval (docs/routing.md, "Records", swaps): in a team whose staffing
 * assumptions say swaps need no supervisor, a swap the colleague accepted is approved by the
 * server's system actor `automation:roster`, which may write both agents' rosters (the colleague's
 * console may not write the first agent's). `roster.swaps` runs every minute, so an accepted swap
 * is applied within about a minute; each approval is keyed by the swap's row version, so two
 * instances or a retried run approve it once.
 */
import { z } from 'zod';
import { systemActor } from '../../shared/domain/actors.ts';
import { ROSTER_ACTOR } from '../../shared/routing/records.ts';
import { defineJobKind, jobCommitDeps, type Schedule } from '../jobs/job.ts';
import { tenantChannel } from '../live/pokes.ts';
import type { Queryable } from '../store/db.ts';
import { commitIn, type CommitDeps } from '../sync/commit.ts';

const EVERY_MS = 60_000;

/** Approves the tenant's accepted swaps of teams that need no approval; how many were applied. */
export async function applyUnapprovedSwaps(tx: Queryable, deps: CommitDeps, tenantId: string): Promise<number> {
  const { rows } = await tx.query<{ id: string; version: string }>(
    `SELECT s.id::text AS id, s.version FROM records s
       JOIN records a ON a.tenant_id = s.tenant_id AND a.entity = 'staffing_assumption' AND a.id::text = s.data ->> 'teamId'
      WHERE s.tenant_id = $1 AND s.entity = 'shift_swap' AND NOT s.deleted AND s.data ->> 'status' = 'accepted'
        AND NOT a.deleted AND (a.data ->> 'swapsNeedApproval')::boolean = false
      ORDER BY s.id`,
    [tenantId],
  );
  if (!rows.length) return 0;
  const outcome = await commitIn(tx, deps, {
    tenantId,
    actor: systemActor(ROSTER_ACTOR, tenantId),
    mutations: rows.map((s) => ({ name: 'swap.approve', args: { id: s.id }, idempotencyKey: `swap-approve:${s.id}:${s.version}` })),
  });
  return outcome.results.filter((r) => r.status === 'applied').length;
}

export const rosterSwapsJob = defineJobKind({
  name: 'roster.swaps',
  payload: z.object({}),
  async handle({ tx, now }) {
    const tenants = await tx.query<{ id: string }>('SELECT id::text AS id FROM tenants ORDER BY id');
    let applied = 0;
    const deps = jobCommitDeps(now);
    for (const { id: tenantId } of tenants.rows) {
      const done = await applyUnapprovedSwaps(tx, deps, tenantId);
      // The consoles hear of it when the job's transaction commits.
      if (done) await tx.query('SELECT pg_notify($1, $2)', [tenantChannel(tenantId), '']);
      applied += done;
    }
    return { applied };
  },
});

export const rosterSwapsEveryMinute: Schedule<Record<string, never>> = { kind: rosterSwapsJob, everyMs: EVERY_MS, payload: {} };
