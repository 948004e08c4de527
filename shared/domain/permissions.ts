/**
 * Who may see and change what. Pure, so the console hides what the server would refuse, and the
 * server decides from its current state, never from a client's claims.
 *
 * A system actor (an automation) works for its whole tenant: it sees every ticket, moves tickets
 * to any team and edits any account of its tenant, as the supervisor it stands in for would. It
 * owns nothing personal: shared macros and views are people's tools, so it may not manage them.
 *
 * Which synced records a person's console receives is the sync scopes' rule, in
 * shared/sync/record-visibility.ts: these rules need none of the record schemas, so the renderer's
 * first screen asks them without building every schema of the domain.
 */
import type { Actor, SystemActor } from '../sync/tx.ts';
import { isSystemActor } from './actors.ts';
import type { Account, Ticket } from './records.ts';

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

/**
 * A private record (a macro, a saved view: ownerId set) is its owner's alone, to create, change,
 * give away or delete; a shared one (ownerId null) is managed by those `managesShared` allows.
 * A change must be allowed for the record as it is and as it will be, so nobody takes over
 * someone's private record by naming themselves its owner, nor hands a record to someone else.
 */
export function canManageOwned(actor: Actor | SystemActor, ownerId: string | null, managesShared: boolean): boolean {
  if (ownerId === null) return managesShared;
  return !isSystemActor(actor) && ownerId === actor.id;
}

export function canManageMacros(actor: Actor | SystemActor): boolean {
  if (isSystemActor(actor)) return false;
  return actor.role === 'supervisor' || actor.role === 'admin';
}

/** Business calendars and SLA policies: the tenant's service levels, set by supervisors and admins. */
export function canManageSla(actor: Actor | SystemActor): boolean {
  if (isSystemActor(actor)) return false;
  return actor.role === 'supervisor' || actor.role === 'admin';
}

/** Routing rules, routing profiles, shift templates, shifts and time off: set by supervisors and admins. */
export function canManageRouting(actor: Actor | SystemActor): boolean {
  if (isSystemActor(actor)) return false;
  return actor.role === 'supervisor' || actor.role === 'admin';
}

export function canShareViews(actor: Actor | SystemActor): boolean {
  if (isSystemActor(actor)) return false;
  return actor.role === 'supervisor' || actor.role === 'admin';
}

/**
 * An account's fields, its owner among them, are changed by its owner (handing it over, too),
 * supervisors and admins. Ownership widens what an account manager sees (the account's tickets
 * in every team), so nobody may make themselves the owner of someone else's account or of one
 * nobody owns.
 */
export function canEditAccount(actor: Actor | SystemActor, account: Pick<Account, 'tenantId' | 'ownerId'>): boolean {
  if (account.tenantId !== actor.tenantId) return false;
  if (isSystemActor(actor) || actor.role === 'supervisor' || actor.role === 'admin') return true;
  return account.ownerId !== null && account.ownerId === actor.id;
}

/**
 * Who may give a task to `assigneeId` (create it so, or reassign it): anyone to themselves;
 * supervisors, admins and automations to anyone; an account's manager to anyone, for a task
 * about that account (they keep its follow-ups). Seeing a task is canSeeStored: its assignee,
 * its account's manager, supervisors and admins.
 */
export function canAssignTask(actor: Actor | SystemActor, assigneeId: string, account: Pick<Account, 'ownerId'> | null): boolean {
  if (isSystemActor(actor) || actor.role === 'supervisor' || actor.role === 'admin') return true;
  if (assigneeId === actor.id) return true;
  return actor.role === 'account_manager' && account !== null && account.ownerId === actor.id;
}
