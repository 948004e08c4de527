/**
 * POST /sync/push: a client's mutations, processed exactly once and in order. One transaction per
 * request: the client's row lock serializes its pushes across server instances, the mutations run
 * through the commit path (commit.ts: the tenant clock's lock, the change log, conflicts, pokes
 * after commit), and the new last mutation id commits together with the effects, or neither does.
 */
import { AppError } from '../../shared/contract/errors.ts';
import type { MutationResult, PushRequest, PushResponse } from '../../shared/sync/protocol.ts';
import type { Session } from '../auth/service.ts';
import { int, type Db, type Queryable } from '../store/db.ts';
import { actedAt } from './acted-at.ts';
import { commitTransaction, type CommitDeps } from './commit.ts';
import { checkSchemaVersion } from './schema-version.ts';

export type PushOutcome = { kind: 'processed'; response: PushResponse } | { kind: 'gap'; expected: number };

export interface PushDeps extends CommitDeps {
  db: Db;
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

  return commitTransaction(deps.db, deps, async (tx): Promise<PushOutcome> => {
    const { q } = tx;
    const { rows } = await q.query<{ user_id: string; last_mutation_id: unknown; revoked_at: unknown; created_at: unknown }>(
      'SELECT user_id, last_mutation_id, revoked_at, created_at FROM clients WHERE id = $1 FOR UPDATE',
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
    if (!fresh.length) return { kind: 'processed', response: { results, lastMutationId } };

    const bounds = { serverNow: deps.now(), clientSince: int(client.created_at) };
    const outcome = await tx.commit({
      tenantId: session.tenantId,
      actor: { userId: session.userId },
      mutations: fresh.map((m) => ({
        clientId: req.clientId,
        id: m.id,
        name: m.name,
        args: m.args,
        actedAt: actedAt(m.clientTime, bounds),
      })),
    });
    fresh.forEach((m, i) => {
      const r = outcome.results[i];
      if (r?.status === 'rejected') results.push({ id: m.id, status: 'rejected', error: r.error });
      else if (r?.status === 'conflict') results.push({ id: m.id, status: 'conflict', conflicts: r.conflicts });
      else results.push({ id: m.id, status: 'applied' });
      lastMutationId = m.id;
    });

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
      [req.clientId, outcome.version, lastMutationId],
    );
    return { kind: 'processed', response: { results, lastMutationId } };
  });
}
