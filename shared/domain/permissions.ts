/**
 * Who may see and change what. Pure, so the console hides what the server would refuse, and the
 * server decides from its current state, never from a client's claims.
 */
import type { Actor } from '../sync/tx.ts';
import type { Account, Ticket } from './records.ts';

/** Supervisors and admins see the whole tenant; agents their teams; account managers also their accounts. */
export function canSeeTicket(
  actor: Actor,
  ticket: Pick<Ticket, 'tenantId' | 'teamId' | 'accountId'>,
  account?: Pick<Account, 'ownerId'> | null,
): boolean {
  if (ticket.tenantId !== actor.tenantId) return false;
  if (actor.role === 'supervisor' || actor.role === 'admin') return true;
  if (actor.teamIds.includes(ticket.teamId)) return true;
  return actor.role === 'account_manager' && account?.ownerId === actor.id;
}

/** Moving a ticket to a team: agents only between their own teams. */
export function canMoveToTeam(actor: Actor, teamId: string): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin' || actor.teamIds.includes(teamId);
}

export function canManageMacros(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin';
}

export function canShareViews(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin';
}

export function canEditAccount(actor: Actor, account: Pick<Account, 'tenantId' | 'ownerId'>): boolean {
  if (account.tenantId !== actor.tenantId) return false;
  return actor.role !== 'agent' || account.ownerId === actor.id;
}
