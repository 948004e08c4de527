/**
 * Writes synced records and their change-log entries, all stamped with one tenant version. The
 * caller holds the tenant clock's row lock (lockTenantClock) for the whole transaction: tenant
 * writers commit one after another, so version order is commit order and pull never skips a
 * change that commits late (docs/sync-protocol.md, "Cursor").
 */
import type { SyncEntity } from '../../shared/sync/protocol.ts';
import { int, type Queryable } from '../store/db.ts';
import { FOLLOWS_TICKET, recordScopes, scopeList } from '../../shared/sync/scopes.ts';
import {
  ticketPlace,
  type RecordScopes,
  type Scope,
  type ScopeKind,
  type TicketLookup,
  type TicketPlace,
} from '../../shared/sync/scope-rules.ts';

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
  scope_kind: ScopeKind;
  op: 'put' | 'del';
}

interface Upsert {
  entity: string;
  id: string;
  scope: string;
  scope_kind: ScopeKind;
  account_scope: string | null;
  deleted: boolean;
  data: Row;
}

/**
 * Applies `writes` at `version`. A write emits a 'put' under every scope of the record
 * (shared/sync/scopes.ts) and, first, a 'del' under every scope it left: a console that still sees
 * the record under another scope reads the 'del' before the 'put' of the same version and keeps
 * it. A ticket that moves team or account takes its thread and notes along (re-scoped at the same
 * version). `knownTickets` answers the place of a ticket written or read in this transaction;
 * others are read from the database. `read`: live records this transaction read under the tenant
 * lock, with their scopes (a batch's, pg-mutator-tx.ts), whose state is not read again.
 */
export async function applyWrites(
  q: Queryable,
  tenantId: string,
  version: number,
  writes: readonly Write[],
  knownTickets: ReadonlyMap<string, Row | null>,
  read: { stored: ReadonlyMap<string, Row | null>; placed: ReadonlyMap<string, RecordScopes> } = { stored: new Map(), placed: new Map() },
): Promise<void> {
  if (!writes.length) return;
  const old = await currentScopes(q, tenantId, writes, read);
  const ticketOf = await ticketPlaces(q, tenantId, writes, knownTickets);

  const changes: Change[] = [];
  const upserts: Upsert[] = [];
  for (const w of writes) {
    const before = old.get(key(w.entity, w.id));
    const live = before && !before.deleted ? before : null;
    if (w.row === null) {
      if (!before) continue; // created and deleted in the same transaction: nothing ever left it
      if (live) for (const s of scopeList(live.scopes)) changes.push(change(w.entity, w.id, s, 'del'));
      upserts.push(upsert(w.entity, w.id, before.scopes, true, before.data));
      continue;
    }
    const data: Row = 'version' in w.row ? { ...w.row, version } : { ...w.row };
    const scopes = recordScopes(w.entity, data, tenantId, ticketOf);
    changes.push(...rescoped(w.entity, w.id, live?.scopes ?? null, scopes));
    upserts.push(upsert(w.entity, w.id, scopes, false, data));
  }

  const written = new Set(writes.map((w) => key(w.entity, w.id)));
  for (const w of writes) {
    if (w.entity !== 'ticket' || !w.row) continue;
    const before = old.get(key('ticket', w.id));
    const place = ticketPlace(w.row);
    if (before && !before.deleted && (before.scopes.home.id !== place.teamId || before.scopes.account !== place.accountId)) {
      const moved = await moveFollowers(q, tenantId, version, w.id, place, written);
      changes.push(...moved.changes);
      upserts.push(...moved.upserts);
    }
  }

  await q.query(
    `INSERT INTO records (tenant_id, entity, id, scope, scope_kind, account_scope, version, deleted, data)
     SELECT $1, x.entity, x.id, x.scope, x.scope_kind, x.account_scope, $2, x.deleted, x.data
       FROM jsonb_to_recordset($3::jsonb) AS x (entity text, id uuid, scope uuid, scope_kind text, account_scope uuid, deleted boolean, data jsonb)
     ON CONFLICT (tenant_id, entity, id) DO UPDATE
       SET scope = excluded.scope, scope_kind = excluded.scope_kind, account_scope = excluded.account_scope,
           version = excluded.version, deleted = excluded.deleted, data = excluded.data`,
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

/** The change-log entries of a record now in `scopes`: 'del' under each scope it left, then 'put' under each it is in. */
function rescoped(entity: SyncEntity, id: string, before: RecordScopes | null, scopes: RecordScopes): Change[] {
  const now = scopeList(scopes);
  const left = before ? scopeList(before).filter((s) => !now.some((n) => n.id === s.id && n.kind === s.kind)) : [];
  return [...left.map((s) => change(entity, id, s, 'del')), ...now.map((s) => change(entity, id, s, 'put'))];
}

function change(entity: SyncEntity, id: string, scope: Scope, op: Change['op']): Change {
  return { entity, id, scope: scope.id, scope_kind: scope.kind, op };
}

function upsert(entity: string, id: string, scopes: RecordScopes, deleted: boolean, data: Row): Upsert {
  return { entity, id, scope: scopes.home.id, scope_kind: scopes.home.kind, account_scope: scopes.account, deleted, data };
}

/**
 * Where every ticket the writes hang off is, as of the end of this transaction: the tickets it
 * wrote or read, then the rest from the database.
 */
async function ticketPlaces(
  q: Queryable,
  tenantId: string,
  writes: readonly Write[],
  knownTickets: ReadonlyMap<string, Row | null>,
): Promise<TicketLookup> {
  const places = new Map<string, TicketPlace>();
  for (const [id, t] of knownTickets) if (t) places.set(id, ticketPlace(t));
  for (const w of writes) if (w.entity === 'ticket' && w.row) places.set(w.id, ticketPlace(w.row));
  const missing = new Set<string>();
  for (const w of writes)
    if (w.row && FOLLOWS_TICKET.includes(w.entity) && typeof w.row.ticketId === 'string' && !places.has(w.row.ticketId))
      missing.add(w.row.ticketId);
  if (missing.size) {
    const { rows } = await q.query<{ id: string; teamId: string; accountId: string | null }>(
      `SELECT id, data ->> 'teamId' AS "teamId", data ->> 'accountId' AS "accountId"
         FROM records WHERE tenant_id = $1 AND entity = 'ticket' AND id = ANY($2::uuid[])`,
      [tenantId, [...missing]],
    );
    for (const r of rows) places.set(r.id, ticketPlace(r));
  }
  return (ticketId) => places.get(ticketId) ?? null;
}

/** Re-scopes the thread and notes of a ticket that moved, those this transaction did not write itself. */
async function moveFollowers(
  q: Queryable,
  tenantId: string,
  version: number,
  ticketId: string,
  place: TicketPlace,
  written: ReadonlySet<string>,
): Promise<{ changes: Change[]; upserts: Upsert[] }> {
  const { rows } = await q.query<{
    entity: SyncEntity;
    id: string;
    scope: string;
    scope_kind: ScopeKind;
    account_scope: string | null;
    data: Row;
  }>(
    `SELECT entity, id::text AS id, scope::text AS scope, scope_kind, account_scope::text AS account_scope, data FROM records
      WHERE tenant_id = $1 AND entity = ANY($2::text[]) AND data ->> 'ticketId' = $3 AND NOT deleted
      FOR UPDATE`,
    [tenantId, FOLLOWS_TICKET, ticketId],
  );
  const changes: Change[] = [];
  const upserts: Upsert[] = [];
  for (const r of rows) {
    if (written.has(key(r.entity, r.id))) continue;
    const before: RecordScopes = { home: { id: r.scope, kind: r.scope_kind }, account: r.account_scope };
    const scopes = recordScopes(r.entity, r.data, tenantId, () => place);
    if (scopes.home.id === before.home.id && scopes.account === before.account) continue;
    changes.push(...rescoped(r.entity, r.id, before, scopes));
    upserts.push(upsert(r.entity, r.id, scopes, false, 'version' in r.data ? { ...r.data, version } : r.data));
  }
  return { changes, upserts };
}

/** Each written record's state before the writes (absent: it did not exist): as `read` holds it, else from the database. */
async function currentScopes(
  q: Queryable,
  tenantId: string,
  writes: readonly Write[],
  read: { stored: ReadonlyMap<string, Row | null>; placed: ReadonlyMap<string, RecordScopes> },
): Promise<Map<string, { scopes: RecordScopes; deleted: boolean; data: Row }>> {
  const states = new Map<string, { scopes: RecordScopes; deleted: boolean; data: Row }>();
  const unknown: Write[] = [];
  for (const w of writes) {
    const k = key(w.entity, w.id);
    const scopes = read.placed.get(k);
    const data = read.stored.get(k);
    if (scopes && data) states.set(k, { scopes, deleted: false, data });
    else unknown.push(w);
  }
  if (!unknown.length) return states;
  const { rows } = await q.query<Upsert>(
    `SELECT r.entity, r.id, r.scope, r.scope_kind, r.account_scope, r.deleted, r.data
       FROM unnest($2::text[], $3::uuid[]) AS w (entity, id) CROSS JOIN LATERAL (${BY_KEY}) r`,
    [tenantId, unknown.map((w) => w.entity), unknown.map((w) => w.id)],
  );
  for (const r of rows)
    states.set(key(r.entity, r.id), {
      scopes: { home: { id: r.scope, kind: r.scope_kind }, account: r.account_scope },
      deleted: r.deleted,
      data: r.data,
    });
  return states;
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
