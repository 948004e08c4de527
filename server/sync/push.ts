/**
 * POST /sync/push: a client's mutations, processed exactly once and in order. One transaction per
 * request: the client's row lock serializes its pushes across server instances, the tenant
 * clock's lock serializes the tenant's writers, and the new last mutation id commits together
 * with the effects, or neither does.
 */
import { AppError } from '../../shared/contract/errors.ts';
import type { MutationResult, PushRequest, PushResponse } from '../../shared/sync/protocol.ts';
import { loadUser } from '../auth/actor.ts';
import type { Session } from '../auth/service.ts';
import { int, type Db, type Queryable } from '../store/db.ts';
import { Batch, runInBatch } from './pg-mutator-tx.ts';
import { advanceTenantClock, applyWrites, lockTenantClock } from './record-writer.ts';
import { checkSchemaVersion } from './schema-version.ts';

export type PushOutcome = { kind: 'processed'; response: PushResponse; wrote: boolean } | { kind: 'gap'; expected: number };

export interface PushDeps {
  db: Db;
  now: () => number;
  onBug: (err: unknown) => void;
}

/**
 * The answers for mutations `from`..`through` that were processed before: a refused one gets its
 * first result again (so a retry after a lost answer still reports it), an applied one
 * `alreadyProcessed`.
 */
async function earlierResults(q: Queryable, clientId: string, from: number, through: number): Promise<MutationResult[]> {
  if (through < from) return [];
  const { rows } = await q.query<{ mutation_id: unknown; result: MutationResult }>(
    'SELECT mutation_id, result FROM mutation_results WHERE client_id = $1 AND mutation_id BETWEEN $2 AND $3',
    [clientId, from, through],
  );
  const stored = new Map(rows.map((r) => [int(r.mutation_id), r.result]));
  const out: MutationResult[] = [];
  for (let id = from; id <= through; id++) out.push(stored.get(id) ?? { id, status: 'alreadyProcessed' });
  return out;
}

export async function push(deps: PushDeps, session: Session, req: PushRequest): Promise<PushOutcome> {
  if (req.clientId !== session.clientId) throw new AppError('FORBIDDEN', 'the access token belongs to another client');
  checkSchemaVersion(req.schemaVersion);
  const first = req.mutations[0]?.id ?? 1;
  if (req.mutations.some((m, i) => m.id !== first + i)) throw new AppError('VALIDATION', 'mutation ids in a push must be consecutive');

  return deps.db.transaction(async (q): Promise<PushOutcome> => {
    const { rows } = await q.query<{ user_id: string; last_mutation_id: unknown; revoked_at: unknown }>(
      'SELECT user_id, last_mutation_id, revoked_at FROM clients WHERE id = $1 FOR UPDATE',
      [req.clientId],
    );
    const client = rows[0];
    if (!client || client.user_id !== session.userId || client.revoked_at !== null)
      throw new AppError('UNAUTHORIZED', 'this session has ended; sign in again');
    let lastMutationId = int(client.last_mutation_id);
    if (first > lastMutationId + 1) return { kind: 'gap', expected: lastMutationId + 1 };

    const earlier = await earlierResults(q, req.clientId, first, Math.min(lastMutationId, req.mutations.at(-1)?.id ?? 0));
    const results: MutationResult[] = [...earlier];
    const fresh = req.mutations.filter((m) => m.id > lastMutationId);
    if (!fresh.length) return { kind: 'processed', response: { results, lastMutationId }, wrote: false };

    // The tenant lock comes before reading the actor: a membership change commits either wholly
    // before this push or wholly after it.
    const clock = await lockTenantClock(q, session.tenantId);
    const actor = await loadUser(q, session.userId);
    if (!actor?.active) throw new AppError('UNAUTHORIZED', 'this session has ended; sign in again');
    const ctx = {
      actor: { id: actor.id, tenantId: actor.tenantId, role: actor.role, teamIds: actor.teamIds },
      now: deps.now(),
      authoritative: true,
    };

    const batch = new Batch(q, session.tenantId, clock.nextTicketNumber);
    const mutations = fresh.map((m) => ({ clientId: req.clientId, id: m.id, name: m.name, args: m.args }));
    await batch.prefetch(mutations, ctx);
    const conflicts: { mutationId: number; name: string; details: unknown }[] = [];
    for (const m of mutations) {
      const run = await runInBatch(batch, m, ctx, deps.onBug);
      if (run.kind === 'rejected') results.push({ id: m.id, status: 'rejected', error: run.error });
      else if (run.outcome?.conflicts.length) {
        results.push({ id: m.id, status: 'conflict', conflicts: run.outcome.conflicts });
        conflicts.push({ mutationId: m.id, name: m.name, details: run.outcome.conflicts });
      } else results.push({ id: m.id, status: 'applied' });
      lastMutationId = m.id;
    }

    const wrote = batch.written.size > 0;
    const version = wrote ? clock.version + 1 : clock.version;
    if (wrote) {
      await applyWrites(q, session.tenantId, version, [...batch.written.values()], batch.tickets());
      await advanceTenantClock(q, session.tenantId, { version, nextTicketNumber: batch.nextTicketNumber });
    }
    // One statement for the batch's conflicts (a batch of replies queued offline may conflict all).
    if (conflicts.length) {
      await q.query(
        `INSERT INTO conflicts (tenant_id, client_id, mutation_id, user_id, mutation, details, at)
         SELECT $1, $2, x.id, $3, x.name, x.details, $4 FROM jsonb_to_recordset($5::jsonb) AS x (id bigint, name text, details jsonb)`,
        [
          session.tenantId,
          req.clientId,
          session.userId,
          ctx.now,
          JSON.stringify(conflicts.map((c) => ({ id: c.mutationId, name: c.name, details: c.details }))),
        ],
      );
    }
    // Stored with the effects, so a retry after a lost answer gets these answers again.
    const refused = results.slice(earlier.length).filter((r) => r.status === 'rejected' || r.status === 'conflict');
    if (refused.length) {
      await q.query(
        `INSERT INTO mutation_results (client_id, mutation_id, result)
         SELECT $1, x.id, x.result FROM jsonb_to_recordset($2::jsonb) AS x (id bigint, result jsonb)`,
        [req.clientId, JSON.stringify(refused.map((r) => ({ id: r.id, result: r })))],
      );
    }
    await q.query('UPDATE clients SET last_mutation_id = $2 WHERE id = $1', [req.clientId, lastMutationId]);
    await q.query(
      `INSERT INTO client_progress (client_id, version, last_mutation_id) VALUES ($1, $2, $3)
       ON CONFLICT (client_id, version) DO UPDATE SET last_mutation_id = greatest(client_progress.last_mutation_id, excluded.last_mutation_id)`,
      [req.clientId, version, lastMutationId],
    );
    return { kind: 'processed', response: { results, lastMutationId }, wrote };
  });
}
