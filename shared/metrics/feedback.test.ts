import { describe, expect, it } from 'vitest';
import { feedbackFact, TicketLog, windowFigures } from '../../test/support/metrics-facts.ts';
import { buildTimeline } from './timeline.ts';

const t0 = Date.parse('2026-06-01T00:00:00Z');
const W = { start: t0, end: t0 + 1000 };

describe('CSAT', () => {
  it('share of 4 and 5 among the ratings given in the window, and the share of solved tickets rated', () => {
    const solved = [0, 1, 2, 3].map(() => new TicketLog({ createdAt: t0 }).status(t0 + 1, 'new', 'solved'));
    const timelines = solved.map((l) => buildTimeline(l.ticket, l.events, t0 + 10_000));
    const ids = solved.map((l) => l.ticket.id);
    const answers = [
      feedbackFact('csat', 5, t0 + 10, ids[0]!),
      feedbackFact('csat', 4, t0 + 20, ids[1]!),
      feedbackFact('csat', 2, t0 + 30, ids[2]!),
      feedbackFact('csat', 1, t0 + 5000, ids[3]!), // after the window: neither a rating nor a response here
      feedbackFact('nps', 10, t0 + 40, ids[3]!),
    ];
    const firstCsatAt = new Map(answers.filter((f) => f.kind === 'csat').map((f) => [f.ticketId!, f.createdAt]));
    expect(windowFigures(timelines, W, { answers, firstCsatAt }).csat).toEqual({
      ratings: 3,
      satisfied: 2,
      score: 2 / 3,
      solved: 4,
      rated: 3,
      responseRate: 0.75,
    });
  });
});

describe('CES', () => {
  const answers = [3, 5, 6, 7].map((s) => feedbackFact('ces', s, t0 + s));
  it('the mean on the 1-7 scale, with the mean as a percentage of 7', () => {
    expect(windowFigures([], W, { answers, cesScale: 7 }).ces).toEqual({ answers: 4, outOfScale: 0, mean: 5.25, percent: 75 });
  });
  it('on the seed 1-10 scale: 5.25 of 10 is 52.5%', () => {
    expect(windowFigures([], W, { answers, cesScale: 10 }).ces.percent).toBe(52.5);
  });
  it('no answer: null', () => {
    expect(windowFigures([], W).ces).toEqual({ answers: 0, outOfScale: 0, mean: null, percent: null });
  });
});

describe('NPS', () => {
  it('promoters (9-10) minus detractors (0-6) in percent of the answers, with the three shares', () => {
    // 4 promoters, 3 passives, 3 detractors of 10: +10.
    const scores = [10, 9, 9, 10, 8, 7, 7, 6, 0, 3];
    const answers = scores.map((s, i) => feedbackFact('nps', s, t0 + i));
    expect(windowFigures([], W, { answers }).nps).toEqual({
      answers: 10,
      promoters: 4,
      passives: 3,
      detractors: 3,
      promoterShare: 0.4,
      passiveShare: 0.3,
      detractorShare: 0.3,
      score: 10,
    });
  });
  it('all detractors is -100', () => {
    expect(windowFigures([], W, { answers: [feedbackFact('nps', 0, t0), feedbackFact('nps', 6, t0)] }).nps.score).toBe(-100);
  });
});
