/**
 * Writes synced records and their change-log entries, all stamped with one tenant version. The
 * caller holds the tenant clock's row lock (lockTenantClock) for the whole transaction: tenant
 * writers commit one after another, so version order is commit order and pull never skips a
 * change that commits late (docs/sync-protocol.md, "Cursor").
 */
import type { SyncEntity } from '../../shared/sync/protocol.ts';
import { int, type Queryable } from '../store/db.ts';
import { isTicketChild, scopeOf, TICKET_CHILDREN, type Scope } from './scopes.ts';

export type Row = Record<string, unknown> & { id: string };

/** A record's final state after a transaction: a row to put, or null to delete. */
export interface Write {
  entity: SyncEntity;
  id: string;
  row: Row | null;
}

export interface TenantClock {
  version: number;
  nextTicketNumber: number;
}

/** Takes the tenant's write lock (held until commit) and reads its clock. */
export async function lockTenantClock(q: Queryable, tenantId: string): Promise<TenantClock> {
  const { rows } = await q.query<{ version: unknown; next_ticket_number: unknown }>(
    'SELECT version, next_ticket_number FROM tenant_clock WHERE tenant_id = $1 FOR UPDATE',
    [tenantId],
  );
  const row = rows[0];
  if (!row) throw new Error(`tenant ${tenantId} has no clock`);
  return { version: int(row.version), nextTicketNumber: int(row.next_ticket_number) };
}

export async function advanceTenantClock(q: Queryable, tenantId: string, clock: TenantClock): Promise<void> {
  await q.query('UPDATE tenant_clock SET version = $2, next_ticket_number = $3 WHERE tenant_id = $1', [
    tenantId,
    clock.version,
    clock.nextTicketNumber,
  ]);
}

interface Change {
  entity: SyncEntity;
  id: string;
  scope: string;
  scope_kind: string;
  op: 'put' | 'del';
}

/**
 * Applies `writes` at `version`. A record whose scope changes gets a 'del' under its old scope
 * before its 'put' under the new one; a ticket that moves team takes its messages, events and
 * links along (re-scoped at the same version). `knownTickets` answers the team of a ticket
 * written or read in this transaction; others are read from the database.
 */
export async function applyWrites(
  q: Queryable,
  tenantId: string,
  version: number,
  writes: readonly Write[],
  knownTickets: ReadonlyMap<string, Row | null>,
): Promise<void> {
  if (!writes.length) return;
  const old = await currentScopes(q, tenantId, writes);
  const ticketTeams = new Map<string, string>();
  for (const [id, t] of knownTickets) if (t) ticketTeams.set(id, String(t.teamId));
  for (const w of writes) if (w.entity === 'ticket' && w.row) ticketTeams.set(w.id, String(w.row.teamId));
  const missing = [...new Set(writes.filter((w) => w.row && isTicketChild(w.entity)).map((w) => String(w.row?.ticketId)))].filter(
    (id) => !ticketTeams.has(id),
  );
  if (missing.length) {
    const { rows } = await q.query<{ id: string; team: string }>(
      "SELECT id, data ->> 'teamId' AS team FROM records WHERE tenant_id = $1 AND entity = 'ticket' AND id = ANY($2::uuid[])",
      [tenantId, missing],
    );
    for (const r of rows) ticketTeams.set(r.id, r.team);
  }
  const teamOf = (ticketId: string): string => {
    const team = ticketTeams.get(ticketId);
    if (!team) throw new Error(`ticket ${ticketId} does not exist`);
    return team;
  };

  const changes: Change[] = [];
  const upserts: { entity: string; id: string; scope: string; scope_kind: string; deleted: boolean; data: Row }[] = [];
  for (const w of writes) {
    const before = old.get(key(w.entity, w.id));
    const live = before && !before.deleted ? before : null;
    if (w.row === null) {
      if (!before) continue; // created and deleted in the same transaction: nothing ever left it
      if (live) changes.push({ entity: w.entity, id: w.id, scope: live.scope.id, scope_kind: live.scope.kind, op: 'del' });
      upserts.push({ entity: w.entity, id: w.id, scope: before.scope.id, scope_kind: before.scope.kind, deleted: true, data: before.data });
      continue;
    }
    const data: Row = 'version' in w.row ? { ...w.row, version } : { ...w.row };
    const scope = scopeOf(w.entity, data, tenantId, teamOf);
    if (live && live.scope.id !== scope.id)
      changes.push({ entity: w.entity, id: w.id, scope: live.scope.id, scope_kind: live.scope.kind, op: 'del' });
    changes.push({ entity: w.entity, id: w.id, scope: scope.id, scope_kind: scope.kind, op: 'put' });
    upserts.push({ entity: w.entity, id: w.id, scope: scope.id, scope_kind: scope.kind, deleted: false, data });
  }

  const written = new Set(writes.map((w) => key(w.entity, w.id)));
  for (const w of writes) {
    if (w.entity !== 'ticket' || !w.row) continue;
    const before = old.get(key('ticket', w.id));
    if (before && before.scope.id !== String(w.row.teamId))
      changes.push(...(await moveChildren(q, tenantId, version, w.id, String(w.row.teamId), written)));
  }

  await q.query(
    `INSERT INTO records (tenant_id, entity, id, scope, scope_kind, version, deleted, data)
     SELECT $1, x.entity, x.id, x.scope, x.scope_kind, $2, x.deleted, x.data
       FROM jsonb_to_recordset($3::jsonb) AS x (entity text, id uuid, scope uuid, scope_kind text, deleted boolean, data jsonb)
     ON CONFLICT (tenant_id, entity, id) DO UPDATE
       SET scope = excluded.scope, scope_kind = excluded.scope_kind, version = excluded.version, deleted = excluded.deleted, data = excluded.data`,
    [tenantId, version, JSON.stringify(upserts)],
  );
  if (changes.length) {
    await q.query(
      `INSERT INTO changes (tenant_id, version, seq, entity, id, scope, scope_kind, op)
       SELECT $1, $2, x.seq, x.entity, x.id, x.scope, x.scope_kind, x.op
         FROM jsonb_to_recordset($3::jsonb) AS x (seq integer, entity text, id uuid, scope uuid, scope_kind text, op text)`,
      [tenantId, version, JSON.stringify(changes.map((c, seq) => ({ ...c, seq })))],
    );
  }
}

/** Re-scopes a moved ticket's children that this transaction did not write itself. */
async function moveChildren(
  q: Queryable,
  tenantId: string,
  version: number,
  ticketId: string,
  team: string,
  written: ReadonlySet<string>,
): Promise<Change[]> {
  const { rows } = await q.query<{ entity: SyncEntity; id: string; old_scope: string }>(
    `WITH moved AS (
       SELECT entity, id, scope FROM records
        WHERE tenant_id = $1 AND entity = ANY($2::text[]) AND data ->> 'ticketId' = $3 AND NOT deleted AND scope <> $4::uuid
        FOR UPDATE)
     UPDATE records r
        SET scope = $4::uuid, version = $5,
            data = CASE WHEN r.data ? 'version' THEN jsonb_set(r.data, '{version}', to_jsonb($5::bigint)) ELSE r.data END
       FROM moved
      WHERE r.tenant_id = $1 AND r.entity = moved.entity AND r.id = moved.id
     RETURNING r.entity, r.id, moved.scope AS old_scope`,
    [tenantId, TICKET_CHILDREN, ticketId, team, version],
  );
  const changes: Change[] = [];
  for (const r of rows) {
    if (written.has(key(r.entity, r.id))) continue;
    changes.push({ entity: r.entity, id: r.id, scope: r.old_scope, scope_kind: 'team', op: 'del' });
    changes.push({ entity: r.entity, id: r.id, scope: team, scope_kind: 'team', op: 'put' });
  }
  return changes;
}

async function currentScopes(
  q: Queryable,
  tenantId: string,
  writes: readonly Write[],
): Promise<Map<string, { scope: Scope; deleted: boolean; data: Row }>> {
  const { rows } = await q.query<{ entity: string; id: string; scope: string; scope_kind: Scope['kind']; deleted: boolean; data: Row }>(
    `SELECT r.entity, r.id, r.scope, r.scope_kind, r.deleted, r.data
       FROM unnest($2::text[], $3::uuid[]) AS w (entity, id) CROSS JOIN LATERAL (${BY_KEY}) r`,
    [tenantId, writes.map((w) => w.entity), writes.map((w) => w.id)],
  );
  return new Map(rows.map((r) => [key(r.entity, r.id), { scope: { id: r.scope, kind: r.scope_kind }, deleted: r.deleted, data: r.data }]));
}

/**
 * The record of `w` (entity, id) in tenant $1, for `unnest(…) AS w (entity, id) CROSS JOIN LATERAL
 * (BY_KEY) r`. The LIMIT (a no-op on a primary key) keeps the planner from flattening the subquery
 * into a join it may run as a hash join over the whole tenant, as it does when the table's
 * statistics are stale (after a bulk import): this way it is one primary-key probe per record.
 */
export const BY_KEY = 'SELECT * FROM records WHERE tenant_id = $1 AND entity = w.entity AND id = w.id LIMIT 1';

export function key(entity: string, id: string): string {
  return `${entity}:${id}`;
}
