/**
 * The server's SLA step: every commit stores the snapshot Core computes from the same log, a
 * target met or breached is recorded once as an event by automation:sla, and a breach with no
 * console online is recorded by its job, once across two instances, reaching consoles as one event,
 * with its policy's breach actions done once each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketEvent } from '../../shared/domain/records.ts';
import type { SlaPolicy } from '../../shared/sla/records.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { clockSteps } from '../../shared/sla/clock.ts';
import { calendarVersions, orderedPolicies } from '../../shared/sla/ticket-sla-records.ts';
import { slaAsOf, ticketFacts, ticketSla } from '../../shared/sla/ticket-sla.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, setUp, type Fixture } from '../testing/fixture.ts';
import { writeRecords } from '../sync/commit.ts';
import { createUser } from '../admin/operations.ts';
import { PASSWORD } from '../testing/fixture.ts';
import { slaBreachJob } from './sla-breach-job.ts';
import { clockLogOf } from './clock-log.ts';
import { decodeClockSteps } from '../../shared/sla/clock-codec.ts';

const MINUTE = 60_000;

describe.each(backends)('SLA timers on the server ($name)', (backend) => {
  let f: Fixture;
  let policy: SlaPolicy;

  beforeAll(async () => {
    f = await setUp(backend);
    const at = Date.now();
    const targets = {
      firstReply: { minutes: 60, hours: 'calendar' as const },
      nextReply: { minutes: 120, hours: 'calendar' as const },
      resolution: { minutes: 600, hours: 'calendar' as const },
    };
    policy = {
      id: uuidv7(),
      tenantId: f.tenantId,
      version: 0,
      createdAt: at,
      updatedAt: at,
      name: 'Everyone',
      position: 0,
      conditions: {},
      targets: { low: targets, normal: targets, high: targets, urgent: targets },
      calendarId: null,
      atRiskShare: 0.75,
      runningStatuses: ['new', 'open', 'on_hold'],
      breachActions: { notifyAssignee: false, notifySupervisors: false, raisePriority: false, escalate: false },
      active: true,
      revision: 1,
    };
    await f.db.transaction((q) => writeRecords(q, f.tenantId, [{ entity: 'sla_policy', id: policy.id, row: policy }]));
  });
  afterAll(() => f.close());

  const ticketOf = async (id: string) =>
    (await f.db.query<{ data: Ticket }>("SELECT data FROM records WHERE entity = 'ticket' AND id = $1", [id])).rows[0]!.data;
  const eventsOf = async (id: string) =>
    (
      await f.db.query<{ data: TicketEvent }>("SELECT data FROM records WHERE entity = 'ticket_event' AND data ->> 'ticketId' = $1", [id])
    ).rows
      .map((r) => r.data)
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const slaEvents = async (id: string) => (await eventsOf(id)).filter((e) => e.kind === 'sla');

  /** A new ticket (the customer's first message) and when the server says it was made. */
  async function created(): Promise<{ id: string; start: number }> {
    const agent = await f.client(f.users.agent);
    const t = newTicket(f, f.teams.billing.id, 'Printer on fire');
    const reply = await agent.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    expect(reply.body.results[0].status).toBe('applied');
    return { id: t.id, start: (await ticketOf(t.id)).createdAt };
  }

  it('stores the snapshot the engine computes from the log, and records a met first reply once', async () => {
    const { id, start } = await created();
    const ticket = await ticketOf(id);
    expect(ticket.sla?.firstReply).toMatchObject({ state: 'running', startedAt: start, dueAt: start + 60 * MINUTE });
    expect(ticket.firstReplyDueAt).toBe(start + 60 * MINUTE);
    // What Core computes from the same log and policy.
    const events = await eventsOf(id);
    const facts = ticketFacts(ticket, null, f.contact);
    expect(ticket.sla).toEqual(
      ticketSla(
        facts,
        clockSteps(events),
        orderedPolicies([{ ...policy, revision: ticket.sla!.policyVersion }]),
        calendarVersions([]),
        slaAsOf(events),
      ),
    );

    const agent = await f.client(f.users.agent);
    const reply = { id: uuidv7(), ticketId: id, kind: 'reply', body: 'On it' };
    await agent.push([{ id: 1, name: 'message.append', args: reply }]);
    await agent.push([{ id: 2, name: 'message.append', args: { ...reply, id: uuidv7(), kind: 'note' } }]);
    const after = await ticketOf(id);
    const replied = (await eventsOf(id)).find((e) => e.kind === 'message' && (e.to as { kind: string }).kind === 'reply')!;
    expect(after.sla?.firstReply).toMatchObject({ state: 'met', stoppedAt: replied.at });
    expect(after.firstReplyDueAt).toBeNull();
    const recorded = await slaEvents(id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ actorId: null, actorKind: 'automation', automation: 'automation:sla' });
    expect(recorded[0]!.to).toEqual({ metric: 'firstReply', state: 'met', startedAt: start, dueAt: start + 60 * MINUTE });
  });

  it('keeps each ticket’s clock beside it as its whole log gives it, late offline work too, and reads the log again when none is kept', async () => {
    const early = await f.client(f.users.agent);
    const { id, start } = await created();
    const agent = await f.client(f.users.agent);
    const kept = async () => {
      const { rows } = await f.db.query<{ steps: string; as_of: unknown; recorded: string }>(
        'SELECT steps, as_of, recorded FROM ticket_clocks WHERE ticket_id = $1',
        [id],
      );
      return rows.map((r) => ({ steps: decodeClockSteps(r.steps), asOf: Number(r.as_of), recorded: new Set(JSON.parse(r.recorded)) }))[0];
    };
    const expectTheLog = async () => {
      const events = await eventsOf(id);
      expect(await kept()).toEqual(clockLogOf(events));
      const ticket = await ticketOf(id);
      expect(ticket.sla).toEqual(
        ticketSla(
          ticketFacts(ticket, null, f.contact),
          clockSteps(events),
          orderedPolicies([{ ...policy, revision: ticket.sla!.policyVersion }]),
          calendarVersions([]),
          slaAsOf(events),
        ),
      );
    };
    await agent.push([
      { id: 1, name: 'ticket.update', args: { id, priority: 'urgent' } },
      { id: 2, name: 'message.append', args: { id: uuidv7(), ticketId: id, kind: 'reply', body: 'On it' } },
    ]);
    await expectTheLog();
    // Queued offline before the change above: its event lands earlier in the log (between its kept steps).
    await early.push([{ id: 1, name: 'ticket.update', args: { id, priority: 'low' }, clientTime: start + 1 }]);
    await expectTheLog();
    // A log that grew outside a commit loses its kept clock (demo/bulk-records.ts); the next commit reads the log.
    await f.db.query('DELETE FROM ticket_clocks WHERE ticket_id = $1', [id]);
    await agent.push([{ id: 3, name: 'ticket.update', args: { id, priority: 'high' } }]);
    await expectTheLog();
  });

  it('records a breach nobody was there to see once, by its job, across two instances, and consoles pull it as one event', async () => {
    const { id, start } = await created();
    const due = start + 60 * MINUTE;
    const agent = await f.client(f.users.agent);
    const { cursor } = await agent.pullAll(null);

    const late = () => due + 5 * MINUTE;
    const a = createJobRunner({ db: f.db, kinds: [slaBreachJob], now: late });
    const b = createJobRunner({ db: f.db, kinds: [slaBreachJob], now: late });
    await Promise.all([a.tick(), b.tick()]);
    await Promise.all([a.tick(), b.tick()]);

    const recorded = await slaEvents(id);
    expect(recorded.map((e) => e.to)).toEqual([{ metric: 'firstReply', state: 'breached', startedAt: start, dueAt: due }]);
    expect(recorded[0]!.at).toBe(late());
    const ticket = await ticketOf(id);
    expect(ticket.sla?.firstReply).toMatchObject({ state: 'breached', dueAt: due });
    expect(ticket.sla?.breached).toBe(true);

    const pulled = await agent.pullAll(cursor);
    const events = pulled.changes.filter((c) => c.op === 'put' && c.entity === 'ticket_event' && c.row.kind === 'sla');
    expect(events).toHaveLength(1);
    expect(events[0]!.op === 'put' && events[0]!.row).toMatchObject({ kind: 'sla', ticketId: id });
  });
  it('does the policy’s breach actions once each across two instances: tells the assignee and the team’s supervisors, raises the priority, escalates', async () => {
    const lead = await createUser(f.db, 'test', {
      tenantId: f.tenantId,
      email: 'lead@acme.test',
      name: 'lead',
      password: PASSWORD,
      role: 'supervisor',
      teamIds: [f.teams.billing.id],
    });
    const acting = {
      ...policy,
      revision: 2,
      breachActions: { notifyAssignee: true, notifySupervisors: true, raisePriority: true, escalate: true },
    };
    await f.db.transaction((q) => writeRecords(q, f.tenantId, [{ entity: 'sla_policy', id: policy.id, row: acting }]));
    const agent = await f.client(f.users.agent);
    const t = newTicket(f, f.teams.billing.id, 'Refund missing', { assigneeId: f.users.agent.id, priority: 'normal' });
    expect((await agent.push([{ id: 1, name: 'ticket.create', args: t.args }])).body.results[0].status).toBe('applied');
    const start = (await ticketOf(t.id)).createdAt;
    const due = start + 60 * MINUTE;
    const { cursor } = await agent.pullAll(null);

    const late = () => due + 5 * MINUTE;
    const a = createJobRunner({ db: f.db, kinds: [slaBreachJob], now: late });
    const b = createJobRunner({ db: f.db, kinds: [slaBreachJob], now: late });
    for (let round = 0; round < 3; round++) await Promise.all([a.tick(), b.tick()]);

    const events = await eventsOf(t.id);
    const byAutomation = events.filter((e) => e.automation === 'automation:sla');
    expect(byAutomation.map((e) => e.kind).sort()).toEqual(['escalated', 'priority', 'sla', 'sla', 'sla']);
    const notified = byAutomation.filter((e) => e.kind === 'sla' && (e.to as { state: string }).state === 'notified').map((e) => e.to);
    expect(notified).toContainEqual({
      metric: 'firstReply',
      state: 'notified',
      startedAt: start,
      dueAt: due,
      audience: 'assignee',
      userIds: [f.users.agent.id],
    });
    expect(notified).toContainEqual({
      metric: 'firstReply',
      state: 'notified',
      startedAt: start,
      dueAt: due,
      audience: 'supervisors',
      userIds: [lead.id],
    });
    expect(byAutomation.find((e) => e.kind === 'priority')).toMatchObject({ from: 'normal', to: 'high', at: late() });
    expect(byAutomation.find((e) => e.kind === 'escalated')).toMatchObject({ from: 1, to: { tier: 2, slaBreach: 'firstReply' } });
    const ticket = await ticketOf(t.id);
    expect(ticket).toMatchObject({ priority: 'high', escalationTier: 2 });
    // The breach stands under the raised priority; the other timers are re-targeted to it.
    expect(ticket.sla?.firstReply).toMatchObject({ state: 'breached', dueAt: due });

    // The assignee's console pulls the notice that names them, once.
    const pulled = await agent.pullAll(cursor);
    const notices = pulled.changes.filter(
      (c) => c.op === 'put' && c.entity === 'ticket_event' && c.row.kind === 'sla' && (c.row.to as { state: string }).state === 'notified',
    );
    expect(notices).toHaveLength(2);

    // A job that runs again (its completion lost) finds every effect already applied.
    const { rows } = await f.db.query<{ result: { breach: string; actions: Record<string, string> } }>(
      "SELECT result FROM jobs WHERE kind = 'sla.breach' AND payload ->> 'ticketId' = $1 AND state = 'done'",
      [t.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.result).toEqual({
      breach: 'applied',
      actions: { notifyAssignee: 'applied', notifySupervisors: 'applied', raisePriority: 'applied', escalate: 'applied' },
    });
    await f.db.query("UPDATE jobs SET state = 'queued' WHERE kind = 'sla.breach' AND payload ->> 'ticketId' = $1 AND state = 'done'", [
      t.id,
    ]);
    await Promise.all([a.tick(), b.tick()]);
    expect((await eventsOf(t.id)).length).toBe(events.length);
  });
});
