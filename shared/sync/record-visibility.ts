/**
 * Whether a synced record reaches a person: the sync scopes' rule (shared/sync/scopes.ts), the very
 * one the server's pull, pokes and purge follow, asked by the permission checks of mutators and by
 * tests. Apart from shared/domain/permissions.ts because it reads the entity registry, and with it
 * every record schema.
 */
import type { SyncEntity } from './protocol.ts';
import { receivesOwnedAccounts, recordScopes, scopeList, seesScope, type Viewer } from './scopes.ts';
import { ticketPlace, type TicketLookup } from './scope-rules.ts';
import type { Actor, MutatorTx, SystemActor } from './tx.ts';
import { isSystemActor } from '../domain/actors.ts';

/**
 * Whether a synced record reaches the person's console: it is in one of their sync scopes
 * (shared/sync/scopes.ts), the very rule the server's pull, pokes and purge follow. Tasks go to
 * their assignee, a ticket with its thread to its team and to its account's manager, and so on.
 */
export function canSeeRecord(viewer: Viewer, entity: SyncEntity, row: Readonly<Record<string, unknown>>, ticketOf: TicketLookup): boolean {
  if (typeof row.tenantId === 'string' && row.tenantId !== viewer.tenantId) return false;
  return scopeList(recordScopes(entity, row, viewer.tenantId, ticketOf)).some((scope) => seesScope(viewer, scope));
}

/**
 * canSeeRecord for a record as a mutator finds it (or is about to write it): the tickets and
 * accounts it hangs off are read through the mutator's transaction, so the answer is the server's
 * own state. A system actor sees its whole tenant. Only an account manager's accounts are read:
 * nobody else receives a record through an account they own.
 */
export function canSeeStored(
  tx: MutatorTx,
  actor: Actor | SystemActor,
  entity: SyncEntity,
  row: Readonly<Record<string, unknown>>,
): boolean {
  if (typeof row.tenantId === 'string' && row.tenantId !== actor.tenantId) return false;
  if (isSystemActor(actor)) return true;
  const ticketOf: TicketLookup = (id) => {
    const ticket = tx.get('ticket', id);
    return ticket && ticket.tenantId === actor.tenantId ? ticketPlace(ticket) : null;
  };
  const scopes = scopeList(recordScopes(entity, row, actor.tenantId, ticketOf));
  const owned = receivesOwnedAccounts(actor.role)
    ? scopes.filter((s) => s.kind === 'account' && tx.get('account', s.id)?.ownerId === actor.id).map((s) => s.id)
    : [];
  return scopes.some((scope) => seesScope({ ...actor, ownedAccountIds: owned }, scope));
}
