/**
 * Who may see and change what. Pure, so the console hides what the server would refuse, and the
 * server decides from its current state, never from a client's claims.
 *
 * A system actor (an automation) works for its whole tenant: it sees every ticket, moves tickets
 * to any team and edits any account of its tenant, as the supervisor it stands in for would. It
 * owns nothing personal: shared macros and views are people's tools, so it may not manage them.
 */
import type { SyncEntity } from '../sync/protocol.ts';
import { recordScopes, scopeList, seesScope, type Viewer } from '../sync/scopes.ts';
import { type TicketLookup } from '../sync/scope-rules.ts';
import type { Actor, SystemActor } from '../sync/tx.ts';
import { isSystemActor } from './actors.ts';
import type { Account, Ticket } from './records.ts';

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
 * Supervisors and admins see the whole tenant; agents their teams; account managers also their
 * accounts (canSeeRecord for a ticket row says the same, given the ids of the accounts they own).
 */
export function canSeeTicket(
  actor: Actor | SystemActor,
  ticket: Pick<Ticket, 'tenantId' | 'teamId' | 'accountId'>,
  account?: Pick<Account, 'ownerId'> | null,
): boolean {
  if (ticket.tenantId !== actor.tenantId) return false;
  if (isSystemActor(actor)) return true;
  if (actor.role === 'supervisor' || actor.role === 'admin') return true;
  if (actor.teamIds.includes(ticket.teamId)) return true;
  return actor.role === 'account_manager' && account?.ownerId === actor.id;
}

/** Moving a ticket to a team: agents only between their own teams. */
export function canMoveToTeam(actor: Actor | SystemActor, teamId: string): boolean {
  if (isSystemActor(actor)) return true;
  return actor.role === 'supervisor' || actor.role === 'admin' || actor.teamIds.includes(teamId);
}

export function canManageMacros(actor: Actor | SystemActor): boolean {
  if (isSystemActor(actor)) return false;
  return actor.role === 'supervisor' || actor.role === 'admin';
}

export function canShareViews(actor: Actor | SystemActor): boolean {
  if (isSystemActor(actor)) return false;
  return actor.role === 'supervisor' || actor.role === 'admin';
}

export function canEditAccount(actor: Actor | SystemActor, account: Pick<Account, 'tenantId' | 'ownerId'>): boolean {
  if (account.tenantId !== actor.tenantId) return false;
  if (isSystemActor(actor)) return true;
  return actor.role !== 'agent' || account.ownerId === actor.id;
}
