/**
 * What the metrics are computed from: the columns of tickets, ticket events and feedback that the
 * console's cache and the server's database both hold, and the business calendars the tickets' SLA
 * snapshots name. Each side reads these and calls `computeMetrics`; nothing else goes in, so the
 * same rows give the same report.
 */
import type { AccountTier, Channel, CustomerType, FeedbackKind, TicketPriority, TicketStatus, TicketType } from '../domain/enums.ts';
import type { TicketEvent } from '../domain/records.ts';
import type { CalendarSpec } from '../sla/calendar.ts';
import type { PresenceChange } from './presence-time.ts';
import type { FoldedLog } from './timeline.ts';

export interface TicketFact {
  id: string;
  createdAt: number;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  channel: Channel;
  teamId: string;
  assigneeId: string | null;
  tags: readonly string[];
  /** The requester's customer type (null when the contact is not held). */
  customerType: CustomerType | null;
  /** The tier of the ticket's account; null without an account (or when it is not held). */
  accountTier: AccountTier | null;
  /** `calendarKey` of the calendar version the ticket's SLA snapshot counts on; null: none. */
  calendar: string | null;
}

export type EventFact = Pick<TicketEvent, 'id' | 'ticketId' | 'kind' | 'actorId' | 'actorKind' | 'from' | 'to' | 'at'>;

export interface FeedbackFact {
  id: string;
  kind: FeedbackKind;
  score: number;
  ticketId: string | null;
  createdAt: number;
}

export interface MetricsFacts {
  tickets: readonly TicketFact[];
  /**
   * The kept presence changes (available time and break time, presence-time.ts): every change in
   * the report's windows, and each person's last one before them.
   */
  presence: readonly PresenceChange[];
  /** Every event of those tickets, in any order (but those of the tickets in `folded`). */
  events: readonly EventFact[];
  /**
   * Tickets whose log is given folded (timeline.ts `foldLog`) up to the report's instant instead
   * of as events: the console keeps each ticket's folded log, so its report need not read events.
   */
  folded?: ReadonlyMap<string, FoldedLog>;
  feedback: readonly FeedbackFact[];
  /** Keyed by `calendarKey`. */
  calendars: ReadonlyMap<string, CalendarSpec>;
}

/** A ticket's columns as both stores read them (snake case, instants and versions as numbers). */
export interface TicketColumns {
  id: string;
  created_at: number;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  channel: Channel;
  team_id: string;
  assignee_id: string | null;
  tags: string[];
  customer_type: CustomerType | null;
  tier: AccountTier | null;
  calendar_id: string | null;
  calendar_version: number | null;
}

export function ticketFact(r: TicketColumns): TicketFact {
  return {
    id: r.id,
    createdAt: r.created_at,
    status: r.status,
    priority: r.priority,
    type: r.type,
    channel: r.channel,
    teamId: r.team_id,
    assigneeId: r.assignee_id,
    tags: r.tags,
    customerType: r.customer_type,
    accountTier: r.tier,
    calendar: r.calendar_id === null || r.calendar_version === null ? null : calendarKey(r.calendar_id, r.calendar_version),
  };
}

/** The key of one calendar version, as a ticket's SLA snapshot names it. */
export function calendarKey(calendarId: string, version: number): string {
  return `${calendarId}@${version}`;
}

/** What a report reads besides its tickets: every answer, presence change and calendar it may count. */
export type ReportContext = Pick<MetricsFacts, 'feedback' | 'presence' | 'calendars'>;

/**
 * Some of a report's tickets, each in one slice only: their rows, the events of those not in
 * `folded`, and answers about them that the context does not hold (all counted like the context's).
 */
export interface TicketSlice {
  tickets: readonly TicketFact[];
  events: readonly EventFact[];
  folded?: ReadonlyMap<string, FoldedLog>;
  feedback?: readonly FeedbackFact[];
}

/** Every slice's facts at once, with the context's: for a small read, and for comparisons over every row. */
export async function gatherSlices(context: ReportContext, slices: AsyncIterable<TicketSlice>): Promise<MetricsFacts> {
  const tickets: TicketFact[] = [];
  const events: EventFact[] = [];
  const folded = new Map<string, FoldedLog>();
  const feedback = [...context.feedback];
  for await (const slice of slices) {
    tickets.push(...slice.tickets);
    events.push(...slice.events);
    for (const [id, log] of slice.folded ?? []) folded.set(id, log);
    feedback.push(...(slice.feedback ?? []));
  }
  return { ...context, tickets, events, folded, feedback };
}
