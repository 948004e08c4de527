/**
 * One ticket's event log read once into what the metrics measure: when it was solved and reopened,
 * its public agent replies and customer messages, its reply intervals, escalations, SLA outcomes,
 * and its status, assignee and team at any instant. Every figure is then a count over timelines in
 * a window, so a period, its previous period and each day of the trend read the same timelines.
 */
import type { TicketStatus } from '../domain/enums.ts';
import { isUnsolved } from '../domain/ticket-status.ts';
import type { SlaMetric } from '../sla/target.ts';
import { readEvent } from './event-reader.ts';
import type { EventFact, TicketFact } from './facts.ts';
import { byId } from '../domain/log-order.ts';

interface Change<T> {
  at: number;
  from: T;
  to: T;
}

export interface Reply {
  at: number;
  agentId: string | null;
}

/**
 * What a ticket's event log says, folded once, without the ticket's row: the console keeps one per
 * ticket (Core migration 024), so a report reads a row a ticket instead of its whole log.
 */
export interface FoldedLog {
  /** The `created` event's instant and status; null: the log has none (its start was trimmed). */
  created: { at: number; status: TicketStatus } | null;
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
}

export interface Timeline extends Omit<FoldedLog, 'created'> {
  ticket: TicketFact;
  /** The `created` event's instant, else the ticket row's. */
  createdAt: number;
  initialStatus: TicketStatus;
}

/**
 * Events of one mutation share an instant and their ids are hashes: the creation goes first (as in
 * the SLA clock), then the id decides, so every store's order gives the same timeline.
 */
function byTime(a: EventFact, b: EventFact): number {
  return a.at - b.at || (a.kind === 'created' ? 0 : 1) - (b.kind === 'created' ? 0 : 1) || byId(a, b);
}

/** A ticket's events (any order) up to `now` folded: later events have not happened yet. */
export function foldLog(events: readonly EventFact[], now: number): FoldedLog {
  const t: FoldedLog = {
    created: null,
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
  };
  let openedByAgent: boolean | null = null;
  let waitingSince: number | null = null;
  for (const e of events.filter((e) => e.at <= now).sort(byTime)) {
    const change = readEvent(e);
    if (!change) continue;
    switch (change.kind) {
      case 'created':
        t.created = { at: e.at, status: change.status };
        break;
      case 'status':
        t.statuses.push({ at: e.at, from: change.from, to: change.to });
        if (change.to === 'solved' && change.from !== 'solved') t.solves.push(e.at);
        if (change.from === 'solved' && isUnsolved(change.to)) t.reopens.push(e.at);
        break;
      case 'assignee':
        t.assignees.push({ at: e.at, from: change.from, to: change.to });
        break;
      case 'team':
        t.teams.push({ at: e.at, from: change.from, to: change.to });
        break;
      case 'escalated':
        t.escalations.push(e.at);
        break;
      case 'sla':
        t.sla.push({ at: e.at, metric: change.metric, met: change.met });
        break;
      case 'message': {
        const kind = change.message;
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
    }
  }
  t.firstReply = (openedByAgent ? t.replies[1] : t.replies[0]) ?? null;
  return t;
}

/** The timeline of `ticket` from its folded log. */
export function timelineOf(ticket: TicketFact, { created, ...log }: FoldedLog): Timeline {
  return {
    ...log,
    ticket,
    createdAt: created?.at ?? ticket.createdAt,
    // A ticket whose log starts later than its creation (history trimmed) keeps its row's status as the start.
    initialStatus: created?.status ?? log.statuses[0]?.from ?? ticket.status,
  };
}

/** The timeline of `ticket` from its events (any order) up to `now`. */
export function buildTimeline(ticket: TicketFact, events: readonly EventFact[], now: number): Timeline {
  return timelineOf(ticket, foldLog(events, now));
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

/**
 * Timelines of every ticket, the events grouped by ticket in one pass; a ticket in `folded` (its
 * log folded up to `now` already) is not folded again.
 */
export function buildTimelines(
  tickets: readonly TicketFact[],
  events: readonly EventFact[],
  now: number,
  folded: ReadonlyMap<string, FoldedLog> = new Map(),
): Timeline[] {
  const byTicket = new Map<string, EventFact[]>();
  for (const e of events) {
    const list = byTicket.get(e.ticketId);
    if (list) list.push(e);
    else byTicket.set(e.ticketId, [e]);
  }
  return tickets.map((ticket) => timelineOf(ticket, folded.get(ticket.id) ?? foldLog(byTicket.get(ticket.id) ?? [], now)));
}
