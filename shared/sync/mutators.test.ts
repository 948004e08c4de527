import { shiftWeekId, utcWeekStart } from '../routing/records.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deterministicId } from '../ids.ts';
import { AppError } from '../contract/errors.ts';
import { Id, type Account, type Contact, type Team, type Ticket, type User } from '../domain/records.ts';
import { define } from './define-mutator.ts';
import { MemoryTx } from './memory-tx.ts';
import {
  MUTATOR_NAMES,
  reapplyMine,
  runMutation,
  STALE_REPLY_FIELD,
  subjectOf,
  type MutatorContextWithIds,
  type MutatorName,
} from './mutators.ts';
import type { Actor } from './tx.ts';

const tenantId = '00000000-0000-7000-8000-000000000001';
const billing = '00000000-0000-7000-8000-0000000000b1';
const tech = '00000000-0000-7000-8000-0000000000b2';
const contactId = '00000000-0000-7000-8000-0000000000c1';
const ticketId = '00000000-0000-7000-8000-0000000000d1';
const agent: Actor = { id: '00000000-0000-7000-8000-0000000000a1', tenantId, role: 'agent', teamIds: [billing] };
const otherAgent: Actor = { id: '00000000-0000-7000-8000-0000000000a2', tenantId, role: 'agent', teamIds: [tech] };
const supervisor: Actor = { id: '00000000-0000-7000-8000-0000000000a3', tenantId, role: 'supervisor', teamIds: [billing] };

let clock = 1_700_000_000_000;
let mutationId = 0;
function ctx(actor: Actor): MutatorContextWithIds {
  const id = ++mutationId;
  let n = 0;
  return { actor, now: (clock += 1000), authoritative: true, newId: () => deterministicId('test', id, n++) };
}
function replayCtx(actor: Actor, id: number, now: number): MutatorContextWithIds {
  let n = 0;
  return { actor, now, authoritative: true, newId: () => deterministicId('test', id, n++) };
}

function seed(tx: MemoryTx) {
  const base = { tenantId, version: 1, createdAt: clock, updatedAt: clock };
  for (const [id, name] of [
    [billing, 'Billing'],
    [tech, 'Tech'],
  ] as const)
    tx.put('team', { ...base, id, name, description: '' } satisfies Team);
  for (const a of [agent, otherAgent, supervisor])
    tx.put('user', {
      ...base,
      id: a.id,
      name: a.role,
      email: `${a.role}@example.com`,
      role: a.role,
      teamIds: [...a.teamIds],
      skills: [],
      capacity: 10,
      locale: 'en',
      active: true,
    } satisfies User);
  tx.put('contact', {
    ...base,
    id: contactId,
    accountId: null,
    name: 'Ada Customer',
    email: 'ada@example.com',
    phone: null,
    title: null,
    customerType: 'loyal',
    locale: 'en',
  } satisfies Contact);
}

function createTicket(tx: MemoryTx, actor = agent) {
  runMutation(
    tx,
    'ticket.create',
    {
      ticket: { id: ticketId, subject: 'Invoice is wrong', channel: 'email', requesterId: contactId, teamId: billing },
      message: { id: deterministicId('m', 1), kind: 'inbound', body: 'Please fix my invoice' },
    },
    ctx(actor),
  );
  return tx.get('ticket', ticketId) as Ticket;
}

function rejection(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'applied';
}

describe('ticket mutators', () => {
  let tx: MemoryTx;
  beforeEach(() => {
    tx = new MemoryTx(100);
    seed(tx);
  });

  it('creates a ticket with its first message, number and event', () => {
    const t = createTicket(tx);
    expect(t).toMatchObject({ number: 100, status: 'new', messageCount: 1, teamId: billing, assigneeId: null });
    expect(tx.messagesOf(ticketId)).toHaveLength(1);
    expect(tx.all('ticket_event').map((e) => e.kind)).toEqual(['created', 'message']);
  });

  it('records the first reply and opens a new ticket on a public reply; a note changes neither', () => {
    createTicket(tx);
    runMutation(tx, 'message.append', { id: deterministicId('m', 2), ticketId, kind: 'note', body: 'checking' }, ctx(agent));
    expect(tx.get('ticket', ticketId)).toMatchObject({ status: 'new', firstReplyAt: null, messageCount: 2 });
    const c = ctx(agent);
    runMutation(
      tx,
      'message.append',
      { id: deterministicId('m', 3), ticketId, kind: 'reply', body: 'Fixed it', statusAfter: 'pending' },
      c,
    );
    expect(tx.get('ticket', ticketId)).toMatchObject({ status: 'pending', firstReplyAt: c.now, messageCount: 3 });
  });

  it('holds back a reply written before newer customer or colleague messages, as a newerMessages conflict', () => {
    createTicket(tx);
    const seen = deterministicId('m', 1);
    // The person's own note and own earlier reply do not count; the customer's new message does.
    runMutation(tx, 'message.append', { id: deterministicId('m', 2), ticketId, kind: 'note', body: 'looking' }, ctx(supervisor));
    runMutation(
      tx,
      'message.append',
      { id: deterministicId('m', 3), ticketId, kind: 'reply', body: 'On it', seenMessageId: seen },
      ctx(agent),
    );
    runMutation(
      tx,
      'message.append',
      { id: deterministicId('m', 4), ticketId, kind: 'inbound', body: 'Never mind, it is fine now' },
      ctx(agent),
    );
    const outcome = runMutation(
      tx,
      'message.append',
      { id: deterministicId('m', 5), ticketId, kind: 'reply', body: 'Refunded you', seenMessageId: seen, statusAfter: 'solved' },
      ctx(agent),
    );
    expect(outcome).toEqual({
      conflicts: [
        {
          entity: 'ticket',
          entityId: ticketId,
          field: STALE_REPLY_FIELD,
          base: seen,
          theirs: [
            {
              id: deterministicId('m', 4),
              kind: 'inbound',
              authorId: contactId,
              at: expect.any(Number),
              body: 'Never mind, it is fine now',
            },
          ],
          mine: 'Refunded you',
          theirsBy: contactId,
          theirsAt: expect.any(Number),
        },
      ],
    });
    // Nothing went out and the status stayed.
    expect(tx.get('message', deterministicId('m', 5))).toBeNull();
    expect(tx.get('ticket', ticketId)?.status).not.toBe('solved');
    // Sent again having seen the new message, it goes out; a reply with no seen mark is never held.
    runMutation(
      tx,
      'message.append',
      { id: deterministicId('m', 5), ticketId, kind: 'reply', body: 'Refunded you', seenMessageId: deterministicId('m', 4) },
      ctx(agent),
    );
    expect(tx.get('message', deterministicId('m', 5))).not.toBeNull();
    runMutation(tx, 'message.append', { id: deterministicId('m', 6), ticketId, kind: 'reply', body: 'And more' }, ctx(supervisor));
    expect(tx.get('message', deterministicId('m', 6))).not.toBeNull();
  });

  it('reopens a solved ticket when the customer writes, and opens a linked follow-up for a closed one', () => {
    const t = createTicket(tx);
    runMutation(tx, 'ticket.setStatus', { id: ticketId, status: 'solved', base: t.status }, ctx(agent));
    runMutation(tx, 'message.append', { id: deterministicId('m', 4), ticketId, kind: 'inbound', body: 'Still wrong' }, ctx(agent));
    expect(tx.get('ticket', ticketId)?.status).toBe('open');
    runMutation(tx, 'ticket.setStatus', { id: ticketId, status: 'closed', base: 'open' }, ctx(agent));
    runMutation(tx, 'message.append', { id: deterministicId('m', 5), ticketId, kind: 'inbound', body: 'One more thing' }, ctx(agent));
    expect(tx.get('ticket', ticketId)?.status).toBe('closed');
    const followUp = tx.all('ticket').find((x) => x.followUpOfId === ticketId);
    expect(followUp).toMatchObject({ status: 'new', number: 101, messageCount: 1 });
    expect(tx.all('ticket_link')).toEqual([
      expect.objectContaining({ kind: 'follow_up', ticketId: followUp?.id, otherTicketId: ticketId }),
    ]);
  });

  it('lets an agent answer a closed ticket in a follow-up linked to it, and only a closed one', () => {
    createTicket(tx);
    const followUp = (id: string) => ({
      ticket: { id, subject: 'Invoice is wrong', channel: 'email', requesterId: contactId, teamId: billing, assigneeId: agent.id },
      message: { id: deterministicId('m', id), kind: 'reply', body: 'Following up on your invoice' },
      followUpOfId: ticketId,
    });
    const early = deterministicId('t', 'early');
    expect(rejection(() => runMutation(tx, 'ticket.create', followUp(early), ctx(agent)))).toBe('RULE_VIOLATION');
    expect(tx.get('ticket', early)).toBeNull();

    runMutation(tx, 'ticket.setStatus', { id: ticketId, status: 'closed', base: 'new' }, ctx(agent));
    const id = deterministicId('t', 'follow-up');
    runMutation(tx, 'ticket.create', followUp(id), ctx(agent));
    expect(tx.get('ticket', id)).toMatchObject({ status: 'open', followUpOfId: ticketId, assigneeId: agent.id, messageCount: 1 });
    expect(tx.get('ticket', ticketId)?.status).toBe('closed');
    expect(tx.all('ticket_link')).toEqual([expect.objectContaining({ kind: 'follow_up', ticketId: id, otherTicketId: ticketId })]);
    // Another team's agent cannot see the closed ticket, so cannot follow it up.
    expect(rejection(() => runMutation(tx, 'ticket.create', followUp(deterministicId('t', 'x')), ctx(otherAgent)))).toBe('NOT_FOUND');
  });

  it('refuses replies, field changes and reopening on a closed ticket', () => {
    createTicket(tx);
    runMutation(tx, 'ticket.setStatus', { id: ticketId, status: 'closed', base: 'new' }, ctx(agent));
    expect(
      rejection(() => runMutation(tx, 'message.append', { id: deterministicId('m', 6), ticketId, kind: 'reply', body: 'hi' }, ctx(agent))),
    ).toBe('RULE_VIOLATION');
    expect(rejection(() => runMutation(tx, 'ticket.setStatus', { id: ticketId, status: 'open', base: 'closed' }, ctx(agent)))).toBe(
      'RULE_VIOLATION',
    );
    expect(rejection(() => runMutation(tx, 'ticket.tags', { id: ticketId, add: ['x'] }, ctx(agent)))).toBe('RULE_VIOLATION');
  });

  it('reports a conflict with both values, who and when, when the status moved since the person saw it', () => {
    createTicket(tx);
    const theirs = ctx(supervisor);
    runMutation(tx, 'ticket.setStatus', { id: ticketId, status: 'on_hold', base: 'new' }, theirs);
    const outcome = runMutation(tx, 'ticket.setStatus', { id: ticketId, status: 'solved', base: 'new' }, ctx(agent));
    expect(outcome).toEqual({
      conflicts: [
        {
          entity: 'ticket',
          entityId: ticketId,
          field: 'status',
          base: 'new',
          theirs: 'on_hold',
          mine: 'solved',
          theirsBy: supervisor.id,
          theirsAt: theirs.now,
        },
      ],
    });
    expect(tx.get('ticket', ticketId)?.status).toBe('on_hold');
    // Both asked for the same value: no conflict.
    expect(runMutation(tx, 'ticket.setStatus', { id: ticketId, status: 'on_hold', base: 'new' }, ctx(agent))).toBeUndefined();
  });

  it('lets concurrent tag edits commute', () => {
    createTicket(tx);
    runMutation(tx, 'ticket.tags', { id: ticketId, add: ['vip', 'refund'] }, ctx(agent));
    runMutation(tx, 'ticket.tags', { id: ticketId, add: ['billing'], remove: ['refund'] }, ctx(supervisor));
    expect(tx.get('ticket', ticketId)?.tags).toEqual(['billing', 'vip']);
  });

  it("assigns only to members of the team, and hides other teams' tickets from agents", () => {
    createTicket(tx);
    expect(
      rejection(() =>
        runMutation(
          tx,
          'ticket.assign',
          { id: ticketId, assigneeId: otherAgent.id, teamId: billing, base: { assigneeId: null, teamId: billing } },
          ctx(agent),
        ),
      ),
    ).toBe('RULE_VIOLATION');
    runMutation(
      tx,
      'ticket.assign',
      { id: ticketId, assigneeId: agent.id, teamId: billing, base: { assigneeId: null, teamId: billing } },
      ctx(agent),
    );
    expect(tx.get('ticket', ticketId)?.assigneeId).toBe(agent.id);
    expect(rejection(() => runMutation(tx, 'ticket.setStatus', { id: ticketId, status: 'open', base: 'new' }, ctx(otherAgent)))).toBe(
      'NOT_FOUND',
    );
    expect(
      rejection(() =>
        runMutation(
          tx,
          'ticket.assign',
          { id: ticketId, assigneeId: null, teamId: tech, base: { assigneeId: agent.id, teamId: billing } },
          ctx(agent),
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('escalates upward only, with its reason in the event log (data, not a message in English)', () => {
    createTicket(tx);
    runMutation(tx, 'ticket.escalate', { id: ticketId, tier: 2, reason: 'needs billing engineer' }, ctx(agent));
    expect(tx.get('ticket', ticketId)?.escalationTier).toBe(2);
    expect(tx.lastEvent(ticketId, 'escalated')).toMatchObject({ from: 1, to: { tier: 2, reason: 'needs billing engineer' } });
    expect(tx.messagesOf(ticketId).map((m) => m.kind)).toEqual(['inbound']);
    expect(rejection(() => runMutation(tx, 'ticket.escalate', { id: ticketId, tier: 1, reason: 'back' }, ctx(agent)))).toBe(
      'RULE_VIOLATION',
    );
  });

  it('takes a ticket down a tier only when a supervisor says so, with the reason logged', () => {
    createTicket(tx);
    runMutation(tx, 'ticket.escalate', { id: ticketId, tier: 3, reason: 'outage' }, ctx(agent));
    expect(rejection(() => runMutation(tx, 'ticket.deescalate', { id: ticketId, tier: 1, reason: 'fixed' }, ctx(agent)))).toBe('FORBIDDEN');
    expect(tx.get('ticket', ticketId)?.escalationTier).toBe(3);
    runMutation(tx, 'ticket.deescalate', { id: ticketId, tier: 2, reason: 'workaround given' }, ctx(supervisor));
    expect(tx.get('ticket', ticketId)?.escalationTier).toBe(2);
    expect(tx.lastEvent(ticketId, 'escalated')).toMatchObject({ from: 3, to: { tier: 2, reason: 'workaround given' } });
    // Never up, nor to where it already is: that is an escalation, or nothing.
    expect(rejection(() => runMutation(tx, 'ticket.deescalate', { id: ticketId, tier: 2, reason: 'x' }, ctx(supervisor)))).toBe(
      'RULE_VIOLATION',
    );
    expect(rejection(() => runMutation(tx, 'ticket.deescalate', { id: ticketId, tier: 3, reason: 'x' }, ctx(supervisor)))).toBe(
      'RULE_VIOLATION',
    );
  });

  it('merges a duplicate: threads combined, the duplicate closed and linked', () => {
    createTicket(tx);
    const dupId = deterministicId('dup');
    runMutation(
      tx,
      'ticket.create',
      {
        ticket: { id: dupId, subject: 'Invoice again', channel: 'chat', requesterId: contactId, teamId: billing, tags: ['dup'] },
        message: { id: deterministicId('m', 9), kind: 'inbound', body: 'me again' },
      },
      ctx(agent),
    );
    runMutation(tx, 'ticket.merge', { sourceId: dupId, targetId: ticketId }, ctx(agent));
    const target = tx.get('ticket', ticketId);
    const source = tx.get('ticket', dupId);
    expect(source).toMatchObject({ status: 'closed', mergedIntoId: ticketId });
    expect(target?.tags).toContain('dup');
    expect(
      tx
        .messagesOf(ticketId)
        .filter((m) => m.kind === 'inbound')
        .map((m) => m.body),
    ).toEqual(['Please fix my invoice', 'me again']);
    expect(target?.messageCount).toBe(tx.messagesOf(ticketId).length);
    expect(tx.all('ticket_link')).toHaveLength(1);
  });

  it('changes nothing when a mutation is replayed on a state that holds its effects', () => {
    createTicket(tx);
    const args = { id: deterministicId('m', 7), ticketId, kind: 'reply', body: 'once' };
    runMutation(tx, 'message.append', args, replayCtx(agent, 9000, clock + 5));
    const before = JSON.stringify([...tx.tables.entries()].map(([k, v]) => [k, [...v.entries()]]));
    runMutation(tx, 'message.append', args, replayCtx(agent, 9000, clock + 5));
    expect(JSON.stringify([...tx.tables.entries()].map(([k, v]) => [k, [...v.entries()]]))).toBe(before);
  });

  it('rejects malformed arguments and unknown mutators with VALIDATION', () => {
    expect(rejection(() => runMutation(tx, 'ticket.setStatus', { id: 'nope', status: 'x' }, ctx(agent)))).toBe('VALIDATION');
    expect(rejection(() => runMutation(tx, 'ticket.drop', {}, ctx(agent)))).toBe('VALIDATION');
    expect(
      rejection(() =>
        runMutation(
          tx,
          'feedback.record',
          { id: deterministicId('f'), kind: 'csat', score: 9, contactId, accountId: null, ticketId: null },
          ctx(agent),
        ),
      ),
    ).toBe('RULE_VIOLATION');
  });
});

describe('deterministicId', () => {
  it('names the same thing the same way everywhere, and different things differently', () => {
    expect(deterministicId('a', 1)).toBe(deterministicId('a', 1));
    expect(deterministicId('a', 1)).not.toBe(deterministicId('a', 2));
    expect(deterministicId('a', 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('creating a ticket by hand and managing macros', () => {
  let tx: MemoryTx;
  beforeEach(() => {
    tx = new MemoryTx(100);
    seed(tx);
  });

  const newTicket = (assigneeId: string | null, teamId = billing) => ({
    ticket: {
      id: deterministicId('hand', assigneeId ?? 'none', teamId),
      subject: 'Phone call',
      channel: 'phone',
      requesterId: contactId,
      teamId,
      assigneeId,
    },
    message: { id: deterministicId('hand-m', assigneeId ?? 'none', teamId), kind: 'note', body: 'Called about the invoice' },
  });

  it('assigns a ticket only to an active member of its team', () => {
    expect(rejection(() => runMutation(tx, 'ticket.create', newTicket(agent.id), ctx(agent)))).toBe('applied');
    expect(rejection(() => runMutation(tx, 'ticket.create', newTicket(otherAgent.id), ctx(supervisor)))).toBe('RULE_VIOLATION');
    expect(rejection(() => runMutation(tx, 'ticket.create', newTicket(deterministicId('nobody')), ctx(agent)))).toBe('NOT_FOUND');
  });

  const macro = (actions: object, ownerId: string | null = null) => ({
    id: deterministicId('macro', JSON.stringify(actions), ownerId ?? ''),
    title: 'Route to tech',
    body: 'Hi {{requester.firstName}}',
    replyKind: 'reply',
    actions,
    ownerId,
    active: true,
  });

  it('lets supervisors manage shared macros and everyone their own, naming only teams and people that exist', () => {
    expect(rejection(() => runMutation(tx, 'macro.upsert', macro({ teamId: tech, assigneeId: otherAgent.id }), ctx(supervisor)))).toBe(
      'applied',
    );
    expect(rejection(() => runMutation(tx, 'macro.upsert', macro({ status: 'pending' }), ctx(agent)))).toBe('FORBIDDEN');
    expect(rejection(() => runMutation(tx, 'macro.upsert', macro({ status: 'pending' }, agent.id), ctx(agent)))).toBe('applied');
    expect(rejection(() => runMutation(tx, 'macro.upsert', macro({ teamId: deterministicId('gone') }), ctx(supervisor)))).toBe('NOT_FOUND');
    expect(rejection(() => runMutation(tx, 'macro.upsert', macro({ assigneeId: deterministicId('gone') }), ctx(supervisor)))).toBe(
      'NOT_FOUND',
    );
  });
});

/** Wednesday 2026-03-11 09:00 UTC. */
const SHIFT_START = Date.UTC(2026, 2, 11, 9);

describe('what each mutator declares about itself', () => {
  const id = deterministicId('record');
  const other = deterministicId('other');
  // Keyed by every mutator name: a new mutator does not compile here until it has an example.
  const exampleArgs: Record<MutatorName, unknown> = {
    'ticket.create': {
      ticket: { id, subject: 'S', channel: 'email', requesterId: contactId, teamId: billing },
      message: { id: other, kind: 'inbound', body: 'b' },
    },
    'message.append': { id: other, ticketId: id, kind: 'note', body: 'b' },
    'ticket.setStatus': { id, status: 'open', base: 'new' },
    'ticket.assign': { id, assigneeId: null, teamId: billing, base: { assigneeId: null, teamId: billing } },
    'ticket.update': { id, priority: 'high' },
    'ticket.tags': { id, add: ['x'] },
    'ticket.escalate': { id, tier: 2, reason: 'r' },
    'ticket.deescalate': { id, tier: 1, reason: 'r' },
    'ticket.merge': { sourceId: id, targetId: other },
    'ticket.link': { id, otherId: other },
    'ticket.slaBreach': { ticketId: id, metric: 'firstReply', startedAt: 1, dueAt: 2 },
    'ticket.slaBreachAction': { ticketId: id, metric: 'firstReply', startedAt: 1, dueAt: 2, action: { do: 'escalate' } },
    'contact.upsert': { id, accountId: null, name: 'N', email: null, phone: null, title: null, locale: 'en' },
    'account.update': { id, changes: { tier: 'enterprise' } },
    'interaction.log': { id, accountId: other, contactId: null, ticketId: null, kind: 'call', summary: 's', occurredAt: 1 },
    'task.upsert': { id, title: 'T', notes: '', accountId: null, ticketId: null, assigneeId: other, dueAt: 1, remindAt: null },
    'task.complete': { id, done: true },
    'task.delete': { id },
    'feedback.record': { id, kind: 'csat', score: 5, contactId: null, accountId: null, ticketId: null },
    'macro.upsert': { id, title: 'M', body: 'b', replyKind: 'reply', actions: {}, ownerId: null, active: true },
    'view.upsert': { id, name: 'V', filter: {}, sort: 'updated_desc', ownerId: null, position: 0 },
    'view.delete': { id },
    'calendar.upsert': { id, name: 'C', timeZone: 'Europe/London', weeklyHours: [{ day: 1, start: '09:00', end: '17:00' }], holidays: [] },
    'calendar.setActive': { id, active: false },
    'slaPolicy.upsert': {
      id,
      name: 'P',
      position: 0,
      conditions: {},
      targets: { high: { firstReply: { minutes: 60, hours: 'calendar' } } },
      calendarId: null,
      breachActions: { notifyAssignee: true, notifySupervisors: false, raisePriority: false, escalate: false },
    },
    'slaPolicy.reorder': { ids: [id, other] },
    'slaPolicy.setActive': { id, active: false },
    'change.withdrawn': { ticketId: id },
    'health.weights.set': { id, weights: { support: 40, sentiment: 30, engagement: 20, lifecycle: 10 } },
    'health.record': { accountId: id, day: '2026-03-10', score: 35, reasons: [] },
    'presence.set': { userId: id, status: 'online' },
    'user.setRoutingProfile': { userId: id, languages: ['en'], skills: [], channelCapacity: { email: 5 } },
    'routingRule.set': {
      teamId: id,
      mode: 'round_robin',
      matchLanguage: true,
      matchSkills: false,
      takeBackWhenOffline: false,
      enabled: true,
    },
    'shiftTemplate.upsert': { id, name: 'Early', start: '07:00', minutes: 480, breaks: [] },
    'shiftTemplate.setActive': { id, active: false },
    'shift.put': {
      userId: id,
      shift: { id: other, teamId: billing, start: SHIFT_START, end: SHIFT_START + 3_600_000, breaks: [] },
      previousStart: null,
    },
    'shift.remove': { userId: id, shiftId: other, start: SHIFT_START },
    'timeOff.upsert': { id, userId: other, start: 1, end: 2, kind: 'leave', note: '' },
    'timeOff.remove': { id },
    'ticket.route': { ticketId: id, agentId: other, mode: 'round_robin', eligible: 2, language: 'zh-CN' },
    'ticket.takeBack': { ticketId: id, agentId: other },
    'ticket.toNextTier': { ticketId: id, tiers: 1 },
    'swap.offer': { id, shiftId: other, shiftStart: SHIFT_START, toUserId: other },
    'swap.accept': { id, returnShiftId: null, returnShiftStart: null },
    'swap.approve': { id },
    'swap.cancel': { id },
    'staffing.set': {
      teamId: id,
      ahtSeconds: { email: 600 },
      serviceLevel: 0.8,
      answerSeconds: 60,
      occupancyTarget: 0.85,
      forecastWeeks: 8,
      swapsNeedApproval: true,
    },
    'complaintCategory.upsert': { id, name: 'Billing error', description: '', position: 0 },
    'complaintCategory.setActive': { id, active: false },
    'complaintCategory.reorder': { ids: [id, other] },
    'ticket.markComplaint': { id, categoryId: other },
    'ticket.setRootCause': { id, rootCause: 'Invoice template rounded twice' },
  };
  const expectedEntity: Record<string, string> = {
    'contact.upsert': 'contact',
    'account.update': 'account',
    'interaction.log': 'interaction',
    'task.upsert': 'task',
    'task.complete': 'task',
    'task.delete': 'task',
    'feedback.record': 'feedback',
    'macro.upsert': 'macro',
    'view.upsert': 'saved_view',
    'view.delete': 'saved_view',
    'calendar.upsert': 'business_calendar',
    'calendar.setActive': 'business_calendar',
    'slaPolicy.upsert': 'sla_policy',
    'slaPolicy.reorder': 'sla_policy',
    'slaPolicy.setActive': 'sla_policy',
    'health.weights.set': 'health_settings',
    'health.record': 'account',
    'presence.set': 'agent_presence',
    'user.setRoutingProfile': 'user',
    'routingRule.set': 'routing_rule',
    'shiftTemplate.upsert': 'shift_template',
    'shiftTemplate.setActive': 'shift_template',
    'shift.put': 'shift_week',
    'shift.remove': 'shift_week',
    'timeOff.upsert': 'time_off',
    'timeOff.remove': 'time_off',
    'staffing.set': 'staffing_assumption',
    'swap.offer': 'shift_swap',
    'swap.accept': 'shift_swap',
    'swap.approve': 'shift_swap',
    'swap.cancel': 'shift_swap',
    'complaintCategory.upsert': 'complaint_category',
    'complaintCategory.setActive': 'complaint_category',
    'complaintCategory.reorder': 'complaint_category',
  };
  // A shift is filed under its agent's record of the UTC week it starts in.
  const expectedId: Record<string, string> = {
    'shift.put': shiftWeekId(id, utcWeekStart(SHIFT_START)),
    'shift.remove': shiftWeekId(id, utcWeekStart(SHIFT_START)),
  };

  it.each(MUTATOR_NAMES)('%s names the record it is about', (name) => {
    expect(subjectOf(name, exampleArgs[name])).toEqual({ entity: expectedEntity[name] ?? 'ticket', id: expectedId[name] ?? id });
  });

  it('does not compile a mutator that leaves out its subject or what "apply mine" does', () => {
    const args = z.object({ id: Id });
    // @ts-expect-error -- no subject, no applyMine
    const incomplete = define({ args, apply() {} });
    // @ts-expect-error -- no applyMine (a mutator that never conflicts says so)
    const noApplyMine = define({ args, subject: { entity: 'task', id: (a) => a.id }, apply() {} });
    const complete = define({ args, subject: { entity: 'task', id: (a) => a.id }, applyMine: 'never-conflicts', apply() {} });
    expect([incomplete, noApplyMine, complete].map((m) => m.args)).toEqual([args, args, args]);
  });

  it('names no record for an unknown mutator or arguments it does not take', () => {
    expect(subjectOf('ticket.explode', { id })).toBeNull();
    expect(subjectOf('ticket.setStatus', { id: 'not an id' })).toBeNull();
  });

  let tx: MemoryTx;
  beforeEach(() => {
    tx = new MemoryTx(100);
    seed(tx);
  });

  /** Runs `mine` after `theirs` moved the record; "apply mine" must then apply over the server's state. */
  function conflictThenApplyMine(theirs: [string, unknown], mine: [string, Record<string, unknown>]) {
    runMutation(tx, theirs[0], theirs[1], ctx(supervisor));
    const outcome = runMutation(tx, mine[0], mine[1], ctx(agent));
    expect(outcome?.conflicts.length).toBeGreaterThan(0);
    const again = reapplyMine(mine[0], mine[1], outcome!.conflicts);
    expect(again.name).toBe(mine[0]);
    expect(runMutation(tx, again.name, again.args, ctx(agent))).toBeUndefined();
  }

  it('re-applies a status change over the status the server holds', () => {
    createTicket(tx);
    conflictThenApplyMine(
      ['ticket.setStatus', { id: ticketId, status: 'on_hold', base: 'new' }],
      ['ticket.setStatus', { id: ticketId, status: 'solved', base: 'new' }],
    );
    expect(tx.get('ticket', ticketId)?.status).toBe('solved');
  });

  it('re-applies an assignment over the assignee and team the server holds', () => {
    createTicket(tx);
    conflictThenApplyMine(
      ['ticket.assign', { id: ticketId, assigneeId: supervisor.id, teamId: billing, base: { assigneeId: null, teamId: billing } }],
      ['ticket.assign', { id: ticketId, assigneeId: agent.id, teamId: billing, base: { assigneeId: null, teamId: billing } }],
    );
    expect(tx.get('ticket', ticketId)?.assigneeId).toBe(agent.id);
  });

  it('re-applies a subject edit over the subject the server holds', () => {
    createTicket(tx);
    conflictThenApplyMine(
      ['ticket.update', { id: ticketId, subject: 'Theirs', baseSubject: 'Invoice is wrong' }],
      ['ticket.update', { id: ticketId, subject: 'Mine', baseSubject: 'Invoice is wrong' }],
    );
    expect(tx.get('ticket', ticketId)?.subject).toBe('Mine');
  });

  it('sends a held-back reply having seen the messages that held it back', () => {
    createTicket(tx);
    const reply = deterministicId('m', 'held');
    conflictThenApplyMine(
      ['message.append', { id: deterministicId('m', 'new'), ticketId, kind: 'inbound', body: 'More news' }],
      ['message.append', { id: reply, ticketId, kind: 'reply', body: 'Answer', seenMessageId: deterministicId('m', 1) }],
    );
    expect(tx.get('message', reply)?.body).toBe('Answer');
  });

  it('re-applies account notes over the notes the server holds', () => {
    const accountId = deterministicId('account');
    tx.put('account', {
      id: accountId,
      tenantId,
      version: 1,
      createdAt: clock,
      updatedAt: clock,
      name: 'Acme',
      domain: null,
      tier: 'enterprise',
      lifecycleStage: 'active',
      ownerId: agent.id,
      renewalDate: null,
      annualValueMinor: 0,
      currency: 'EUR',
      healthScore: null,
      notes: 'base',
    } satisfies Account);
    conflictThenApplyMine(
      ['account.update', { id: accountId, changes: { notes: 'theirs' }, baseNotes: 'base' }],
      ['account.update', { id: accountId, changes: { notes: 'mine' }, baseNotes: 'base' }],
    );
    expect(tx.get('account', accountId)?.notes).toBe('mine');
  });

  it('refuses to re-apply a mutation that cannot conflict, or a conflict on a field it does not guard', () => {
    expect(rejection(() => reapplyMine('ticket.tags', { id: ticketId, add: ['x'] }, []))).toBe('RULE_VIOLATION');
    expect(rejection(() => reapplyMine('ticket.setStatus', { id: ticketId, status: 'open', base: 'new' }, []))).toBe('RULE_VIOLATION');
  });
});

describe('the reach every mutation stays within (the same on the console and the server)', () => {
  let tx: MemoryTx;
  beforeEach(() => {
    tx = new MemoryTx(100);
    seed(tx);
  });
  const task = (assigneeId: string, title = 'Call back') => ({
    id: deterministicId('task', assigneeId),
    title,
    notes: '',
    accountId: null,
    ticketId: null,
    assigneeId,
    dueAt: clock,
    remindAt: null,
  });

  it('keeps a task to its assignee and those who oversee them: nobody else rewrites, reassigns or completes it', () => {
    expect(rejection(() => runMutation(tx, 'task.upsert', task(otherAgent.id), ctx(agent)))).toBe('FORBIDDEN');
    expect(rejection(() => runMutation(tx, 'task.upsert', task(agent.id), ctx(agent)))).toBe('applied');
    expect(rejection(() => runMutation(tx, 'task.upsert', task(otherAgent.id), ctx(supervisor)))).toBe('applied');
    const theirs = deterministicId('task', otherAgent.id);
    expect(rejection(() => runMutation(tx, 'task.complete', { id: theirs, done: true }, ctx(agent)))).toBe('NOT_FOUND');
    expect(rejection(() => runMutation(tx, 'task.upsert', { ...task(otherAgent.id, 'Mine now'), assigneeId: agent.id }, ctx(agent)))).toBe(
      'NOT_FOUND',
    );
    // Handing one's own task to a colleague would put it out of one's reach.
    expect(rejection(() => runMutation(tx, 'task.upsert', { ...task(agent.id), assigneeId: otherAgent.id }, ctx(agent)))).toBe('FORBIDDEN');
    expect(tx.get('task', theirs)).toMatchObject({ title: 'Call back', completedAt: null, assigneeId: otherAgent.id });
  });

  it('files feedback and interactions only on tickets the person sees, and at no negative time', () => {
    createTicket(tx); // Billing's
    const feedback = { id: deterministicId('fb'), kind: 'csat', score: 5, contactId, accountId: null, ticketId };
    expect(rejection(() => runMutation(tx, 'feedback.record', feedback, ctx(otherAgent)))).toBe('NOT_FOUND');
    expect(rejection(() => runMutation(tx, 'feedback.record', feedback, ctx(agent)))).toBe('applied');
    const account = deterministicId('account');
    tx.put('account', {
      id: account,
      tenantId,
      version: 1,
      createdAt: clock,
      updatedAt: clock,
      name: 'Acme',
      domain: null,
      tier: 'standard',
      lifecycleStage: 'active',
      ownerId: null,
      renewalDate: null,
      annualValueMinor: 0,
      currency: 'USD',
      healthScore: null,
      notes: '',
    } satisfies Account);
    const call = { id: deterministicId('call'), accountId: account, contactId: null, ticketId: null, kind: 'call', summary: 'Called' };
    expect(rejection(() => runMutation(tx, 'interaction.log', { ...call, occurredAt: -1 }, ctx(supervisor)))).toBe('VALIDATION');
    expect(rejection(() => runMutation(tx, 'interaction.log', { ...call, occurredAt: clock }, ctx(agent)))).toBe('FORBIDDEN');
    expect(rejection(() => runMutation(tx, 'interaction.log', { ...call, occurredAt: clock }, ctx(supervisor)))).toBe('applied');
  });

  it('refuses a negative annual value, an unknown owner and a primary contact of another account, saving nothing', () => {
    const id = deterministicId('account-fields');
    const account = {
      id,
      tenantId,
      version: 1,
      createdAt: clock,
      updatedAt: clock,
      name: 'Globex',
      domain: null,
      tier: 'standard',
      lifecycleStage: 'active',
      ownerId: null,
      renewalDate: '2027-01-31',
      annualValueMinor: 100,
      currency: 'USD',
      healthScore: null,
      notes: '',
    } satisfies Account;
    tx.put('account', account);
    const update = (changes: object) => rejection(() => runMutation(tx, 'account.update', { id, changes }, ctx(supervisor)));
    expect(update({ annualValueMinor: -1 })).toBe('VALIDATION');
    expect(update({ ownerId: deterministicId('nobody') })).toBe('NOT_FOUND');
    // Ada belongs to no account, so she cannot be this one's primary contact.
    expect(update({ primaryContactId: contactId })).toBe('RULE_VIOLATION');
    expect(update({ primaryContactId: deterministicId('no-contact') })).toBe('NOT_FOUND');
    expect(tx.get('account', id)).toEqual(account);
    // A renewal date in the past is allowed (the console flags it), as is a contact of the account.
    expect(update({ renewalDate: '2020-01-31' })).toBe('applied');
    tx.put('contact', { ...tx.get('contact', contactId)!, accountId: id });
    expect(update({ primaryContactId: contactId })).toBe('applied');
    expect(tx.get('account', id)).toMatchObject({ renewalDate: '2020-01-31', primaryContactId: contactId, annualValueMinor: 100 });
  });

  it('keeps a private macro its owner’s: naming oneself its owner takes nothing over', () => {
    const macro = { id: deterministicId('private'), title: 'Mine', body: 'b', replyKind: 'note', actions: {}, active: true };
    expect(rejection(() => runMutation(tx, 'macro.upsert', { ...macro, ownerId: agent.id }, ctx(agent)))).toBe('applied');
    expect(rejection(() => runMutation(tx, 'macro.upsert', { ...macro, ownerId: otherAgent.id }, ctx(otherAgent)))).toBe('NOT_FOUND');
    expect(rejection(() => runMutation(tx, 'macro.upsert', { ...macro, ownerId: null }, ctx(supervisor)))).toBe('NOT_FOUND');
    expect(rejection(() => runMutation(tx, 'macro.upsert', { ...macro, ownerId: otherAgent.id }, ctx(agent)))).toBe('FORBIDDEN');
    expect(tx.get('macro', macro.id)?.ownerId).toBe(agent.id);
  });
});
