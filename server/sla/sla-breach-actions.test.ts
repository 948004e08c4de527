/**
 * A breach no job was waiting for: a priority raised past the time already counted breaches at the
 * change, found by the commit itself. Its policy's breach actions still happen, once, by the job
 * the commit enqueues for that instant. The server runs on a test clock, so the console's times
 * stand as it sent them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketEvent } from '../../shared/domain/records.ts';
import { uuidv7 } from '../../shared/ids.ts';
import type { SlaPolicy } from '../../shared/sla/records.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { writeRecords } from '../sync/commit.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, setUp, type Fixture } from '../testing/fixture.ts';
import { slaBreachJob } from './sla-breach-job.ts';

const MINUTE = 60_000;

describe.each(backends)('breach actions for a breach a commit found ($name)', (backend) => {
  let clock = Date.UTC(2026, 4, 12, 9);
  let f: Fixture;

  beforeAll(async () => {
    // Sessions outlast the test's hour, so the pushes need no refresh.
    f = await setUp(backend, { now: () => clock, jobs: false, auth: { accessTokenTtlMs: 24 * 60 * MINUTE } });
    const policy: SlaPolicy = {
      id: uuidv7(),
      tenantId: f.tenantId,
      version: 0,
      createdAt: clock,
      updatedAt: clock,
      name: 'Everyone',
      position: 0,
      conditions: {},
      targets: {
        normal: { firstReply: { minutes: 60, hours: 'calendar' } },
        urgent: { firstReply: { minutes: 30, hours: 'calendar' } },
      },
      calendarId: null,
      atRiskShare: 0.75,
      runningStatuses: ['new', 'open', 'on_hold'],
      breachActions: { notifyAssignee: true, notifySupervisors: false, raisePriority: true, escalate: true },
      active: true,
      revision: 1,
    };
    await f.db.transaction((q) => writeRecords(q, f.tenantId, [{ entity: 'sla_policy', id: policy.id, row: policy }]));
  });
  afterAll(() => f.close());

  it('notifies and escalates once when a priority change breaches a timer, and leaves urgent as it is', async () => {
    const agent = await f.client(f.users.agent);
    const t = newTicket(f, f.teams.billing.id, 'Site down', { assigneeId: f.users.agent.id });
    expect((await agent.push([{ id: 1, name: 'ticket.create', args: t.args, clientTime: clock }])).body.results[0].status).toBe('applied');
    const start = clock;

    // 45 minutes counted; urgent allows 30: breached at the change.
    clock += 45 * MINUTE;
    const changed = clock;
    expect(
      (await agent.push([{ id: 2, name: 'ticket.update', args: { id: t.id, priority: 'urgent' }, clientTime: clock }])).body.results[0]
        .status,
    ).toBe('applied');
    const ticketOf = async () =>
      (await f.db.query<{ data: Ticket }>("SELECT data FROM records WHERE entity = 'ticket' AND id = $1", [t.id])).rows[0]!.data;
    expect((await ticketOf()).sla?.firstReply).toMatchObject({ state: 'breached', dueAt: changed });

    const a = createJobRunner({ db: f.db, kinds: [slaBreachJob], now: () => clock });
    const b = createJobRunner({ db: f.db, kinds: [slaBreachJob], now: () => clock });
    for (let round = 0; round < 3; round++) await Promise.all([a.tick(), b.tick()]);

    const { rows } = await f.db.query<{ data: TicketEvent }>(
      "SELECT data FROM records WHERE entity = 'ticket_event' AND data ->> 'ticketId' = $1 AND data ->> 'automation' = 'automation:sla'",
      [t.id],
    );
    const events = rows.map((r) => r.data);
    // The breach itself was recorded by the commit; the job added what the policy asks, once each.
    expect(events.map((e) => e.kind).sort()).toEqual(['escalated', 'sla', 'sla']);
    expect(events.find((e) => e.kind === 'sla' && (e.to as { state: string }).state === 'breached')?.to).toEqual({
      metric: 'firstReply',
      state: 'breached',
      startedAt: start,
      dueAt: changed,
    });
    expect(events.find((e) => e.kind === 'sla' && (e.to as { state: string }).state === 'notified')?.to).toEqual({
      metric: 'firstReply',
      state: 'notified',
      startedAt: start,
      dueAt: changed,
      audience: 'assignee',
      userIds: [f.users.agent.id],
    });
    // Already urgent: raising the priority had nothing to do.
    expect(await ticketOf()).toMatchObject({ priority: 'urgent', escalationTier: 2 });
  });
});
