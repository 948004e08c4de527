/**
 * Bulk insertion of new records with their change-log entries, for seeding: the same rows
 * applyWrites (sync/record-writer.ts) would write, but as a few multi-row statements fed by one
 * JSON document each, so a hundred thousand tickets do not cost a million round trips. Only for
 * records that do not exist yet (no scope moves, no tombstones to consider).
 */
import type { SyncEntity } from '../../shared/sync/protocol.ts';
import type { Queryable } from '../store/db.ts';
import { recordScopes, scopeList } from '../../shared/sync/scopes.ts';
import { type TicketLookup } from '../../shared/sync/scope-rules.ts';
import { dropClockLogs } from '../sla/clock-log.ts';
import { advanceTenantClock, lockTenantClock, type Row } from '../sync/record-writer.ts';

export interface NewRecord {
  entity: SyncEntity;
  row: Row;
}

/** Rows per statement: large enough to amortize a round trip, small enough to keep each JSON document a few MB. */
const ROWS_PER_STATEMENT = 4000;

/**
 * Inserts `records` at the tenant's next version, in one transaction the caller holds, and
 * returns that version. Records hanging off a ticket find its team and account through `ticketOf`.
 */
export async function insertNewRecords(
  q: Queryable,
  tenantId: string,
  records: readonly NewRecord[],
  ticketOf: TicketLookup,
  nextTicketNumber?: number,
): Promise<number> {
  const clock = await lockTenantClock(q, tenantId);
  const version = clock.version + 1;
  // One change-log entry per scope a record is in, numbered across the whole version.
  let seq = 0;
  for (let from = 0; from < records.length; from += ROWS_PER_STATEMENT) {
    const rows = [];
    const changes = [];
    for (const r of records.slice(from, from + ROWS_PER_STATEMENT)) {
      // Synced rows carry the server version they were written at, as applyWrites stamps them.
      if ('version' in r.row) r.row.version = version;
      const scopes = recordScopes(r.entity, r.row, tenantId, ticketOf);
      rows.push({
        entity: r.entity,
        id: r.row.id,
        scope: scopes.home.id,
        scope_kind: scopes.home.kind,
        account_scope: scopes.account,
        data: r.row,
      });
      for (const s of scopeList(scopes)) changes.push({ seq: seq++, entity: r.entity, id: r.row.id, scope: s.id, scope_kind: s.kind });
    }
    await q.query(
      `INSERT INTO records (tenant_id, entity, id, scope, scope_kind, account_scope, version, deleted, data)
       SELECT $1, entity, id, scope, scope_kind, account_scope, $2, false, data
         FROM json_to_recordset($3::json) AS x (entity text, id uuid, scope uuid, scope_kind text, account_scope uuid, data jsonb)`,
      [tenantId, version, JSON.stringify(rows)],
    );
    await q.query(
      `INSERT INTO changes (tenant_id, version, seq, entity, id, scope, scope_kind, op)
       SELECT $1, $2, seq, entity, id, scope, scope_kind, 'put'
         FROM json_to_recordset($3::json) AS x (seq integer, entity text, id uuid, scope uuid, scope_kind text)`,
      [tenantId, version, JSON.stringify(changes)],
    );
  }
  // A ticket's kept SLA clock holds its log as its commits wrote it: one whose log grows here
  // has it read again by its next commit (sla/clock-log.ts).
  const logsGrown = new Set(
    records.flatMap((r) => (r.entity === 'ticket_event' && typeof r.row.ticketId === 'string' ? [r.row.ticketId] : [])),
  );
  await dropClockLogs(q, tenantId, [...logsGrown]);
  await advanceTenantClock(q, tenantId, { version, nextTicketNumber: nextTicketNumber ?? clock.nextTicketNumber });
  return version;
}
