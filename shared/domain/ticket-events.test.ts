import { describe, expect, it } from 'vitest';
import { createDemoData } from '../demo/generate.ts';
import { deterministicId } from '../ids.ts';
import { MemoryTx } from '../sync/memory-tx.ts';
import { runMutation, type MutatorContextWithIds } from '../sync/mutators.ts';
import type { Actor } from '../sync/tx.ts';
import { unrecordedTransitions } from '../sla/ticket-sla.ts';
import type { Contact, Team, TicketEvent, TicketSla, User } from './records.ts';
import { ticketEventChange } from './ticket-events.ts';

const NOW = Date.UTC(2026, 2, 10, 15, 30);
const tenantId = '00000000-0000-7000-8000-000000000001';
const team = '00000000-0000-7000-8000-0000000000b1';
const contactId = '00000000-0000-7000-8000-0000000000c1';
const agent: Actor = { id: '00000000-0000-7000-8000-0000000000a1', tenantId, role: 'agent', teamIds: [team] };
const colleague: Actor = { id: '00000000-0000-7000-8000-0000000000a2', tenantId, role: 'agent', teamIds: [team] };
const supervisor: Actor = { id: '00000000-0000-7000-8000-0000000000a3', tenantId, role: 'supervisor', teamIds: [team] };

/** A value's shape: its type, and for an object its fields' shapes (the values themselves differ). */
function shape(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value !== 'object') return typeof value;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${k}:${shape((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}
/** Every shape each kind of event takes in a log, e.g. status -> ["string->string"]. */
function shapes(events: readonly TicketEvent[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of events) {
    const set = out.get(e.kind) ?? new Set<string>();
    set.add(`${shape(e.from)}->${shape(e.to)}`);
    out.set(e.kind, set);
  }
  return out;
}

/** A working day done live, through the mutators every console and the server run. */
function liveEvents(): TicketEvent[] {
  const tx = new MemoryTx();
  let clock = NOW - 86_400_000;
  let mutation = 0;
  const ctx = (actor: Actor): MutatorContextWithIds => {
    const id = ++mutation;
    let n = 0;
    return { actor, now: (clock += 60_000), authoritative: true, newId: () => deterministicId('live', id, n++) };
  };
  const base = { tenantId, version: 1, createdAt: clock, updatedAt: clock };
  tx.put('team', { ...base, id: team, name: 'Billing', description: '' } satisfies Team);
  for (const a of [agent, colleague, supervisor])
    tx.put('user', {
      ...base,
      id: a.id,
      name: a.id,
      email: `${a.id}@example.com`,
      role: a.role,
      teamIds: [team],
      skills: [],
      capacity: 10,
      locale: 'en',
      active: true,
    } satisfies User);
  tx.put('contact', {
    ...base,
    id: contactId,
    accountId: null,
    name: 'Ada',
    email: 'ada@example.com',
    phone: null,
    title: null,
    customerType: 'loyal',
    locale: 'en',
  } satisfies Contact);
  const [one, two] = [deterministicId('t', 1), deterministicId('t', 2)];
  for (const id of [one, two])
    runMutation(
      tx,
      'ticket.create',
      {
        ticket: { id, subject: 'Invoice', channel: 'email', requesterId: contactId, teamId: team, priority: 'high' },
        message: { id: deterministicId('m', id), kind: 'inbound', body: 'Hello' },
      },
      ctx(agent),
    );
  const run = (name: string, args: unknown, actor = agent) => runMutation(tx, name, args, ctx(actor));
  run('ticket.assign', { id: one, assigneeId: agent.id, teamId: team, base: { assigneeId: null, teamId: team } });
  run('message.append', { id: deterministicId('m', 'r'), ticketId: one, kind: 'reply', body: 'On it' });
  run('message.append', { id: deterministicId('m', 'n'), ticketId: one, kind: 'note', body: 'Checked' });
  run('message.append', { id: deterministicId('m', 'i'), ticketId: one, kind: 'inbound', body: 'Thanks' }, colleague);
  run('ticket.update', { id: one, priority: 'urgent', type: 'incident' });
  run('ticket.tags', { id: one, add: ['vip'] });
  run('ticket.escalate', { id: one, tier: 2, reason: 'Needs engineering' });
  run('ticket.setStatus', { id: one, status: 'pending', base: 'open' });
  const category = deterministicId('category', 'billing');
  run('complaintCategory.upsert', { id: category, name: 'Billing error', description: '', position: 0 }, supervisor);
  run('ticket.markComplaint', { id: one, categoryId: category });
  run('ticket.setRootCause', { id: one, rootCause: 'Charged twice after a plan change' });
  run('ticket.setStatus', { id: one, status: 'solved', base: 'pending' });
  run('ticket.link', { id: one, otherId: two });
  run('ticket.merge', { sourceId: two, targetId: one });
  // SLA outcomes are no mutator's: the server's commit path records them from the ticket's
  // snapshot (server/sla/ticket-sla.ts), the transition as the event's `to`, as here.
  const snapshot = { firstReply: { state: 'met', startedAt: clock - 3_600_000, dueAt: clock } } as unknown as TicketSla;
  const outcomes = unrecordedTransitions(snapshot, new Set()).map((t): TicketEvent => ({
    id: deterministicId('sla', t.metric),
    tenantId,
    ticketId: one,
    kind: 'sla',
    actorId: null,
    from: null,
    to: { ...t },
    at: clock,
  }));
  return [...tx.all('ticket_event'), ...outcomes];
}

describe('the ticket event log', () => {
  const demo = [...createDemoData({ seed: 7, tickets: 400, now: NOW, batchSize: 400 }).batches].flatMap((b) => b.events);
  const live = liveEvents();

  it('is data of one typed shape, whoever writes it: every live and demo event is a TicketEventChange', () => {
    for (const e of [...live, ...demo]) expect(ticketEventChange(e), JSON.stringify(e)).not.toBeNull();
  });

  it('has the same shape, kind by kind, in the demo data as in live work', () => {
    const demoShapes = shapes(demo);
    const liveShapes = shapes(live);
    for (const [kind, seen] of demoShapes) expect([kind, [...seen]]).toEqual([kind, [...seen].filter((s) => liveShapes.get(kind)?.has(s))]);
    // What the demo writes covers the life of a ticket: created, messages, assignment, status, escalation, complaints.
    expect([...demoShapes.keys()].sort()).toEqual(
      expect.arrayContaining(['assignee', 'complaint', 'created', 'escalated', 'message', 'priority', 'root_cause', 'status']),
    );
  });

  it('logs each message of the demo threads once, as live work does, and no message is an English sentence', () => {
    const data = [...createDemoData({ seed: 7, tickets: 400, now: NOW, batchSize: 400 }).batches];
    const messages = data.flatMap((b) => b.messages);
    expect(messages.filter((m) => m.kind === 'system')).toEqual([]);
    const logged = demo.flatMap((e) => {
      const change = ticketEventChange(e);
      return change?.kind === 'message' ? [change.to.messageId] : [];
    });
    expect(logged.sort()).toEqual(messages.map((m) => m.id).sort());
  });

  it('reads a shape this version does not know as null, not as a guess', () => {
    expect(ticketEventChange({ kind: 'escalated', from: null, to: 'Escalated to tier 2 by Rachel Green.' })).toBeNull();
    expect(ticketEventChange({ kind: 'status', from: 'open', to: 'solved' })).toEqual({ kind: 'status', from: 'open', to: 'solved' });
  });
});
