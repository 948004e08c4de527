import { describe, expect, it } from 'vitest';
import { canSeeRecord } from './record-visibility.ts';
import type { Role } from '../domain/enums.ts';
import type { TicketPlace } from './scope-rules.ts';
import { recordScopes, type Viewer } from './scopes.ts';

const tenantId = '00000000-0000-7000-8000-000000000001';
const billing = '00000000-0000-7000-8000-0000000000b1';
const tech = '00000000-0000-7000-8000-0000000000b2';
const account = '00000000-0000-7000-8000-0000000000e1';
const ticketId = '00000000-0000-7000-8000-0000000000d1';
const missingTicket = '00000000-0000-7000-8000-0000000000d9';
const person = (n: number, role: Role, teamIds: string[], ownedAccountIds: string[] = []): Viewer => ({
  id: `00000000-0000-7000-8000-0000000000a${n}`,
  tenantId,
  role,
  teamIds,
  ownedAccountIds,
});
const manager = person(1, 'account_manager', [billing], [account]);
const agentOwner = person(2, 'agent', [billing], [account]);
const techAgent = person(3, 'agent', [tech]);
const supervisor = person(4, 'supervisor', []);
const tickets = new Map<string, TicketPlace>([[ticketId, { teamId: tech, accountId: account }]]);
const ticketOf = (id: string) => tickets.get(id) ?? null;
const sees = (viewer: Viewer, entity: Parameters<typeof canSeeRecord>[1], row: Record<string, unknown>) =>
  canSeeRecord(viewer, entity, { tenantId, ...row }, ticketOf);

describe('sync scopes', () => {
  it('sends a tech ticket of an account to its account manager, not to an agent who happens to own the account', () => {
    const ticket = { id: ticketId, teamId: tech, accountId: account };
    expect(sees(manager, 'ticket', ticket)).toBe(true);
    expect(sees(manager, 'message', { ticketId })).toBe(true);
    expect(sees(agentOwner, 'ticket', ticket)).toBe(false);
    expect(sees(techAgent, 'message', { ticketId })).toBe(true);
  });

  it('sends tasks to their assignee and to supervisors, and private views to their owner alone', () => {
    const task = { assigneeId: techAgent.id, accountId: null, ticketId: null };
    expect(sees(techAgent, 'task', task)).toBe(true);
    expect(sees(supervisor, 'task', task)).toBe(true);
    expect(sees(manager, 'task', task)).toBe(false);
    expect(sees(techAgent, 'saved_view', { ownerId: techAgent.id })).toBe(true);
    expect(sees(supervisor, 'saved_view', { ownerId: techAgent.id })).toBe(false);
    expect(sees(techAgent, 'saved_view', { ownerId: null })).toBe(true);
  });

  it('keeps a note that names no existing ticket with its account, and a record of another tenant from everyone', () => {
    expect(recordScopes('interaction', { accountId: account, ticketId: missingTicket }, tenantId, ticketOf)).toEqual({
      home: { id: account, kind: 'account' },
      account: null,
    });
    expect(sees(techAgent, 'feedback', { accountId: null, ticketId: null })).toBe(true);
    expect(canSeeRecord(supervisor, 'contact', { tenantId: '00000000-0000-7000-8000-000000000002' }, ticketOf)).toBe(false);
  });
});
