/**
 * The per-agent and per-team tables of a period. Work is credited to who held it at the time:
 * a reply to its author, a solve to the ticket's assignee at the solve, a CSAT answer to the
 * assignee when it was given, an SLA outcome to the assignee when it was decided; for teams, the
 * ticket's team at those instants (its creation for tickets created).
 */
import { durationFigure, firstReplyIntervals, type CalendarOf } from './durations.ts';
import { csatScore } from './feedback.ts';
import type { FeedbackFact } from './facts.ts';
import type { AgentRow, TeamRow } from './report.ts';
import { attainment } from './sla-attainment.ts';
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

function csatCredits(
  csat: readonly FeedbackFact[],
  timelineOf: ReadonlyMap<string, Timeline>,
  keyAt: (t: Timeline, at: number) => string | null,
): Map<string, FeedbackFact[]> {
  const out = new Map<string, FeedbackFact[]>();
  for (const f of csat) {
    const t = f.ticketId === null ? undefined : timelineOf.get(f.ticketId);
    const key = t ? keyAt(t, f.createdAt) : null;
    if (key !== null) byKey(out, key, () => []).push(f);
  }
  return out;
}

function slaCredits(timelines: readonly Timeline[], w: Window, keyAt: (t: Timeline, at: number) => string | null) {
  const out = new Map<string, { met: boolean }[]>();
  for (const t of timelines)
    for (const s of t.sla) {
      const key = within(s.at, w) ? keyAt(t, s.at) : null;
      if (key !== null) byKey(out, key, () => []).push(s);
    }
  return out;
}

/**
 * `csat`: the CSAT answers of the window that the report covers; `presence`: each person's
 * available and break time in it. A person with presence time but no credited work is listed when
 * `presenceOnly` allows them (the report lists everyone unfiltered, or the agents a filter names).
 */
export function agentRows(
  timelines: readonly Timeline[],
  csat: readonly FeedbackFact[],
  w: Window,
  calendarOf: CalendarOf,
  presence: ReadonlyMap<string, PresenceTime> = new Map(),
  presenceOnly: (agentId: string) => boolean = () => false,
): AgentRow[] {
  const timelineOf = new Map(timelines.map((t) => [t.ticket.id, t]));
  const replies = new Map<string, number>();
  const solved = new Map<string, number>();
  for (const t of timelines) {
    for (const r of t.replies) if (r.agentId !== null && within(r.at, w)) replies.set(r.agentId, (replies.get(r.agentId) ?? 0) + 1);
    for (const agent of solveCredits(t, w, assigneeAt)) solved.set(agent, (solved.get(agent) ?? 0) + 1);
  }
  const firstReplies = new Map<string, ReturnType<typeof firstReplyIntervals>>();
  for (const i of firstReplyIntervals(timelines, w)) {
    const agent = i.t.firstReply?.agentId ?? null;
    if (agent !== null) byKey(firstReplies, agent, () => []).push(i);
  }
  const ratings = csatCredits(csat, timelineOf, assigneeAt);
  const sla = slaCredits(timelines, w, assigneeAt);
  const agents = new Set([...replies.keys(), ...solved.keys(), ...firstReplies.keys(), ...ratings.keys(), ...sla.keys()]);
  for (const [agentId, time] of presence) if ((time.availableMs > 0 || time.breakMs > 0) && presenceOnly(agentId)) agents.add(agentId);
  return [...agents].sort().map((agentId) => ({
    agentId,
    replies: replies.get(agentId) ?? 0,
    solved: solved.get(agentId) ?? 0,
    firstReply: durationFigure(firstReplies.get(agentId) ?? [], calendarOf),
    csat: csatScore(ratings.get(agentId) ?? []),
    sla: attainment(sla.get(agentId) ?? []),
    availableMs: presence.get(agentId)?.availableMs ?? 0,
    breakMs: presence.get(agentId)?.breakMs ?? 0,
  }));
}

/**
 * One person's replies, solves and CSAT in a window, credited exactly as their `agentRows` row
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
  const ratings = csatCredits(csat, new Map(timelines.map((t) => [t.ticket.id, t])), assigneeAt).get(agentId) ?? [];
  return { replies, solved, csat: csatScore(ratings) };
}

export function teamRows(timelines: readonly Timeline[], csat: readonly FeedbackFact[], w: Window): TeamRow[] {
  const timelineOf = new Map(timelines.map((t) => [t.ticket.id, t]));
  const created = new Map<string, number>();
  const solved = new Map<string, number>();
  for (const t of timelines) {
    if (within(t.createdAt, w)) {
      const team = teamAt(t, t.createdAt);
      created.set(team, (created.get(team) ?? 0) + 1);
    }
    for (const team of solveCredits(t, w, teamAt)) solved.set(team, (solved.get(team) ?? 0) + 1);
  }
  const ratings = csatCredits(csat, timelineOf, teamAt);
  const sla = slaCredits(timelines, w, teamAt);
  const teams = new Set([...created.keys(), ...solved.keys(), ...ratings.keys(), ...sla.keys()]);
  return [...teams].sort().map((teamId) => ({
    teamId,
    created: created.get(teamId) ?? 0,
    solved: solved.get(teamId) ?? 0,
    csat: csatScore(ratings.get(teamId) ?? []),
    sla: attainment(sla.get(teamId) ?? []),
  }));
}
