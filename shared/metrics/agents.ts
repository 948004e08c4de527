/**
 * The per-agent and per-team tables of a period, tallied a timeline at a time. Work is credited to who held it at the time:
 * a reply to its author, a solve to the ticket's assignee at the solve, a CSAT answer to the
 * assignee when it was given, an SLA outcome to the assignee when it was decided; for teams, the
 * ticket's team at those instants (its creation for tickets created).
 */
import { addDurations, durationFigureOf, firstReplyIntervals, noDurations, type CalendarOf, type DurationValues } from './durations.ts';
import { csatCounts, csatScore, csatScoreOf, ratingsIn, type CsatCounts } from './feedback.ts';
import type { FeedbackFact } from './facts.ts';
import type { AgentRow, TeamRow } from './report.ts';
import { attainmentOf, countOutcomes, noOutcomes, type Outcomes } from './sla-attainment.ts';
import { addCounts } from './stats.ts';
import { assigneeAt, teamAt, type Timeline } from './timeline.ts';
import { within, type Window } from './window.ts';
import type { PresenceTime } from './presence-time.ts';

/** Each (ticket, window) credit once per key: a ticket solved twice by one agent is one solve. */
function solveCredits(t: Timeline, w: Window, keyAt: (t: Timeline, at: number) => string | null): Set<string> {
  const keys = new Set<string>();
  for (const at of t.solves) {
    const key = within(at, w) ? keyAt(t, at) : null;
    if (key !== null) keys.add(key);
  }
  return keys;
}

const byKey = <T>(rows: Map<string, T>, key: string, make: () => T): T => {
  let row = rows.get(key);
  if (!row) rows.set(key, (row = make()));
  return row;
};

/** The credits of one agent or team in the window, tallied a timeline at a time. */
interface Credits {
  replies: number;
  solved: number;
  created: number;
  firstReply: DurationValues;
  csat: CsatCounts;
  sla: Outcomes;
}

const noCredits = (): Credits => ({
  replies: 0,
  solved: 0,
  created: 0,
  firstReply: noDurations(),
  csat: { ratings: 0, satisfied: 0 },
  sla: noOutcomes(),
});

export interface PeopleTally {
  /**
   * A timeline the report covers (every one, not only those with an instant in the window: a
   * rating in it may be about an older ticket) and the CSAT answers about it that the report counts.
   */
  add(t: Timeline, answers: readonly FeedbackFact[]): void;
  /**
   * `presence`: each person's available and break time in the window. A person with presence time
   * but no credited work is listed when `presenceOnly` allows them (the report lists everyone
   * unfiltered, or the agents a filter names).
   */
  agents(presence?: ReadonlyMap<string, PresenceTime>, presenceOnly?: (agentId: string) => boolean): AgentRow[];
  teams(): TeamRow[];
}

export function peopleTally(w: Window, calendarOf: CalendarOf): PeopleTally {
  const agents = new Map<string, Credits>();
  const teams = new Map<string, Credits>();
  const agent = (id: string) => byKey(agents, id, noCredits);
  const team = (id: string) => byKey(teams, id, noCredits);
  return {
    add(t, answers) {
      for (const r of t.replies) if (r.agentId !== null && within(r.at, w)) agent(r.agentId).replies++;
      for (const id of solveCredits(t, w, assigneeAt)) agent(id).solved++;
      for (const id of solveCredits(t, w, teamAt)) team(id).solved++;
      if (within(t.createdAt, w)) team(teamAt(t, t.createdAt)).created++;
      for (const i of firstReplyIntervals([t], w)) {
        const id = i.t.firstReply?.agentId ?? null;
        if (id !== null) addDurations(agent(id).firstReply, [i], calendarOf);
      }
      for (const f of ratingsIn(answers, w)) {
        const agentId = assigneeAt(t, f.createdAt);
        if (agentId !== null) addCounts(agent(agentId).csat, csatCounts([f]));
        addCounts(team(teamAt(t, f.createdAt)).csat, csatCounts([f]));
      }
      for (const s of t.sla) {
        if (!within(s.at, w)) continue;
        const agentId = assigneeAt(t, s.at);
        if (agentId !== null) countOutcomes(agent(agentId).sla, s.met);
        countOutcomes(team(teamAt(t, s.at)).sla, s.met);
      }
    },
    agents(presence = new Map(), presenceOnly = () => false) {
      for (const [agentId, time] of presence) if ((time.availableMs > 0 || time.breakMs > 0) && presenceOnly(agentId)) agent(agentId);
      return [...agents.keys()].sort().map((agentId) => {
        const c = agents.get(agentId)!;
        return {
          agentId,
          replies: c.replies,
          solved: c.solved,
          firstReply: durationFigureOf(c.firstReply),
          csat: csatScoreOf(c.csat),
          sla: attainmentOf(c.sla),
          availableMs: presence.get(agentId)?.availableMs ?? 0,
          breakMs: presence.get(agentId)?.breakMs ?? 0,
        };
      });
    },
    teams() {
      return [...teams.keys()].sort().map((teamId) => {
        const c = teams.get(teamId)!;
        return { teamId, created: c.created, solved: c.solved, csat: csatScoreOf(c.csat), sla: attainmentOf(c.sla) };
      });
    },
  };
}

/**
 * One person's replies, solves and CSAT in a window, credited exactly as their row of `peopleTally`
 * (the strip above an agent's queue): only the three figures it shows, for that person alone, so
 * it costs a pass over the timelines instead of every agent's figures.
 */
export function agentCredits(
  timelines: readonly Timeline[],
  csat: readonly FeedbackFact[],
  w: Window,
  agentId: string,
): Pick<AgentRow, 'replies' | 'solved' | 'csat'> {
  let replies = 0;
  let solved = 0;
  for (const t of timelines) {
    for (const r of t.replies) if (r.agentId === agentId && within(r.at, w)) replies++;
    if (solveCredits(t, w, assigneeAt).has(agentId)) solved++;
  }
  const timelineOf = new Map(timelines.map((t) => [t.ticket.id, t]));
  const ratings = csat.filter((f) => {
    const t = f.ticketId === null ? undefined : timelineOf.get(f.ticketId);
    return t !== undefined && assigneeAt(t, f.createdAt) === agentId;
  });
  return { replies, solved, csat: csatScore(ratings) };
}
