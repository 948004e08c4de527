import { describe, expect, it } from 'vitest';
import type { TicketPriority, TicketStatus } from '../domain/enums.ts';
import type { TicketEvent } from '../domain/records.ts';
import { isOpenAt } from './business-time.ts';
import { CalendarSpec } from './calendar.ts';
import { clockSteps, slaClock, type SlaEvent } from './clock.ts';
import { parsePolicy } from './policy.ts';
import { createDemoData } from '../demo/generate.ts';
import { createRandom } from '../demo/random.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-01-06T12:00:00Z');
const at = (minutes: number) => T0 + minutes * MIN;

/** Events as the log holds them (with `from`, which the clock does not read). */
type LoggedEvent = SlaEvent & Pick<TicketEvent, 'from'>;

const created = (t: number, priority: TicketPriority = 'normal'): LoggedEvent => ({
  kind: 'created',
  from: null,
  to: { status: 'new', priority, channel: 'email' },
  at: t,
});
const message = (t: number, kind: 'inbound' | 'reply' | 'note', actorKind?: 'automation'): LoggedEvent => ({
  kind: 'message',
  from: null,
  to: { messageId: '00000000-0000-7000-8000-000000000001', kind },
  at: t,
  ...(actorKind ? { actorKind } : {}),
});
const status = (t: number, from: TicketStatus, to: TicketStatus): LoggedEvent => ({ kind: 'status', from, to, at: t });
const priority = (t: number, from: TicketPriority, to: TicketPriority): LoggedEvent => ({ kind: 'priority', from, to, at: t });

const calendarHours = (minutes: number) => ({ minutes, hours: 'calendar' as const });
const policy = parsePolicy({
  name: 'Standard',
  conditions: {},
  targets: {
    low: { resolution: calendarHours(2880) },
    normal: { firstReply: calendarHours(60), nextReply: calendarHours(120), resolution: calendarHours(240) },
    urgent: { firstReply: calendarHours(20), resolution: calendarHours(120) },
  },
});
const clock = (events: SlaEvent[], now: number) => slaClock({ steps: clockSteps(events), policy, calendar: null, now });

describe('reply clocks', () => {
  const opened = [created(at(0)), message(at(0), 'inbound')];

  it('are the same whatever order a store lists the events of one instant in (its ids are hashes)', () => {
    const natural = clock([created(at(0), 'urgent'), message(at(0), 'inbound')], at(5));
    const reversed = clock([message(at(0), 'inbound'), created(at(0), 'urgent')], at(5));
    expect(reversed).toEqual(natural);
    expect(reversed.firstReply).toMatchObject({ state: 'running', dueAt: at(20) });
  });

  it('pass over an event whose shape they cannot read, as if it were not in the log', () => {
    const unreadable = [
      { kind: 'message', from: null, to: { messageId: 'x', kind: 'carrier pigeon' }, at: at(10) },
      { kind: 'status', from: 'new', to: 'archived', at: at(12) },
      { kind: 'priority', from: 'normal', to: 7, at: at(14) },
    ] as unknown as LoggedEvent[];
    expect(clock([...opened, ...unreadable], at(30))).toEqual(clock(opened, at(30)));
  });

  it('run from the customer message to the next public agent reply; notes and automated replies do not stop them', () => {
    const events = [...opened, message(at(10), 'note'), message(at(20), 'reply', 'automation')];
    expect(clock(events, at(30)).firstReply).toMatchObject({
      state: 'running',
      startedAt: at(0),
      dueAt: at(60),
      atRiskAt: at(45),
      elapsedMinutes: 30,
      remainingMinutes: 30,
    });
    expect(clock([...events, message(at(50), 'reply')], at(500)).firstReply).toMatchObject({
      state: 'met',
      stoppedAt: at(50),
      dueAt: at(60),
      atRiskAt: at(45),
      elapsedMinutes: 50,
    });
  });

  it('a reply exactly at the due instant meets the target; running past it breaches at the due instant', () => {
    expect(clock([...opened, message(at(60), 'reply')], at(60)).firstReply?.state).toBe('met');
    expect(clock(opened, at(60)).firstReply).toMatchObject({ state: 'running', remainingMinutes: 0 });
    expect(clock(opened, at(90)).firstReply).toMatchObject({ state: 'breached', dueAt: at(60), remainingMinutes: -30 });
    expect(clock([...opened, message(at(90), 'reply')], at(100)).firstReply).toMatchObject({ state: 'breached', stoppedAt: at(90) });
  });

  it('a next-reply clock starts at the first customer message after a reply and is not restarted by another', () => {
    const events = [...opened, message(at(10), 'reply'), message(at(100), 'inbound'), message(at(110), 'inbound')];
    expect(clock(events, at(130)).nextReply).toMatchObject({ state: 'running', startedAt: at(100), dueAt: at(220) });
    expect(clock([...events, message(at(150), 'reply')], at(400)).nextReply).toMatchObject({ state: 'met', elapsedMinutes: 50 });
  });

  it('solving fulfils a reply clock still running; events after now are not yet counted', () => {
    const events = [...opened, status(at(30), 'new', 'solved')];
    expect(clock(events, at(100)).firstReply).toMatchObject({ state: 'met', stoppedAt: at(30) });
    expect(clock(events, at(20)).firstReply).toMatchObject({ state: 'running', elapsedMinutes: 20 });
  });
});

describe('the resolution clock', () => {
  it('pauses while pending (no due time then) and resumes where it stopped', () => {
    const events = [created(at(0)), message(at(0), 'inbound'), status(at(60), 'new', 'pending')];
    expect(clock(events, at(100)).resolution).toMatchObject({ state: 'paused', pausedSince: at(60), dueAt: null, elapsedMinutes: 60 });
    const resumed = [...events, status(at(180), 'pending', 'open')];
    expect(clock(resumed, at(240)).resolution).toMatchObject({ state: 'running', elapsedMinutes: 120, dueAt: at(360), atRiskAt: at(300) });
    // On hold runs it by default.
    expect(clock([...resumed, status(at(200), 'open', 'on_hold')], at(240)).resolution).toMatchObject({
      state: 'running',
      elapsedMinutes: 120,
    });
  });

  it('runs in the statuses the policy names', () => {
    const holdPauses = { ...policy, runningStatuses: ['new' as const, 'open' as const] };
    const events = [created(at(0)), status(at(30), 'new', 'on_hold')];
    expect(slaClock({ steps: clockSteps(events), policy: holdPauses, calendar: null, now: at(90) }).resolution).toMatchObject({
      state: 'paused',
      elapsedMinutes: 30,
    });
  });

  it('solving stops it as met; a reopen resumes it with the time already counted', () => {
    const events = [created(at(0)), status(at(100), 'new', 'solved')];
    expect(clock(events, at(1000)).resolution).toMatchObject({ state: 'met', stoppedAt: at(100), dueAt: at(240), elapsedMinutes: 100 });
    const reopened = [...events, status(at(1000), 'solved', 'open')];
    expect(clock(reopened, at(1050)).resolution).toMatchObject({ state: 'running', stoppedAt: null, elapsedMinutes: 150, dueAt: at(1140) });
    // Reopened and left running: it breaches at the instant the budget ran out.
    expect(clock(reopened, at(2000)).resolution).toMatchObject({ state: 'breached', dueAt: at(1140) });
    // Closing ends it.
    expect(clock([...events, status(at(500), 'solved', 'closed')], at(3000)).resolution).toMatchObject({
      state: 'met',
      stoppedAt: at(100),
    });
  });
});

describe('a priority change re-targets the clocks still open', () => {
  const opened = [created(at(0)), message(at(0), 'inbound')];

  it('the new target counts from the start of the cycle', () => {
    const raised = [...opened, priority(at(10), 'normal', 'urgent')];
    expect(clock(raised, at(15)).firstReply).toMatchObject({
      state: 'running',
      dueAt: at(20),
      atRiskAt: at(15),
      target: calendarHours(20),
    });
  });

  it('a raise past the new target breaches at the change; a breach stands when the priority is lowered', () => {
    const late = [...opened, priority(at(30), 'normal', 'urgent')];
    expect(clock(late, at(31)).firstReply).toMatchObject({ state: 'breached', dueAt: at(30) });
    expect(clock([...late, priority(at(40), 'urgent', 'normal')], at(41)).firstReply).toMatchObject({ state: 'breached', dueAt: at(30) });
  });

  it('lowering gives more time and clears at risk; a priority without that target drops the timer', () => {
    const events = [...opened, priority(at(50), 'normal', 'low')];
    expect(clock([created(at(0)), priority(at(50), 'normal', 'low')], at(60)).resolution).toMatchObject({
      state: 'running',
      dueAt: at(2880),
      atRiskAt: at(2160),
    });
    expect(clock(events, at(60)).firstReply).toBeNull();
  });

  it('a reopen takes the priority of the moment: a target already exceeded breaches at the reopen', () => {
    const events = [created(at(0)), status(at(200), 'new', 'solved'), priority(at(300), 'normal', 'urgent')];
    expect(clock(events, at(400)).resolution).toMatchObject({ state: 'met', target: calendarHours(240) });
    const reopened = [...events, status(at(400), 'solved', 'open')];
    expect(clock(reopened, at(401)).resolution).toMatchObject({ state: 'breached', dueAt: at(400), target: calendarHours(120) });
  });

  it('a clock that reaches its at-risk share exactly when it pauses keeps that instant', () => {
    // 180 of 240 minutes (75%) at 15:00, when the ticket goes pending.
    const events = [created(at(0)), status(at(180), 'new', 'pending')];
    expect(clock(events, at(200)).resolution).toMatchObject({ state: 'paused', atRiskAt: at(180), pausedSince: at(180) });
  });

  it('a met clock keeps the target it was met under', () => {
    const events = [...opened, message(at(30), 'reply'), priority(at(40), 'normal', 'urgent')];
    expect(clock(events, at(50)).firstReply).toMatchObject({ state: 'met', target: calendarHours(60) });
  });
});

describe('business-hour targets', () => {
  const newYork = CalendarSpec.parse({
    timeZone: 'America/New_York',
    weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
    holidays: [{ date: '2026-03-10', name: 'Closed Tuesday' }],
  });
  const business = parsePolicy({
    name: 'Business',
    conditions: {},
    targets: { normal: { firstReply: { minutes: 240, hours: 'business' }, resolution: { minutes: 960, hours: 'business' } } },
  });
  const friday = Date.parse('2026-03-06T21:00:00Z'); // 16:00 EST, the Friday before the clocks go forward

  it('count only open hours, across a weekend with a daylight-saving change and a holiday', () => {
    const events = [created(friday), message(friday, 'inbound')];
    const over = slaClock({ steps: clockSteps(events), policy: business, calendar: newYork, now: Date.parse('2026-03-09T14:00:00Z') });
    // One hour on Friday, then Monday 09:00 EDT (13:00 UTC): one more by 14:00 UTC; due at 12:00 EDT.
    expect(over.firstReply).toMatchObject({
      state: 'running',
      elapsedMinutes: 120,
      dueAt: Date.parse('2026-03-09T16:00:00Z'),
      atRiskAt: Date.parse('2026-03-09T15:00:00Z'),
    });
    // Sixteen business hours: Friday 1, Monday 8, Tuesday a holiday, Wednesday 7 -> Wednesday 16:00 EDT.
    expect(over.resolution?.dueAt).toBe(Date.parse('2026-03-11T20:00:00Z'));
  });

  it('a business-hour policy without a calendar is refused with a code', () => {
    expect(() => slaClock({ steps: clockSteps([created(friday)]), policy: business, calendar: null, now: friday })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});

describe('the event log as the demo writes it (the same events live work writes)', () => {
  it('gives every ticket its clocks: replied tickets stop the first-reply clock, solved ones the resolution clock', () => {
    const now = Date.UTC(2026, 2, 10, 15, 30);
    const batches = [...createDemoData({ seed: 7, tickets: 300, now, batchSize: 300 }).batches];
    const events = batches.flatMap((b) => b.events);
    const byTicket = new Map<string, typeof events>();
    for (const e of events) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e]);
    const targets = { firstReply: calendarHours(240), nextReply: calendarHours(480), resolution: calendarHours(2880) };
    const everyPriority = parsePolicy({
      name: 'All',
      conditions: {},
      targets: { low: targets, normal: targets, high: targets, urgent: targets },
    });
    const states = new Map<string, number>();
    for (const ticket of batches.flatMap((b) => b.tickets)) {
      const timers = slaClock({ steps: clockSteps(byTicket.get(ticket.id) ?? []), policy: everyPriority, calendar: null, now });
      const replied = ticket.firstReplyAt !== null;
      expect(timers.firstReply?.stoppedAt != null, ticket.id).toBe(replied || ticket.status === 'solved' || ticket.status === 'closed');
      if (replied) expect(timers.firstReply?.stoppedAt).toBe(ticket.firstReplyAt);
      const stopped = ticket.status === 'solved' || ticket.status === 'closed';
      expect(timers.resolution?.stoppedAt !== null, ticket.id).toBe(stopped);
      if (ticket.status === 'pending') expect(timers.resolution?.state).toMatch(/paused|breached/);
      for (const t of [timers.firstReply, timers.nextReply, timers.resolution]) if (t) states.set(t.state, (states.get(t.state) ?? 0) + 1);
    }
    expect([...states.keys()].sort()).toEqual(['breached', 'met', 'paused', 'running']);
  });
});

/** The demo's seeded generator (mulberry32), so a failure replays. */
function rng(seed: number): () => number {
  return createRandom(seed).next;
}

describe('the resolution clock against a minute-by-minute simulation', () => {
  const london = CalendarSpec.parse({
    timeZone: 'Europe/London',
    weeklyHours: [
      ...[1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '18:00' })),
      { day: 6, start: '22:00', end: '02:00', endsNextDay: true },
    ],
    holidays: [{ date: '2026-03-30', name: 'Closed Monday' }],
  });
  const budgets: Record<TicketPriority, number> = { low: 900, normal: 600, high: 240, urgent: 60 };
  const business = parsePolicy({
    name: 'Business',
    conditions: {},
    targets: Object.fromEntries(Object.entries(budgets).map(([p, minutes]) => [p, { resolution: { minutes, hours: 'business' } }])),
  });
  const runs = (s: TicketStatus) => s === 'new' || s === 'open' || s === 'on_hold';

  /** The rules of docs/sla.md, one minute at a time (events fall on whole minutes). */
  function simulate(events: SlaEvent[], start: number, now: number) {
    let budget = budgets.normal;
    let elapsed = 0;
    let stopped = false;
    let runningSince: number | null = start;
    let reachedAt: number | null = null;
    let breachedAt: number | null = null;
    const retarget = (m: number) => {
      if (breachedAt === null && elapsed > budget) breachedAt = m;
      reachedAt = elapsed === budget ? m : elapsed > budget ? reachedAt : null;
    };
    for (let m = start; m < now; m += MIN) {
      for (const e of events.filter((x) => x.at === m)) {
        if (e.kind === 'priority') {
          budget = budgets[e.to as TicketPriority];
          if (!stopped) retarget(m);
        } else if (e.kind === 'status') {
          const to = e.to as TicketStatus;
          if (to === 'solved' || to === 'closed') stopped = true;
          else {
            if (stopped) {
              stopped = false;
              retarget(m);
            }
            runningSince = runs(to) ? (runningSince ?? m) : null;
            continue;
          }
          runningSince = null;
        }
      }
      const running = !stopped && runningSince !== null;
      if (running && breachedAt === null && reachedAt !== null) breachedAt = Math.max(reachedAt, runningSince!);
      if (running && isOpenAt(london, m) && ++elapsed === budget) reachedAt = m + MIN;
    }
    const running = !stopped && runningSince !== null;
    return { state: breachedAt !== null ? 'breached' : stopped ? 'met' : running ? 'running' : 'paused', elapsed, breachedAt };
  }

  it('agrees on random histories of status and priority changes, over a daylight-saving change', () => {
    const r = rng(42);
    const statuses: TicketStatus[] = ['open', 'pending', 'on_hold', 'solved', 'open', 'closed'];
    const priorities: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
    for (let run = 0; run < 100; run++) {
      const start = Date.parse('2026-03-27T06:00:00Z') + Math.floor(r() * 3 * 1440) * MIN;
      const events: SlaEvent[] = [created(start)];
      let current: TicketStatus = 'new';
      let prio: TicketPriority = 'normal';
      let t = start;
      for (let i = 0; i < Math.floor(r() * 10); i++) {
        t += Math.floor(r() * 900) * MIN;
        if (r() < 0.35) {
          const to = priorities[Math.floor(r() * 4)]!;
          if (to !== prio) events.push(priority(t, prio, to));
          prio = to;
        } else if (current !== 'closed') {
          const to = statuses[Math.floor(r() * statuses.length)]!;
          if (to === 'closed' && current !== 'solved') continue;
          if (to !== current) events.push(status(t, current, to));
          current = to;
        }
      }
      const now = t + Math.floor(r() * 1440) * MIN;
      const expected = simulate(events, start, now);
      const got = slaClock({ steps: clockSteps(events), policy: business, calendar: london, now }).resolution!;
      const context = JSON.stringify({
        start: new Date(start).toISOString(),
        now: (now - start) / MIN,
        events: events.map((e) => [e.kind, e.to, (e.at - start) / MIN]),
      });
      expect({ state: got.state, elapsed: got.elapsedMinutes, breachedAt: got.state === 'breached' ? got.dueAt : null }, context).toEqual(
        expected,
      );
    }
  });
});
