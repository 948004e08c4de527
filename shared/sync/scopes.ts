/**
 * Partial sync: for every synced entity, the scopes a record belongs to (its rule is in the entity
 * registry, entities.ts; the rules are in scope-rules.ts). The server
 * stores and serves records by these scopes (pull, pokes, purge) and the permission rules ask the
 * same table, so what a console may see and what the server sends it cannot drift apart
 * (docs/sync-protocol.md, "Scopes").
 *
 * A record has a home scope and, when it concerns a customer account, the account's scope too:
 * an account manager receives every ticket, message and task of the accounts they own, whatever
 * the team that works them.
 */
import type { Role } from '../domain/enums.ts';
import { SYNCED_ENTITIES } from './entities.ts';
import { SYNC_ENTITIES, type SyncEntity } from './protocol.ts';
import type { RecordScopes, Scope, ScopeKind, TicketLookup } from './scope-rules.ts';

/** The entities whose scopes follow their ticket's: re-scoped when the ticket moves team or account. */
export const FOLLOWS_TICKET: readonly SyncEntity[] = SYNC_ENTITIES.filter((e) => SYNCED_ENTITIES[e].scope.followsTicket);

export function recordScopes(
  entity: SyncEntity,
  row: Readonly<Record<string, unknown>>,
  tenantId: string,
  ticketOf: TicketLookup,
): RecordScopes {
  const scopes = SYNCED_ENTITIES[entity].scope.scopes(row, tenantId, ticketOf);
  // An account scope equal to the home adds nobody.
  return scopes.account === scopes.home.id ? { home: scopes.home, account: null } : scopes;
}

/** Every scope of a record: the home first, then the account's. */
export function scopeList(scopes: RecordScopes): Scope[] {
  return scopes.account === null ? [scopes.home] : [scopes.home, { id: scopes.account, kind: 'account' }];
}

/** A person as the scopes see them: their teams, and the accounts they own (empty unless an account manager). */
export interface Viewer {
  id: string;
  tenantId: string;
  role: Role;
  teamIds: readonly string[];
  ownedAccountIds: readonly string[];
}

/** Supervisors and admins oversee every team, account and assignee; nobody else's private records. */
export function overseesAll(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** The kinds of scope a supervisor or admin sees every instance of. */
export const OVERSEEN_KINDS: readonly ScopeKind[] = ['team', 'assignee', 'account'];

/** Only account managers receive their accounts' records: an agent who owns an account sees it through its tickets' teams. */
export function receivesOwnedAccounts(role: Role): boolean {
  return role === 'account_manager';
}

export function seesScope(viewer: Viewer, scope: Scope): boolean {
  if (scope.kind === 'user') return scope.id === viewer.id;
  if (scope.kind === 'tenant') return scope.id === viewer.tenantId;
  if (overseesAll(viewer.role)) return true;
  if (scope.kind === 'team') return viewer.teamIds.includes(scope.id);
  if (scope.kind === 'assignee') return scope.id === viewer.id;
  return receivesOwnedAccounts(viewer.role) && viewer.ownedAccountIds.includes(scope.id);
}
