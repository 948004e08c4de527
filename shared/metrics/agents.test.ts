import { describe, expect, it } from 'vitest';
import {
  AGENT_A,
  AGENT_B,
  feedbackFact,
  peopleTables,
  TEAM_1,
  TEAM_2,
  TicketLog,
  windowFigures,
} from '../../test/support/metrics-facts.ts';
import { buildTimeline } from './timeline.ts';

const H = 3_600_000;
const t0 = Date.parse('2026-06-01T00:00:00Z');
const W = { start: t0, end: t0 + 24 * H };

/** Created in team 1 for A, handed to B in team 2, who solves it; SLA met before the hand-over, breached after. */
function handedOver() {
  const log = new TicketLog({ createdAt: t0, assigneeId: AGENT_B, teamId: TEAM_2 })
    .inbound(t0)
    .assignee(t0, null, AGENT_A)
    .reply(t0 + H, AGENT_A)
    .sla(t0 + H, 'firstReply', 'met')
    .assignee(t0 + 2 * H, AGENT_A, AGENT_B)
    .team(t0 + 2 * H, TEAM_1, TEAM_2)
    .reply(t0 + 3 * H, AGENT_B)
    .reply(t0 + 4 * H, AGENT_B)
    .sla(t0 + 5 * H, 'resolution', 'breached')
    .status(t0 + 6 * H, 'new', 'solved');
  return { log, t: buildTimeline(log.ticket, log.events, t0 + 48 * H) };
}

describe('SLA attainment', () => {
  it('met over decided targets, per target and over all', () => {
    const { t } = handedOver();
    expect(windowFigures([t], W).sla).toEqual({
      firstReply: { met: 1, breached: 0, rate: 1 },
      nextReply: { met: 0, breached: 0, rate: null },
      resolution: { met: 0, breached: 1, rate: 0 },
      all: { met: 1, breached: 1, rate: 0.5 },
    });
  });
});

describe('per agent and per team, credited to who held the ticket at the time', () => {
  it('replies to their authors, the first reply to A, the solve, the breach and the rating to B', () => {
    const { log, t } = handedOver();
    const csat = [feedbackFact('csat', 5, t0 + 7 * H, log.ticket.id)];
    const rows = peopleTables([t], csat, W).agents;
    expect(
      rows.map((r) => [r.agentId, r.replies, r.solved, r.firstReply.calendar.count, r.csat.ratings, r.sla.met, r.sla.breached]),
    ).toEqual([
      [AGENT_A, 1, 0, 1, 0, 1, 0],
      [AGENT_B, 2, 1, 0, 1, 0, 1],
    ]);
  });

  it('before the first team change the ticket was in the team the change moved it from', () => {
    const { log, t } = handedOver();
    const rows = peopleTables([t], [feedbackFact('csat', 2, t0 + 7 * H, log.ticket.id)], W).teams;
    expect(rows).toEqual([
      { teamId: TEAM_1, created: 1, solved: 0, csat: { ratings: 0, satisfied: 0, score: null }, sla: { met: 1, breached: 0, rate: 1 } },
      { teamId: TEAM_2, created: 0, solved: 1, csat: { ratings: 1, satisfied: 0, score: 0 }, sla: { met: 0, breached: 1, rate: 0 } },
    ]);
  });
});
