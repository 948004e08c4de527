/**
 * Partial sync, as one table: for every synced entity, the scopes a record belongs to. The server
 * stores and serves records by these scopes (pull, pokes, purge) and the permission rules ask the
 * same table, so what a console may see and what the server sends it cannot drift apart
 * (docs/sync-protocol.md, "Scopes").
 *
 * A record has a home scope and, when it concerns a customer account, the account's scope too:
 * an account manager receives every ticket, message and task of the accounts they own, whatever
 * the team that works them.
 */
import type { Role } from '../domain/enums.ts';
import type { SyncEntity } from './protocol.ts';

/**
 * Who sees a scope:
 * - tenant: every member of the tenant (reference data, customers);
 * - team: the team's members, supervisors and admins;
 * - user: that person only (private macros and views);
 * - assignee: that person, supervisors and admins (work assigned to someone);
 * - account: the account's owner when an account manager, supervisors and admins.
 */
export type ScopeKind = 'tenant' | 'team' | 'user' | 'assignee' | 'account';

export interface Scope {
  id: string;
  kind: ScopeKind;
}

/** Where a record lives, and the account whose owner receives it as well (null: none besides home). */
export interface RecordScopes {
  home: Scope;
  account: string | null;
}

/** The ticket a record hangs off: its scopes follow the ticket's team and account. */
export interface TicketPlace {
  teamId: string;
  accountId: string | null;
}

export type TicketLookup = (ticketId: string) => TicketPlace | null;

export function ticketPlace(ticket: Readonly<Record<string, unknown>>): TicketPlace {
  return { teamId: String(ticket.teamId), accountId: optionalId(ticket.accountId) };
}

export interface ScopeRule {
  /** True when the record's scopes derive from the ticket named by its `ticketId`: moving the ticket re-scopes it. */
  followsTicket: boolean;
  /** `ticketOf` answers null for a ticket that does not exist (in this tenant). */
  scopes(row: Readonly<Record<string, unknown>>, tenantId: string, ticketOf: TicketLookup): RecordScopes;
}

const tenantWide: ScopeRule = {
  followsTicket: false,
  scopes: (_row, tenantId) => ({ home: { id: tenantId, kind: 'tenant' }, account: null }),
};

/** Private to its owner when it has one, else shared with the tenant. */
const ownedOrShared: ScopeRule = {
  followsTicket: false,
  scopes: (row, tenantId) => ({
    home: typeof row.ownerId === 'string' ? { id: row.ownerId, kind: 'user' } : { id: tenantId, kind: 'tenant' },
    account: null,
  }),
};

/** Part of a ticket's thread: wherever the ticket is. */
const ticketPart: ScopeRule = {
  followsTicket: true,
  scopes: (row, _tenantId, ticketOf) => {
    const ticket = ticketOf(String(row.ticketId));
    // The mutators refuse a thread entry for a missing ticket: reaching here without one is a bug.
    if (!ticket) throw new Error(`ticket ${String(row.ticketId)} does not exist`);
    return { home: { id: ticket.teamId, kind: 'team' }, account: ticket.accountId };
  },
};

/**
 * About an account, possibly through one of its tickets: with the ticket's team (the people who
 * work it) when attached to one, else with the account's owner; a record without either is the
 * tenant's (feedback from a contact outside any account). A ticket id that names no ticket (the
 * mutators do not insist on one) counts as none, so such a note stays where its account puts it.
 */
const accountNote: ScopeRule = {
  followsTicket: true,
  scopes: (row, tenantId, ticketOf) => {
    const accountId = optionalId(row.accountId);
    const ticketId = optionalId(row.ticketId);
    const ticket = ticketId === null ? null : ticketOf(ticketId);
    if (ticket) {
      return { home: { id: ticket.teamId, kind: 'team' }, account: accountId ?? ticket.accountId };
    }
    if (accountId !== null) return { home: { id: accountId, kind: 'account' }, account: null };
    return { home: { id: tenantId, kind: 'tenant' }, account: null };
  },
};

/**
 * Every synced entity's rule. Accounts and contacts stay tenant-wide on purpose: any agent may
 * open a ticket for any customer, and the requester panel shows the requester's account (as in
 * Zendesk and Freshdesk, where agents see every end user and organization); who may change an
 * account's commercial fields is a permission (canEditAccount), not a scope.
 */
export const SCOPE_RULES: Record<SyncEntity, ScopeRule> = {
  tenant: tenantWide,
  team: tenantWide,
  user: tenantWide,
  account: tenantWide,
  contact: tenantWide,
  ticket: {
    followsTicket: false,
    scopes: (row) => ({ home: { id: String(row.teamId), kind: 'team' }, account: optionalId(row.accountId) }),
  },
  message: ticketPart,
  ticket_event: ticketPart,
  ticket_link: ticketPart,
  interaction: accountNote,
  feedback: accountNote,
  task: {
    followsTicket: false,
    scopes: (row) => ({ home: { id: String(row.assigneeId), kind: 'assignee' }, account: optionalId(row.accountId) }),
  },
  business_calendar: tenantWide,
  sla_policy: tenantWide,
  macro: ownedOrShared,
  kb_article: tenantWide,
  saved_view: ownedOrShared,
};

/** The entities whose scopes follow their ticket's: re-scoped when the ticket moves team or account. */
export const FOLLOWS_TICKET: readonly SyncEntity[] = (Object.keys(SCOPE_RULES) as SyncEntity[]).filter((e) => SCOPE_RULES[e].followsTicket);

export function recordScopes(
  entity: SyncEntity,
  row: Readonly<Record<string, unknown>>,
  tenantId: string,
  ticketOf: TicketLookup,
): RecordScopes {
  const scopes = SCOPE_RULES[entity].scopes(row, tenantId, ticketOf);
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

function optionalId(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
