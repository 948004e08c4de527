import { describe, expect, it } from 'vitest';
import { AGENT_A, AGENT_B, feedbackFact, TicketLog } from '../../test/support/metrics-facts.ts';
import { computeMetrics } from './compute.ts';
import type { FeedbackFact, MetricsFacts } from './facts.ts';
import { computeMyDay, MyDay } from './my-day.ts';

const H = 3_600_000;
const D = 24 * H;
// 15:00 in Shanghai: "today" there began at 16:00 UTC the day before.
const NOW = Date.parse('2026-06-30T07:00:00Z');
const TODAY = Date.parse('2026-06-29T16:00:00Z');
const ZONE = 'Asia/Shanghai';
const facts = (logs: TicketLog[], feedback: FeedbackFact[] = []): MetricsFacts => ({
  tickets: logs.map((l) => l.ticket),
  events: logs.flatMap((l) => l.events),
  feedback,
  presence: [],
  calendars: new Map(),
});

describe('my day: the strip above an agent’s queue', () => {
  it('counts what I solved and replied today in my time zone, and my CSAT of the last 30 days', () => {
    const mine = new TicketLog({ createdAt: TODAY - 2 * D, assigneeId: AGENT_A })
      .inbound(TODAY - 2 * D)
      .reply(TODAY - H) // yesterday in Shanghai: not today
      .reply(TODAY + H)
      .reply(TODAY + 2 * H)
      .status(TODAY + 3 * H, 'open', 'solved');
    const colleagues = new TicketLog({ createdAt: TODAY + H, assigneeId: AGENT_B })
      .inbound(TODAY + H)
      .reply(TODAY + 2 * H) // my reply on a colleague's ticket counts as mine
      .automatedReply(TODAY + 2 * H) // no one's reply
      .status(TODAY + 4 * H, 'new', 'solved'); // their solve, not mine
    const old = new TicketLog({ createdAt: TODAY - 40 * D, assigneeId: AGENT_A }).status(TODAY - 35 * D, 'new', 'solved');
    const answers = [
      feedbackFact('csat', 5, TODAY - 10 * D, old.ticket.id),
      feedbackFact('csat', 2, TODAY - 3 * D, old.ticket.id),
      feedbackFact('csat', 4, TODAY - 31 * D, old.ticket.id), // before the 30 days
      feedbackFact('csat', 5, TODAY + 5 * H, colleagues.ticket.id), // about a colleague's ticket
    ];
    const day = computeMyDay(facts([mine, colleagues, old], answers), AGENT_A, { timeZone: ZONE }, NOW);
    expect(MyDay.parse(day)).toEqual(day);
    expect(day).toEqual({ date: '2026-06-30', solved: 1, replies: 3, csat: { days: 30, ratings: 2, satisfied: 1, score: 0.5 } });
  });

  it('credits a solve to whoever held the ticket when it was solved', () => {
    const handedOver = new TicketLog({ createdAt: TODAY + H, assigneeId: AGENT_B })
      .assignee(TODAY + H, null, AGENT_A)
      .status(TODAY + 2 * H, 'new', 'solved')
      .assignee(TODAY + 3 * H, AGENT_A, AGENT_B);
    expect(computeMyDay(facts([handedOver]), AGENT_A, { timeZone: ZONE }, NOW).solved).toBe(1);
    expect(computeMyDay(facts([handedOver]), AGENT_B, { timeZone: ZONE }, NOW).solved).toBe(0);
  });

  it('is zero on a day with nothing done, and says so rather than failing', () => {
    expect(computeMyDay(facts([]), AGENT_A, {}, NOW)).toEqual({
      date: '2026-06-30',
      solved: 0,
      replies: 0,
      csat: { days: 30, ratings: 0, satisfied: 0, score: null },
    });
  });

  it('refuses an unknown time zone with a validation error', () => {
    expect(() => computeMyDay(facts([]), AGENT_A, { timeZone: 'Mars/Olympus' }, NOW)).toThrow();
  });

  it('agrees with the metrics screen’s per-agent row, for today and for 30 days, on random data', () => {
    let seed = 7;
    const r = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const logs: TicketLog[] = [];
    const answers: FeedbackFact[] = [];
    for (let i = 0; i < 300; i++) {
      const createdAt = NOW - Math.floor(r() * 40 * D);
      const log = new TicketLog({ createdAt, assigneeId: r() < 0.5 ? AGENT_A : AGENT_B }).inbound(createdAt);
      let at = createdAt;
      while (r() < 0.6 && at < NOW) log.reply((at += Math.floor(r() * 12 * H)), r() < 0.5 ? AGENT_A : AGENT_B);
      if (r() < 0.3) log.assignee((at += H), log.ticket.assigneeId, r() < 0.5 ? AGENT_A : AGENT_B);
      if (r() < 0.7) {
        log.status((at += H), 'new', 'solved');
        if (r() < 0.6) answers.push(feedbackFact('csat', 1 + Math.floor(r() * 5), at + H, log.ticket.id));
      }
      logs.push(log);
    }
    // Some replies fall after NOW: neither side counts what has not happened yet.
    const all = facts(logs, answers);
    const row = (period: 'today' | '30d', agent: string) =>
      computeMetrics(all, { period, timeZone: ZONE, compare: false }, NOW).agents.find((a) => a.agentId === agent);
    for (const agent of [AGENT_A, AGENT_B]) {
      const day = computeMyDay(all, agent, { timeZone: ZONE }, NOW);
      expect(day.solved).toBe(row('today', agent)?.solved ?? 0);
      expect(day.replies).toBe(row('today', agent)?.replies ?? 0);
      const { days, ...csat } = day.csat;
      expect(days).toBe(30);
      expect(csat).toEqual(row('30d', agent)?.csat ?? { ratings: 0, satisfied: 0, score: null });
    }
    expect(computeMyDay(all, AGENT_A, { timeZone: ZONE }, NOW).replies + computeMyDay(all, AGENT_B, { timeZone: ZONE }, NOW).replies).toBe(
      all.events.filter((e) => e.kind === 'message' && (e.to as { kind: string }).kind === 'reply' && e.at >= TODAY && e.at <= NOW).length,
    );
  });
});
