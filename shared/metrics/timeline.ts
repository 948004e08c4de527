/**
 * One ticket's event log read once into what the metrics measure: when it was solved and reopened,
 * its public agent replies and customer messages, its reply intervals, escalations, SLA outcomes,
 * and its status, assignee and team at any instant. Every figure is then a count over timelines in
 * a window, so a period, its previous period and each day of the trend read the same timelines.
 */
import type { TicketStatus } from '../domain/enums.ts';
import { isDeescalation, ticketEventChange } from '../domain/ticket-events.ts';
import type { SlaMetric } from '../sla/target.ts';
import type { EventFact, TicketFact } from './facts.ts';

export const UNSOLVED: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

interface Change<T> {
  at: number;
  from: T;
  to: T;
}

export interface Reply {
  at: number;
  agentId: string | null;
}

export interface Timeline {
  ticket: TicketFact;
  createdAt: number;
  /** Every entry into `solved`. */
  solves: number[];
  /** Every move from `solved` back to an unsolved status. */
  reopens: number[];
  /** Public replies by people (automated replies are no agent's answer). */
  replies: Reply[];
  /** Messages from the customer. */
  inbound: number[];
  /** The reply that counts as the first one: the second for a ticket the agent opened with a reply. */
  firstReply: Reply | null;
  /** Customer message (the first of those waiting) to the next public agent reply. */
  responseIntervals: [number, number][];
  escalations: number[];
  sla: { at: number; metric: SlaMetric; met: boolean }[];
  statuses: Change<TicketStatus>[];
  assignees: Change<string | null>[];
  teams: Change<string>[];
  initialStatus: TicketStatus;
}

/**
 * Events of one mutation share an instant and their ids are hashes: the creation goes first (as in
 * the SLA clock), then the id decides, so every store's order gives the same timeline.
 */
function byTime(a: EventFact, b: EventFact): number {
  return a.at - b.at || (a.kind === 'created' ? 0 : 1) - (b.kind === 'created' ? 0 : 1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The timeline of `ticket` from its events (any order) up to `now`: later events have not happened yet. */
export function buildTimeline(ticket: TicketFact, events: readonly EventFact[], now: number): Timeline {
  const t: Timeline = {
    ticket,
    createdAt: ticket.createdAt,
    solves: [],
    reopens: [],
    replies: [],
    inbound: [],
    firstReply: null,
    responseIntervals: [],
    escalations: [],
    sla: [],
    statuses: [],
    assignees: [],
    teams: [],
    initialStatus: ticket.status,
  };
  let created = false;
  let openedByAgent: boolean | null = null;
  let waitingSince: number | null = null;
  for (const e of events.filter((e) => e.at <= now).sort(byTime)) {
    const change = ticketEventChange(e);
    if (!change) continue;
    switch (change.kind) {
      case 'created':
        created = true;
        t.createdAt = e.at;
        t.initialStatus = change.to.status;
        break;
      case 'status':
        t.statuses.push({ at: e.at, from: change.from, to: change.to });
        if (change.to === 'solved' && change.from !== 'solved') t.solves.push(e.at);
        if (change.from === 'solved' && UNSOLVED.includes(change.to)) t.reopens.push(e.at);
        break;
      case 'assignee':
        t.assignees.push({ at: e.at, from: change.from, to: change.to });
        break;
      case 'team':
        t.teams.push({ at: e.at, from: change.from, to: change.to });
        break;
      case 'escalated':
        // A step down (de-escalation) is logged as the same kind of event; it escalates nothing.
        if (!isDeescalation(change)) t.escalations.push(e.at);
        break;
      case 'sla':
        // Only outcomes count; a breach's notice (state 'notified') is no second breach.
        if (change.to.state === 'met' || change.to.state === 'breached')
          t.sla.push({ at: e.at, metric: change.to.metric, met: change.to.state === 'met' });
        break;
      case 'message': {
        const kind = change.to.kind;
        if (kind === 'inbound') {
          openedByAgent ??= false;
          t.inbound.push(e.at);
          waitingSince ??= e.at;
        } else if (kind === 'reply' && e.actorKind !== 'automation') {
          const reply = { at: e.at, agentId: e.actorId };
          t.replies.push(reply);
          openedByAgent ??= true;
          if (waitingSince !== null) t.responseIntervals.push([waitingSince, e.at]);
          waitingSince = null;
        }
        break;
      }
      default:
        break;
    }
  }
  t.firstReply = (openedByAgent ? t.replies[1] : t.replies[0]) ?? null;
  // A ticket whose log starts later than its creation (history trimmed) keeps its row's status as the start.
  if (!created && t.statuses.length > 0) t.initialStatus = t.statuses[0]!.from;
  return t;
}

/** The value at instant `at`: the last change by then, else what the first change changed from, else today's. */
function valueAt<T>(changes: readonly Change<T>[], current: T, at: number): T {
  let value: T | undefined;
  for (const c of changes) {
    if (c.at > at) break;
    value = c.to;
  }
  if (value !== undefined) return value;
  return changes.length > 0 ? changes[0]!.from : current;
}

export function statusAt(t: Timeline, at: number): TicketStatus | null {
  if (at < t.createdAt) return null;
  let status = t.initialStatus;
  for (const c of t.statuses) {
    if (c.at > at) break;
    status = c.to;
  }
  return status;
}

export function assigneeAt(t: Timeline, at: number): string | null {
  return valueAt(t.assignees, t.ticket.assigneeId, at);
}

export function teamAt(t: Timeline, at: number): string {
  return valueAt(t.teams, t.ticket.teamId, at);
}

/** Timelines of every ticket, the events grouped by ticket in one pass. */
export function buildTimelines(tickets: readonly TicketFact[], events: readonly EventFact[], now: number): Timeline[] {
  const byTicket = new Map<string, EventFact[]>();
  for (const e of events) {
    const list = byTicket.get(e.ticketId);
    if (list) list.push(e);
    else byTicket.set(e.ticketId, [e]);
  }
  return tickets.map((ticket) => buildTimeline(ticket, byTicket.get(ticket.id) ?? [], now));
}
