/**
 * Change-log retention: entries at or below a version are deleted, and cursors older than that
 * get `reset` (the client re-bootstraps and keeps its outbox). Records keep their tombstones.
 */
import { int, type Db } from '../store/db.ts';

/** Prunes the tenant's change log through `throughVersion` (at most the current version). */
export async function pruneChanges(db: Db, tenantId: string, throughVersion: number): Promise<number> {
  return db.transaction(async (q) => {
    const { rows } = await q.query<{ version: unknown }>('SELECT version FROM tenant_clock WHERE tenant_id = $1 FOR UPDATE', [tenantId]);
    const through = Math.min(throughVersion, int(rows[0]?.version ?? 0));
    await q.query('DELETE FROM changes WHERE tenant_id = $1 AND version <= $2', [tenantId, through]);
    await q.query('UPDATE tenant_clock SET pruned_through = greatest(pruned_through, $2) WHERE tenant_id = $1', [tenantId, through]);
    return through;
  });
}
