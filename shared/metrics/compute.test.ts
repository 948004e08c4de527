import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { AGENT_A, AGENT_B, feedbackFact, TEAM_1, TEAM_2, TicketLog } from '../../test/support/metrics-facts.ts';
import { computeMetrics, startReport } from './compute.ts';
import type { EventFact, FeedbackFact, MetricsFacts, TicketFact } from './facts.ts';
import type { MetricsQueryInput } from './query.ts';
import { MetricsReport } from './report.ts';

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.parse('2026-06-30T12:00:00Z');
const START = Date.parse('2026-06-01T00:00:00Z'); // 30d in UTC at NOW: 1 June to 30 June

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomFacts(seed: number, count: number): MetricsFacts {
  const r = random(seed);
  const tickets: TicketFact[] = [];
  const events: EventFact[] = [];
  const feedback: FeedbackFact[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = NOW - Math.floor(r() * 70 * D);
    const solved = r() < 0.7;
    const log = new TicketLog({
      createdAt,
      status: solved ? 'solved' : 'open',
      teamId: r() < 0.5 ? TEAM_1 : TEAM_2,
      assigneeId: r() < 0.5 ? AGENT_A : AGENT_B,
      channel: r() < 0.5 ? 'email' : 'chat',
    }).inbound(createdAt);
    let at = createdAt;
    const replies = 1 + Math.floor(r() * 3);
    for (let k = 0; k < replies; k++) {
      at += Math.floor(r() * 20 * H);
      log.reply(at, r() < 0.5 ? AGENT_A : AGENT_B);
      if (r() < 0.3) log.inbound((at += H));
    }
    if (solved) log.status((at += H), 'new', 'solved');
    tickets.push(log.ticket);
    events.push(...log.events);
    if (solved && r() < 0.6) feedback.push(feedbackFact('csat', 1 + Math.floor(r() * 5), at + H, log.ticket.id));
    if (r() < 0.3) feedback.push(feedbackFact('nps', Math.floor(r() * 11), createdAt + D, r() < 0.5 ? log.ticket.id : null));
  }
  return { tickets, events, feedback, presence: [], calendars: new Map() };
}

describe('computeMetrics on random data, against counts made directly from the raw rows', () => {
  const facts = randomFacts(14, 400);
  const report = computeMetrics(facts, { period: '30d' }, NOW);
  const inPeriod = (at: number) => at >= START && at <= NOW;

  it('is a valid report for the period asked', () => {
    expect(MetricsReport.parse(report)).toEqual(report);
    expect(report.period.start).toBe(START);
  });

  it('created and solved', () => {
    expect(report.figures.volume.created).toBe(facts.tickets.filter((t) => inPeriod(t.createdAt)).length);
    const solvedIds = new Set(
      facts.events.filter((e) => e.kind === 'status' && e.to === 'solved' && inPeriod(e.at)).map((e) => e.ticketId),
    );
    expect(report.figures.volume.solved).toBe(solvedIds.size);
  });

  it('the backlog at the end of this period and of the previous one (tickets quiet since before it included)', () => {
    const solveAt = new Map(facts.events.filter((e) => e.kind === 'status' && e.to === 'solved').map((e) => [e.ticketId, e.at]));
    const unsolvedAt = (at: number) => facts.tickets.filter((t) => t.createdAt <= at && !((solveAt.get(t.id) ?? Infinity) <= at)).length;
    expect(report.figures.volume.backlog).toBe(unsolvedAt(NOW));
    expect(report.previous!.volume.backlog).toBe(unsolvedAt(START - 1));
    expect(report.trend.map((b) => b.figures.volume.backlog)).toEqual(report.trend.map((b) => unsolvedAt(Math.min(b.span.end - 1, NOW))));
  });

  it('the mean first reply time in calendar hours', () => {
    const gaps = facts.tickets.flatMap((t) => {
      const first = facts.events
        .filter((e) => e.ticketId === t.id && e.kind === 'message' && (e.to as { kind: string }).kind === 'reply')
        .sort((a, b) => a.at - b.at)[0];
      return first && inPeriod(first.at) ? [first.at - t.createdAt] : [];
    });
    expect(report.figures.firstReply.calendar.count).toBe(gaps.length);
    expect(report.figures.firstReply.calendar.mean).toBeCloseTo(gaps.reduce((a, b) => a + b, 0) / gaps.length / H, 9);
  });

  it('CSAT and NPS', () => {
    const csat = facts.feedback.filter((f) => f.kind === 'csat' && inPeriod(f.createdAt));
    expect(report.figures.csat.score).toBeCloseTo(csat.filter((f) => f.score >= 4).length / csat.length, 12);
    const nps = facts.feedback.filter((f) => f.kind === 'nps' && inPeriod(f.createdAt));
    const share = (p: (s: number) => boolean) => nps.filter((f) => p(f.score)).length / nps.length;
    expect(report.figures.nps.score).toBeCloseTo(100 * (share((s) => s >= 9) - share((s) => s <= 6)), 9);
  });

  it('the days of the trend add up to the period, and each agent row to the team replies', () => {
    const sum = (pick: (f: MetricsReport['figures']) => number) => report.trend.reduce((s, b) => s + pick(b.figures), 0);
    expect(sum((f) => f.volume.created)).toBe(report.figures.volume.created);
    expect(sum((f) => f.replies)).toBe(report.figures.replies);
    expect(sum((f) => f.csat.ratings)).toBe(report.figures.csat.ratings);
    expect(report.agents.reduce((s, a) => s + a.replies, 0)).toBe(report.figures.replies);
    expect(report.trend).toHaveLength(30);
    expect(report.trend.at(-1)!.figures.volume.backlog).toBe(report.figures.volume.backlog);
  });

  it('the same rows in another order give the same report', () => {
    const shuffled = {
      ...facts,
      tickets: [...facts.tickets].reverse(),
      events: [...facts.events].reverse(),
      feedback: [...facts.feedback].reverse(),
    };
    expect(computeMetrics(shuffled, { period: '30d' }, NOW)).toEqual(report);
  });

  it('the same rows fed a slice at a time, answers about a slice’s tickets with it, give the same report', () => {
    const r = random(11);
    const cut = facts.tickets.map(() => r() < 0.1);
    // A third of the tickets bring their answers with their slice instead of the context.
    const late = new Set(facts.tickets.filter((_, i) => i % 3 === 0).map((t) => t.id));
    const isLate = (f: FeedbackFact) => f.ticketId !== null && late.has(f.ticketId);
    const queries: MetricsQueryInput[] = [{ period: '30d' }, { period: '30d', filters: { teamIds: [TEAM_1] } }];
    for (const query of queries) {
      const inSlices = startReport({ ...facts, feedback: facts.feedback.filter((f) => !isLate(f)) }, query, NOW);
      let slice: TicketFact[] = [];
      const feed = () => {
        const ids = new Set(slice.map((t) => t.id));
        const about = (ticketId: string | null) => ticketId !== null && ids.has(ticketId);
        inSlices.add({
          tickets: slice,
          events: facts.events.filter((e) => about(e.ticketId)),
          feedback: facts.feedback.filter((f) => isLate(f) && about(f.ticketId)),
        });
        slice = [];
      };
      facts.tickets.forEach((t, i) => {
        slice.push(t);
        if (cut[i]) feed();
      });
      feed();
      expect(inSlices.finish()).toEqual(computeMetrics(facts, query, NOW));
    }
  });

  it('the previous period is the 30 days before', () => {
    const before = (at: number) => at >= START - 30 * D && at < START;
    expect(report.previousPeriod).toMatchObject({ firstDate: '2026-05-02', lastDate: '2026-05-31' });
    expect(report.previous!.volume.created).toBe(facts.tickets.filter((t) => before(t.createdAt)).length);
  });
});

describe('filters', () => {
  const facts = randomFacts(7, 200);

  it('count only matching tickets, and only answers about them (an answer about no ticket drops out)', () => {
    const report = computeMetrics(facts, { period: '90d', filters: { teamIds: [TEAM_1], channels: ['chat'] } }, NOW);
    const covered = new Set(facts.tickets.filter((t) => t.teamId === TEAM_1 && t.channel === 'chat').map((t) => t.id));
    const start = Date.parse('2026-04-02T00:00:00Z');
    expect(report.figures.volume.created).toBe(facts.tickets.filter((t) => covered.has(t.id) && t.createdAt >= start).length);
    const nps = facts.feedback.filter(
      (f) => f.kind === 'nps' && f.createdAt >= start && f.createdAt <= NOW && f.ticketId !== null && covered.has(f.ticketId),
    );
    expect(report.figures.nps.answers).toBe(nps.length);
  });

  it('tags: a ticket must carry every tag asked for', () => {
    const a = new TicketLog({ createdAt: NOW - H, tags: ['vip', 'billing'] });
    const b = new TicketLog({ createdAt: NOW - H, tags: ['vip'] });
    const few: MetricsFacts = {
      tickets: [a.ticket, b.ticket],
      events: [...a.events, ...b.events],
      feedback: [],
      presence: [],
      calendars: new Map(),
    };
    expect(computeMetrics(few, { period: 'today', filters: { tags: ['vip', 'billing'] } }, NOW).figures.volume.created).toBe(1);
    expect(computeMetrics(few, { period: 'today', filters: { tags: ['vip'] } }, NOW).figures.volume.created).toBe(2);
  });
});

describe('bad input', () => {
  it('is a VALIDATION error naming the field', () => {
    const facts = randomFacts(1, 1);
    expect(() => computeMetrics(facts, { period: 'custom' }, NOW)).toThrowError(AppError);
    expect(() => computeMetrics(facts, { timeZone: 'Nowhere/City' }, NOW)).toThrowError(
      expect.objectContaining({ code: 'VALIDATION', issues: [expect.objectContaining({ path: 'timeZone' })] }),
    );
    expect(() => computeMetrics(facts, {}, Number.NaN)).toThrowError(/now must be/);
  });
});
