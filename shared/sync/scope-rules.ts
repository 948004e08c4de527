/**
 * The rules that name the scopes a synced record belongs to, one per shape of record; each synced
 * entity picks its rule in the entity registry (entities.ts), so a new entity cannot lack one.
 * Accounts and contacts are tenant-wide on purpose: any agent may open a ticket for any customer,
 * and the requester panel shows the requester's account (as in Zendesk and Freshdesk, where agents
 * see every end user and organization); who may change an account's commercial fields is a
 * permission (canEditAccount), not a scope.
 */
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

export const tenantWide: ScopeRule = {
  followsTicket: false,
  scopes: (_row, tenantId) => ({ home: { id: tenantId, kind: 'tenant' }, account: null }),
};

/** Private to its owner when it has one, else shared with the tenant. */
export const ownedOrShared: ScopeRule = {
  followsTicket: false,
  scopes: (row, tenantId) => ({
    home: typeof row.ownerId === 'string' ? { id: row.ownerId, kind: 'user' } : { id: tenantId, kind: 'tenant' },
    account: null,
  }),
};

/** Part of a ticket's thread: wherever the ticket is. */
export const ticketPart: ScopeRule = {
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
export const accountNote: ScopeRule = {
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

/** A ticket: its team, and its account's owner. */
export const ticketItself: ScopeRule = {
  followsTicket: false,
  scopes: (row) => ({ home: { id: String(row.teamId), kind: 'team' }, account: optionalId(row.accountId) }),
};

/** Work assigned to someone: its assignee, and its account's owner. */
export const assignedWork: ScopeRule = {
  followsTicket: false,
  scopes: (row) => ({ home: { id: String(row.assigneeId), kind: 'assignee' }, account: optionalId(row.accountId) }),
};

/** About one person's own working time (their shifts, time off, presence changes): them, supervisors and admins. */
export const ownTime: ScopeRule = {
  followsTicket: false,
  scopes: (row) => ({ home: { id: String(row.userId), kind: 'assignee' }, account: null }),
};

/** About one team's roster (a swap of one of its shifts): the team's members, supervisors and admins. */
export const teamRoster: ScopeRule = {
  followsTicket: false,
  scopes: (row) => ({ home: { id: String(row.teamId), kind: 'team' }, account: null }),
};

/** Only about an account (its health): its owner when an account manager, supervisors and admins. */
export const aboutAccount: ScopeRule = {
  followsTicket: false,
  scopes: (row) => ({ home: { id: String(row.accountId), kind: 'account' }, account: null }),
};

function optionalId(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
