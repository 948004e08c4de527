/**
 * Who may see and change what. Pure, so the console hides what the server would refuse, and the
 * server decides from its current state, never from a client's claims.
 *
 * A system actor (an automation) works for its whole tenant: it sees every ticket, moves tickets
 * to any team and edits any account of its tenant, as the supervisor it stands in for would. It
 * owns nothing personal: shared macros and views are people's tools, so it may not manage them.
 */
import type { SyncEntity } from '../sync/protocol.ts';
import { receivesOwnedAccounts, recordScopes, scopeList, seesScope, type Viewer } from '../sync/scopes.ts';
import { ticketPlace, type TicketLookup } from '../sync/scope-rules.ts';
import type { Actor, MutatorTx, SystemActor } from '../sync/tx.ts';
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
