import { describe, expect, it } from 'vitest';
import { AGENT_B, TicketLog, windowFigures } from '../../test/support/metrics-facts.ts';
import { buildTimeline } from './timeline.ts';
import { createdAndSolved, inBacklogAtEnd } from './volume.ts';
import { windowPlacer } from './window-scope.ts';

const H = 3_600_000;
const D = 24 * H;
const t0 = Date.parse('2026-06-01T00:00:00Z');
const W = { start: t0, end: t0 + 7 * D };
const NOW = t0 + 30 * D;

/** Four tickets solved in the week and one handled but unsolved; the seed's FCR example in small. */
function week() {
  const oneReply = new TicketLog({ createdAt: t0 })
    .inbound(t0)
    .reply(t0 + H)
    .status(t0 + H, 'new', 'solved');
  const followUp = new TicketLog({ createdAt: t0 })
    .inbound(t0)
    .reply(t0 + H)
    .inbound(t0 + 2 * H)
    .status(t0 + 3 * H, 'new', 'solved');
  const twoReplies = new TicketLog({ createdAt: t0 })
    .inbound(t0)
    .reply(t0 + H)
    .reply(t0 + 2 * H, AGENT_B)
    .status(t0 + 2 * H, 'new', 'solved');
  const reopened = new TicketLog({ createdAt: t0 })
    .inbound(t0)
    .reply(t0 + H)
    .status(t0 + H, 'new', 'solved')
    .status(t0 + 2 * D, 'solved', 'open')
    .escalated(t0 + 2 * D, 1, 2)
    .reply(t0 + 3 * D)
    .reply(t0 + 3 * D + H)
    .status(t0 + 3 * D + H, 'open', 'solved');
  const unsolved = new TicketLog({ createdAt: t0 })
    .inbound(t0)
    .reply(t0 + H)
    .escalated(t0 + 2 * H, 1, 2);
  const untouched = new TicketLog({ createdAt: t0 + D }).inbound(t0 + D).escalated(t0 + D, 1, 2);
  return [oneReply, followUp, twoReplies, reopened, unsolved, untouched].map((l) => buildTimeline(l.ticket, l.events, NOW));
}

describe('figures over the tickets solved in a window', () => {
  it('first contact resolution by one public reply: 2 of 4 (the follow-up ticket had one reply; two and three replies fail)', () => {
    expect(windowFigures(week(), W, { fcr: 'one_reply' }).fcr).toEqual({ solved: 4, firstContact: 2, rate: 0.5 });
  });

  it('first contact resolution by no customer follow-up: 3 of 4 (only the ticket the customer wrote to again fails)', () => {
    expect(windowFigures(week(), W, { fcr: 'no_follow_up' }).fcr).toEqual({ solved: 4, firstContact: 3, rate: 0.75 });
  });

  it('reopen rate: 1 reopened of 4 solved', () => {
    expect(windowFigures(week(), W, { fcr: 'one_reply' }).reopen).toEqual({ solved: 4, reopened: 1, rate: 0.25 });
  });

  it('interactions per ticket: (1 + 1 + 2 + 3) public agent replies over 4 solved tickets', () => {
    expect(windowFigures(week(), W, { fcr: 'one_reply' }).interactions).toEqual({ solved: 4, replies: 7, perTicket: 7 / 4 });
  });

  it('escalation rate: of the 5 tickets handled (solved or answered), 2 escalated; the unanswered escalated ticket is not handled', () => {
    expect(windowFigures(week(), W, { fcr: 'one_reply' }).escalation).toEqual({ handled: 5, escalated: 2, rate: 0.4 });
  });

  it('volume: 6 created, 4 solved (the reopened one once), 2 in the backlog at the end', () => {
    expect(createdAndSolved(week(), W)).toEqual({ created: 6, solved: 4 });
    expect(week().filter((t) => inBacklogAtEnd(t, W))).toHaveLength(2);
    // At the end of day 2 the reopened ticket is back in the backlog.
    const day2 = { start: t0, end: t0 + 2 * D + H };
    expect(week().filter((t) => inBacklogAtEnd(t, day2))).toHaveLength(3);
    // Counted for every window at once, the same.
    const placer = windowPlacer([W, day2]);
    for (const t of week()) placer.place(t, () => {});
    expect(placer.backlogs()).toEqual([2, 3]);
  });
});
