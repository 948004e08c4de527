/**
 * The facts the service metrics are computed from, read from the local cache: every ticket with
 * the requester's customer type and the account's tier, every ticket event, every feedback answer
 * and every calendar revision, each in one statement over only the columns the metrics read.
 */
import type { Database } from 'better-sqlite3';
import type {
  AccountTier,
  Channel,
  CustomerType,
  FeedbackKind,
  TicketPriority,
  TicketStatus,
  TicketType,
} from '../../../../shared/domain/enums.ts';
import type { ActorKind } from '../../../../shared/domain/actors.ts';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import { calendarKey, type EventFact, type FeedbackFact, type MetricsFacts, type TicketFact } from '../../../../shared/metrics/facts.ts';
import type { CalendarSpec } from '../../../../shared/sla/calendar.ts';

interface TicketRow {
  id: string;
  created_at: number;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  channel: Channel;
  team_id: string;
  assignee_id: string | null;
  tags: string;
  customer_type: CustomerType | null;
  tier: AccountTier | null;
  calendar_id: string | null;
  calendar_version: number | null;
}

interface EventRow {
  id: string;
  ticket_id: string;
  kind: TicketEvent['kind'];
  actor_id: string | null;
  actor_kind: ActorKind | null;
  from_value: string | null;
  to_value: string | null;
  at: number;
}

interface CalendarRow {
  calendar_id: string;
  revision: number;
  time_zone: string;
  weekly_hours: string;
  holidays: string;
}

export function createMetricsRepository(db: Database) {
  const tickets = db.prepare<[], TicketRow>(
    `SELECT t.id, t.created_at, t.status, t.priority, t.type, t.channel, t.team_id, t.assignee_id, t.tags,
            c.customer_type, a.tier,
            json_extract(t.sla, '$.calendarId') AS calendar_id, json_extract(t.sla, '$.calendarVersion') AS calendar_version
       FROM tickets t LEFT JOIN contacts c ON c.id = t.requester_id LEFT JOIN accounts a ON a.id = t.account_id`,
  );
  const events = db.prepare<[], EventRow>('SELECT id, ticket_id, kind, actor_id, actor_kind, from_value, to_value, at FROM ticket_events');
  const feedback = db.prepare<[], { id: string; kind: FeedbackKind; score: number; ticket_id: string | null; created_at: number }>(
    'SELECT id, kind, score, ticket_id, created_at FROM feedback',
  );
  // The current revision of each calendar and every earlier one a ticket's timers may name.
  const calendars = db.prepare<[], CalendarRow>(
    `SELECT id AS calendar_id, revision, time_zone, weekly_hours, holidays FROM business_calendars
     UNION ALL
     SELECT calendar_id, revision, time_zone, weekly_hours, holidays FROM business_calendar_versions`,
  );
  const json = (text: string | null): EventFact['from'] => (text === null ? null : (JSON.parse(text) as EventFact['from']));

  return {
    facts(): MetricsFacts {
      const ticketFacts: TicketFact[] = tickets.all().map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        status: r.status,
        priority: r.priority,
        type: r.type,
        channel: r.channel,
        teamId: r.team_id,
        assigneeId: r.assignee_id,
        tags: JSON.parse(r.tags) as string[],
        customerType: r.customer_type,
        accountTier: r.tier,
        calendar: r.calendar_id === null || r.calendar_version === null ? null : calendarKey(r.calendar_id, r.calendar_version),
      }));
      const eventFacts: EventFact[] = events.all().map((r) => ({
        id: r.id,
        ticketId: r.ticket_id,
        kind: r.kind,
        actorId: r.actor_id,
        ...(r.actor_kind === null ? {} : { actorKind: r.actor_kind }),
        from: json(r.from_value),
        to: json(r.to_value),
        at: r.at,
      }));
      const feedbackFacts: FeedbackFact[] = feedback.all().map((r) => ({
        id: r.id,
        kind: r.kind,
        score: r.score,
        ticketId: r.ticket_id,
        createdAt: r.created_at,
      }));
      const calendarSpecs = new Map<string, CalendarSpec>();
      for (const r of calendars.all())
        calendarSpecs.set(calendarKey(r.calendar_id, r.revision), {
          timeZone: r.time_zone,
          weeklyHours: JSON.parse(r.weekly_hours) as CalendarSpec['weeklyHours'],
          holidays: JSON.parse(r.holidays) as CalendarSpec['holidays'],
        });
      return { tickets: ticketFacts, events: eventFacts, feedback: feedbackFacts, calendars: calendarSpecs };
    },
  };
}
