/**
 * After a policy (or calendar) edit the server computes every open ticket's snapshot again, as a
 * job in slices, with no console online: the stored due times and the breach jobs move to the new
 * targets, what the edit does not move is not written again, and a solved ticket keeps its own.
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
import { slaBreachJob } from './sla-breach-job.ts';
import { SLA_RECOMPUTE_SLICE, slaRecomputeJob } from './sla-recompute-job.ts';

const MINUTE = 60_000;

describe.each(backends)('SLA timers computed again on the server after an edit ($name)', (backend) => {
  let f: Fixture;
  const policyId = uuidv7();
  const policy = (firstReplyMinutes: number, name = 'Everyone') => ({
    id: policyId,
    name,
    position: 0,
    conditions: {},
    targets: { normal: { firstReply: { minutes: firstReplyMinutes, hours: 'calendar' }, resolution: { minutes: 600, hours: 'calendar' } } },
    calendarId: null,
    breachActions: { notifyAssignee: false, notifySupervisors: false, raisePriority: false, escalate: false },
  });

  beforeAll(async () => {
    f = await setUp(backend);
  });
  afterAll(() => f.close());

  const rows = async <T>(entity: string) =>
    (
      await f.db.query<{ data: T; version: string }>('SELECT data, version::text FROM records WHERE tenant_id = $1 AND entity = $2', [
        f.tenantId,
        entity,
      ])
    ).rows;
  const ticketsById = async () => new Map((await rows<Ticket>('ticket')).map((r) => [r.data.id, r]));
  const recomputeJobs = async () =>
    (await f.db.query<{ state: string }>("SELECT state FROM jobs WHERE kind = 'sla.recompute' AND tenant_id = $1", [f.tenantId])).rows;
  /** Runs every due recompute slice, as a server instance with no console online would. */
  const drain = async (now: () => number) => {
    const runner = createJobRunner({ db: f.db, kinds: [slaRecomputeJob, slaBreachJob], now });
    while ((await runner.tick()) > 0);
  };
  /** What Core computes for the ticket from its stored log and the policy as it now stands. */
  const expectedSla = async (ticket: Ticket) => {
    const events = (await rows<TicketEvent>('ticket_event'))
      .map((r) => r.data)
      .filter((e) => e.ticketId === ticket.id)
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    const stored = (await rows<SlaPolicy>('sla_policy')).map((r) => r.data);
    return ticketSla(
      ticketFacts(ticket, null, f.contact),
      clockSteps(events),
      orderedPolicies(stored),
      calendarVersions([]),
      slaAsOf(events),
    );
  };

  it(
    'moves every open ticket’s due times and breach jobs to the edited targets, slice by slice, and only those',
    { timeout: 60_000 },
    async () => {
      const admin = await f.client(f.users.admin);
      const agent = await f.client(f.users.agent);
      const made = await admin.push([{ id: 1, name: 'slaPolicy.upsert', args: policy(60) }]);
      expect(made.body.results[0], JSON.stringify(made.body.results[0])).toMatchObject({ status: 'applied' });
      await drain(Date.now);

      // More open tickets than one slice holds, and one solved.
      const created = Array.from({ length: SLA_RECOMPUTE_SLICE + 3 }, (_, i) => newTicket(f, f.teams.billing.id, `Order ${i}`));
      const reply = await agent.push(created.map((t, i) => ({ id: i + 1, name: 'ticket.create', args: t.args })));
      expect(reply.body.results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
      const solved = created[0]!.id;
      const solvedReply = await agent.push([
        { id: created.length + 1, name: 'ticket.setStatus', args: { id: solved, status: 'solved', base: 'new' } },
      ]);
      expect(solvedReply.body.results[0].status).toBe('applied');
      const before = await ticketsById();
      const open = created.slice(1).map((t) => before.get(t.id)!.data);
      for (const t of open) expect(t.firstReplyDueAt).toBe(t.createdAt + 60 * MINUTE);

      // The edit halves the first-reply target; nobody's console is online to recompute.
      expect((await admin.push([{ id: 2, name: 'slaPolicy.upsert', args: policy(30) }])).body.results[0].status).toBe('applied');
      await drain(Date.now);

      const after = await ticketsById();
      for (const t of open) {
        const now = after.get(t.id)!.data;
        expect(now.firstReplyDueAt).toBe(t.createdAt + 30 * MINUTE);
        expect(now.sla).toEqual(await expectedSla(now));
      }
      expect(after.get(solved)!.version).toBe(before.get(solved)!.version);
      // One walk of two slices (SLICE + 2 open tickets), both done.
      expect((await recomputeJobs()).filter((j) => j.state === 'done').length).toBeGreaterThanOrEqual(3);

      // The breach happens at the new due instant, recorded once; the old instant's job does nothing.
      const first = open[1]!;
      await drain(() => first.createdAt + 65 * MINUTE);
      const breaches = (await rows<TicketEvent>('ticket_event'))
        .map((r) => r.data)
        .filter((e) => e.ticketId === first.id && e.kind === 'sla' && (e.to as { state: string }).state === 'breached');
      expect(breaches.map((e) => (e.to as { dueAt: number }).dueAt)).toEqual([first.createdAt + 30 * MINUTE]);

      // An edit that moves no timer (a calendar no policy counts on) walks them all but writes none again.
      const settled = await ticketsById();
      const calendar = {
        id: uuidv7(),
        name: 'Support hours (Paris)',
        timeZone: 'Europe/Paris',
        weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
        holidays: [],
      };
      expect((await admin.push([{ id: 3, name: 'calendar.upsert', args: calendar }])).body.results[0].status).toBe('applied');
      await drain(() => first.createdAt + 65 * MINUTE);
      const untouched = await ticketsById();
      for (const [id, row] of settled) expect(untouched.get(id)!.version).toBe(row.version);
    },
  );
});
