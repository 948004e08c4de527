/**
 * The property issue 13 asks for: for random event histories, the console and the server compute
 * identical SLA timers. A real Core (SQLite) works offline on one ticket at a time, a seeded random
 * history of customer messages, replies, notes, status changes (pending pauses, solved stops, a
 * reopen resumes) and priority changes, hours apart across a business calendar with a lunch break,
 * a holiday and a daylight-saving change; its own snapshot is read before anything is pushed. Then
 * it syncs, and the server's snapshot, computed by its commit path from the log it stored, must be
 * the same, field for field. One shared test clock drives both, so the console's acted-at times
 * stand as they were.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../../../shared/domain/enums.ts';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { createRandom } from '../../../../shared/demo/random.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import type { BusinessCalendar, SlaPolicy } from '../../../../shared/sla/records.ts';
import { writeRecords } from '../../../../server/sync/commit.ts';
import { backends } from '../../../../server/testing/backends.ts';
import { newTicket, PASSWORD, setUp, type Fixture } from '../../../../server/testing/fixture.ts';
import { type Core, openCore } from '../../index.ts';
import { call, tempDir } from '../../testing/fixtures.ts';

const MINUTE = 60_000;
// Thursday 5 March 2026, 14:00 UTC: the histories run into New York's spring-forward weekend.
let clock = Date.UTC(2026, 2, 5, 14);
let f: Fixture;
let core: Core;

/** A live socket that never connects: the console hears of nothing until it syncs. */
class SilentSocket {
  readyState = 0;
  onopen = null;
  onmessage = null;
  onclose = null;
  send(): void {}
  close(): void {}
}

beforeAll(async () => {
  f = await setUp(backends[0]!, { now: () => clock, jobs: false });
  const base = { tenantId: f.tenantId, version: 0, createdAt: clock, updatedAt: clock, active: true, revision: 1 };
  const calendar: BusinessCalendar = {
    ...base,
    id: uuidv7(),
    name: 'New York',
    timeZone: 'America/New_York',
    weeklyHours: [1, 2, 3, 4, 5].flatMap((day) => [
      { day, start: '09:00', end: '12:30' },
      { day, start: '13:30', end: '18:00' },
    ]),
    holidays: [{ date: '2026-03-10', name: 'A closed Tuesday' }],
  };
  const business = (minutes: number) => ({ minutes, hours: 'business' as const });
  const around = (minutes: number) => ({ minutes, hours: 'calendar' as const });
  const policy: SlaPolicy = {
    ...base,
    id: uuidv7(),
    name: 'Mixed hours',
    position: 0,
    conditions: {},
    targets: {
      low: { resolution: business(2400) },
      normal: { firstReply: business(240), nextReply: business(480), resolution: business(1440) },
      high: { firstReply: business(60), nextReply: around(240), resolution: business(600) },
      urgent: { firstReply: around(30), nextReply: around(60), resolution: around(240) },
    },
    calendarId: calendar.id,
    atRiskShare: 0.8,
    runningStatuses: ['new', 'open'],
    breachActions: { notifyAssignee: false, notifySupervisors: false, raisePriority: false, escalate: false },
  };
  await f.db.transaction((q) =>
    writeRecords(q, f.tenantId, [
      { entity: 'business_calendar', id: calendar.id, row: calendar },
      { entity: 'sla_policy', id: policy.id, row: policy },
    ]),
  );
  core = openCore({
    databasePath: join(tempDir(), 'parity.db'),
    transport: 'direct',
    now: () => clock,
    log: () => {},
    sync: {
      deviceName: 'parity console',
      retryBaseMs: 10,
      retryCapMs: 40,
      pollIntervalMs: 3_600_000,
      // Nothing leaves the console until the test syncs: its snapshots are its own.
      pushDebounceMs: 3_600_000,
      WebSocket: SilentSocket as unknown as typeof WebSocket,
    },
  });
  await call(core, 'session.signIn', { serverUrl: f.server.url, email: f.users.agent.email, password: PASSWORD });
  await call(core, 'sync.now', {});
});

afterAll(async () => {
  core.close();
  await f.close();
});

const SLA_FIELDS = ['sla', 'slaPolicyId', 'firstReplyDueAt', 'nextReplyDueAt', 'resolutionDueAt'] as const;
const slaOf = (t: Ticket) => Object.fromEntries(SLA_FIELDS.map((k) => [k, t[k]]));

async function serverTicket(id: string): Promise<Ticket> {
  const { rows } = await f.db.query<{ data: Ticket }>("SELECT data FROM records WHERE entity = 'ticket' AND id = $1", [id]);
  return rows[0]!.data;
}

const consoleTicket = async (id: string) => (await call<{ ticket: Ticket }>(core, 'tickets.get', { id })).ticket;

/** One random history on a new ticket, made at the console; the steps it took, for a failure's message. */
async function history(seed: number): Promise<{ id: string; steps: string[] }> {
  const random = createRandom(seed);
  const t = newTicket(f, f.teams.billing.id, `History ${seed}`, { priority: random.pick(['low', 'normal', 'high', 'urgent']) });
  const steps: string[] = [];
  const run = async (name: string, args: unknown) => {
    steps.push(`${new Date(clock).toISOString()} ${name} ${JSON.stringify(args)}`);
    await call(core, 'mutations.run', { name, args });
  };
  await run('ticket.create', t.args);
  const count = random.int(4, 12);
  for (let i = 0; i < count; i++) {
    // Minutes to a day and a half apart, so histories cross nights, weekends and the holiday.
    clock += random.pick([1, 7, 30, 95, 240, 600, 2000]) * MINUTE + random.int(0, 59) * 1000;
    const ticket = await consoleTicket(t.id);
    const status = ticket.status;
    const move = (to: TicketStatus) => run('ticket.setStatus', { id: t.id, status: to, base: status });
    const action = random.weighted([
      ['inbound', 4],
      ['reply', 4],
      ['note', 1],
      ['status', 3],
      ['priority', 2],
    ] as const);
    if (action === 'priority') await run('ticket.update', { id: t.id, priority: random.pick(['low', 'normal', 'high', 'urgent']) });
    else if (action === 'status') {
      if (status === 'solved') await move('open');
      else await move(random.pick(['open', 'pending', 'on_hold', 'solved'] as const));
    } else await run('message.append', { id: uuidv7(), ticketId: t.id, kind: action, body: `${action} ${i}` });
  }
  return { id: t.id, steps };
}

describe('SLA timers, console and server', () => {
  it('are identical for random event histories', { timeout: 120_000 }, async () => {
    let compared = 0;
    const states = new Set<string>();
    for (let seed = 1; seed <= 16; seed++) {
      const { id, steps } = await history(seed);
      const mine = slaOf(await consoleTicket(id)) as Pick<Ticket, (typeof SLA_FIELDS)[number]>;
      // Computed by the console alone: none of the history has reached the server yet.
      expect((await call<{ pendingMutations: number }>(core, 'sync.status', {})).pendingMutations).toBe(steps.length);
      for (const timer of [mine.sla?.firstReply, mine.sla?.nextReply, mine.sla?.resolution]) if (timer) states.add(timer.state);
      await call(core, 'sync.now', {});
      const theirs = slaOf(await serverTicket(id));
      expect(theirs, `seed ${seed}:\n${steps.join('\n')}`).toEqual(mine);
      // And the console, holding the server's rows now, still reads the same.
      expect(slaOf(await consoleTicket(id))).toEqual(mine);
      if (mine.sla) compared++;
    }
    // The histories did run clocks (a policy covers every ticket), and ended in every state.
    expect(compared).toBe(16);
    expect([...states].sort()).toEqual(['breached', 'met', 'paused', 'running']);
  });
});
