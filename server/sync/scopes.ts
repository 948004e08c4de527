/**
 * Partial sync: every synced record belongs to exactly one scope, and a client receives the
 * records of the scopes its person may see, computed from current memberships in the snapshot
 * that serves the page.
 */
import { createHash } from 'node:crypto';
import type { SyncEntity } from '../../shared/sync/protocol.ts';
import type { Actor } from '../../shared/sync/tx.ts';

export type ScopeKind = 'tenant' | 'team' | 'user';

export interface Scope {
  id: string;
  kind: ScopeKind;
}

/** Records that live and move with their ticket (a ticket moved to another team takes them along). */
export const TICKET_CHILDREN: readonly SyncEntity[] = ['message', 'ticket_event', 'ticket_link'];

export function isTicketChild(entity: SyncEntity): boolean {
  return TICKET_CHILDREN.includes(entity);
}

/**
 * The scope of a record: the ticket's team for tickets and their children, the owner for private
 * macros and views, the tenant for everything else (reference data every member needs).
 * `teamOfTicket` answers for children; it sees the writes of the same transaction.
 */
export function scopeOf(
  entity: SyncEntity,
  row: Record<string, unknown>,
  tenantId: string,
  teamOfTicket: (ticketId: string) => string,
): Scope {
  if (entity === 'ticket') return { id: String(row.teamId), kind: 'team' };
  if (isTicketChild(entity)) return { id: teamOfTicket(String(row.ticketId)), kind: 'team' };
  if ((entity === 'macro' || entity === 'saved_view') && typeof row.ownerId === 'string') return { id: row.ownerId, kind: 'user' };
  return { id: tenantId, kind: 'tenant' };
}

/** What one person may pull: supervisors and admins every team, agents and account managers their own. */
export interface ClientScopes {
  allTeams: boolean;
  /** The tenant, the person, and (unless allTeams) their teams. */
  ids: string[];
  /** Changes whenever the set changes; carried in the cursor so a changed set forces a re-bootstrap. */
  tag: string;
}

export function clientScopes(actor: Actor): ClientScopes {
  const allTeams = actor.role === 'supervisor' || actor.role === 'admin';
  const ids = allTeams ? [actor.tenantId, actor.id] : [actor.tenantId, actor.id, ...[...actor.teamIds].sort()];
  const tag = createHash('sha256')
    .update(`${allTeams ? 'all' : 'some'}:${ids.join(',')}`)
    .digest('base64url')
    .slice(0, 16);
  return { allTeams, ids, tag };
}

/** The SQL condition selecting rows of `table` inside the scopes; `param` is the placeholder of the id array. */
export function scopeCondition(table: string, scopes: ClientScopes, param: string): string {
  return scopes.allTeams
    ? `(${table}.scope_kind = 'team' OR ${table}.scope = ANY(${param}::uuid[]))`
    : `${table}.scope = ANY(${param}::uuid[])`;
}
