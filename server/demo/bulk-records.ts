/**
 * Bulk insertion of new records with their change-log entries, for seeding: the same rows
 * applyWrites (sync/record-writer.ts) would write, but as a few multi-row statements fed by one
 * JSON document each, so a hundred thousand tickets do not cost a million round trips. Only for
 * records that do not exist yet (no scope moves, no tombstones to consider).
 */
import type { SyncEntity } from '../../shared/sync/protocol.ts';
import type { Queryable } from '../store/db.ts';
import { advanceTenantClock, lockTenantClock, type Row } from '../sync/record-writer.ts';
import { scopeOf } from '../sync/scopes.ts';

export interface NewRecord {
  entity: SyncEntity;
  row: Row;
}

/** Rows per statement: large enough to amortize a round trip, small enough to keep each JSON document a few MB. */
const ROWS_PER_STATEMENT = 4000;

/**
 * Inserts `records` at the tenant's next version, in one transaction the caller holds, and
 * returns that version. Children name their ticket's team through `teamOfTicket`.
 */
export async function insertNewRecords(
  q: Queryable,
  tenantId: string,
  records: readonly NewRecord[],
  teamOfTicket: (ticketId: string) => string,
  nextTicketNumber?: number,
): Promise<number> {
  const clock = await lockTenantClock(q, tenantId);
  const version = clock.version + 1;
  for (let from = 0; from < records.length; from += ROWS_PER_STATEMENT) {
    const chunk = records.slice(from, from + ROWS_PER_STATEMENT).map((r, i) => {
      // Synced rows carry the server version they were written at, as applyWrites stamps them.
      if ('version' in r.row) r.row.version = version;
      const scope = scopeOf(r.entity, r.row, tenantId, teamOfTicket);
      return { seq: from + i, entity: r.entity, id: r.row.id, scope: scope.id, scope_kind: scope.kind, data: r.row };
    });
    await q.query(
      `WITH x AS (
         SELECT * FROM json_to_recordset($3::json) AS x (seq integer, entity text, id uuid, scope uuid, scope_kind text, data jsonb)
       ), inserted AS (
         INSERT INTO records (tenant_id, entity, id, scope, scope_kind, version, deleted, data)
         SELECT $1, entity, id, scope, scope_kind, $2, false, data FROM x
       )
       INSERT INTO changes (tenant_id, version, seq, entity, id, scope, scope_kind, op)
       SELECT $1, $2, seq, entity, id, scope, scope_kind, 'put' FROM x`,
      [tenantId, version, JSON.stringify(chunk)],
    );
  }
  await advanceTenantClock(q, tenantId, { version, nextTicketNumber: nextTicketNumber ?? clock.nextTicketNumber });
  return version;
}
