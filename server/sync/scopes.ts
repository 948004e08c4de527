/**
 * Partial sync on the server: records are stored and served by the scopes shared/sync/scopes.ts
 * names. A record's home scope is `records.scope`/`scope_kind`; its account scope, if any,
 * `records.account_scope`. The change log has one entry per scope a write touches, so each entry
 * keeps a single scope and the change-log index serves every kind alike.
 */
import { createHash } from 'node:crypto';
import type { SyncEntity } from '../../shared/sync/protocol.ts';
import { OVERSEEN_KINDS, overseesAll, receivesOwnedAccounts, type Viewer } from '../../shared/sync/scopes.ts';
import type { Actor } from '../../shared/sync/tx.ts';
import type { Queryable } from '../store/db.ts';

/** The thread of a ticket, read and merged with it (pg-mutator-tx reads them with their ticket). */
export const TICKET_CHILDREN: readonly SyncEntity[] = ['message', 'ticket_event', 'ticket_link'];

/**
 * Bumped whenever the scope rules change what a person receives: it is part of every cursor's
 * tag, so consoles synced under the old rules start over and lose what they may no longer hold.
 * 3: the SLA settings changed shape and gained their versions (server migration 7); consoles
 * start over to receive them.
 */
const SCOPE_RULES_EDITION = 3;

/** What one person may pull: the scopes they see, as SQL and the poke fan-out filter them. */
export interface ClientScopes {
  viewer: Viewer;
  /** Supervisors and admins: every team, assignee and account scope. */
  overseesAll: boolean;
  /** The tenant, the person, and (unless overseesAll) their teams and owned accounts. */
  ids: string[];
  /** Changes whenever the set changes; carried in the cursor so a changed set forces a re-bootstrap. */
  tag: string;
}

export function clientScopes(viewer: Viewer): ClientScopes {
  const all = overseesAll(viewer.role);
  const ids = all
    ? [viewer.tenantId, viewer.id]
    : [viewer.tenantId, viewer.id, ...[...viewer.teamIds].sort(), ...[...viewer.ownedAccountIds].sort()];
  const tag = createHash('sha256')
    .update(`${SCOPE_RULES_EDITION}:${all ? 'all' : 'some'}:${ids.join(',')}`)
    .digest('base64url')
    .slice(0, 16);
  return { viewer, overseesAll: all, ids, tag };
}

/** The person as the scopes see them; the accounts they own are read in the caller's snapshot. */
export async function loadViewer(q: Queryable, actor: Actor): Promise<Viewer> {
  return (await loadViewers(q, actor.tenantId, [actor])).get(actor.id) as Viewer;
}

/** Several people of one tenant at once (the poke fan-out): one query for every account manager's accounts. */
export async function loadViewers(q: Queryable, tenantId: string, actors: readonly Actor[]): Promise<Map<string, Viewer>> {
  const managers = actors.filter((a) => receivesOwnedAccounts(a.role)).map((a) => a.id);
  const owned = new Map<string, string[]>();
  if (managers.length) {
    const { rows } = await q.query<{ id: string; owner: string }>(
      `SELECT id::text AS id, data ->> 'ownerId' AS owner FROM records
        WHERE tenant_id = $1 AND entity = 'account' AND NOT deleted AND data ->> 'ownerId' = ANY($2::text[])`,
      [tenantId, managers],
    );
    for (const r of rows) owned.set(r.owner, [...(owned.get(r.owner) ?? []), r.id]);
  }
  return new Map(actors.map((a) => [a.id, { ...a, ownedAccountIds: owned.get(a.id) ?? [] }]));
}

/**
 * The SQL condition selecting rows of `table` inside the scopes; `param` is the placeholder of the
 * id array. On the records table, a record is also inside through its account scope. Overseers
 * need no such test: every record with an account scope has a team or assignee home.
 */
export function scopeCondition(table: string, scopes: ClientScopes, param: string, on: 'records' | 'changes'): string {
  if (scopes.overseesAll) {
    const kinds = OVERSEEN_KINDS.map((k) => `'${k}'`).join(', ');
    return `(${table}.scope_kind IN (${kinds}) OR ${table}.scope = ANY(${param}::uuid[]))`;
  }
  // Only when the person owns accounts, so everyone else's bootstrap query keeps its plain index scan.
  if (on === 'records' && scopes.viewer.ownedAccountIds.length)
    return `(${table}.scope = ANY(${param}::uuid[]) OR ${table}.account_scope = ANY(${param}::uuid[]))`;
  return `${table}.scope = ANY(${param}::uuid[])`;
}
