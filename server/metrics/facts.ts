/**
 * The facts the service metrics are computed from, read from the tenant's records in PostgreSQL:
 * the same columns Core reads from its cache (electron/core/areas/metrics/metrics.ts), each
 * entity in one statement, only the fields the metrics read.
 */
import type {
  AccountTier,
  Channel,
  CustomerType,
  FeedbackKind,
  TicketPriority,
  TicketStatus,
  TicketType,
} from '../../shared/domain/enums.ts';
import type { ActorKind } from '../../shared/domain/actors.ts';
import type { TicketEvent } from '../../shared/domain/records.ts';
import { calendarKey, type MetricsFacts } from '../../shared/metrics/facts.ts';
import type { CalendarSpec } from '../../shared/sla/calendar.ts';
import { int, type Queryable } from '../store/db.ts';
import type { PresenceChange } from '../../shared/metrics/presence-time.ts';

interface TicketRow {
  id: string;
  created_at: string;
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
  calendar_version: string | null;
}

interface EventRow {
  id: string;
  ticket_id: string;
  kind: TicketEvent['kind'];
  actor_id: string | null;
  actor_kind: ActorKind | null;
  from_value: TicketEvent['from'];
  to_value: TicketEvent['to'];
  at: string;
}

interface CalendarRow {
  calendar_id: string;
  revision: string;
  time_zone: string;
  weekly_hours: CalendarSpec['weeklyHours'];
  holidays: CalendarSpec['holidays'];
}

export async function readMetricsFacts(q: Queryable, tenantId: string): Promise<MetricsFacts> {
  const tickets = await q.query<TicketRow>(
    `SELECT t.id::text AS id, t.data ->> 'createdAt' AS created_at, t.data ->> 'status' AS status, t.data ->> 'priority' AS priority,
            t.data ->> 'type' AS type, t.data ->> 'channel' AS channel, t.data ->> 'teamId' AS team_id,
            t.data ->> 'assigneeId' AS assignee_id, t.data -> 'tags' AS tags,
            c.data ->> 'customerType' AS customer_type, a.data ->> 'tier' AS tier,
            t.data -> 'sla' ->> 'calendarId' AS calendar_id, t.data -> 'sla' ->> 'calendarVersion' AS calendar_version
       FROM records t
       LEFT JOIN records c ON c.tenant_id = t.tenant_id AND c.entity = 'contact' AND NOT c.deleted AND c.id::text = t.data ->> 'requesterId'
       LEFT JOIN records a ON a.tenant_id = t.tenant_id AND a.entity = 'account' AND NOT a.deleted AND a.id::text = t.data ->> 'accountId'
      WHERE t.tenant_id = $1 AND t.entity = 'ticket' AND NOT t.deleted`,
    [tenantId],
  );
  const events = await q.query<EventRow>(
    `SELECT id::text AS id, data ->> 'ticketId' AS ticket_id, data ->> 'kind' AS kind, data ->> 'actorId' AS actor_id,
            data ->> 'actorKind' AS actor_kind, data -> 'from' AS from_value, data -> 'to' AS to_value, data ->> 'at' AS at
       FROM records WHERE tenant_id = $1 AND entity = 'ticket_event' AND NOT deleted`,
    [tenantId],
  );
  const feedback = await q.query<{ id: string; kind: FeedbackKind; score: string; ticket_id: string | null; created_at: string }>(
    `SELECT id::text AS id, data ->> 'kind' AS kind, data ->> 'score' AS score, data ->> 'ticketId' AS ticket_id, data ->> 'createdAt' AS created_at
       FROM records WHERE tenant_id = $1 AND entity = 'feedback' AND NOT deleted`,
    [tenantId],
  );
  const presence = await q.query<{ id: string; user_id: string; status: PresenceChange['status']; at: string }>(
    `SELECT id::text AS id, data ->> 'userId' AS user_id, data ->> 'status' AS status, data ->> 'at' AS at
       FROM records WHERE tenant_id = $1 AND entity = 'presence_event' AND NOT deleted`,
    [tenantId],
  );
  // The current revision of each calendar and every earlier one a ticket's timers may name.
  const calendars = await q.query<CalendarRow>(
    `SELECT CASE entity WHEN 'business_calendar' THEN id::text ELSE data ->> 'calendarId' END AS calendar_id,
            data ->> 'revision' AS revision, data ->> 'timeZone' AS time_zone, data -> 'weeklyHours' AS weekly_hours, data -> 'holidays' AS holidays
       FROM records WHERE tenant_id = $1 AND entity IN ('business_calendar', 'business_calendar_version') AND NOT deleted`,
    [tenantId],
  );
  return {
    tickets: tickets.rows.map((r) => ({
      id: r.id,
      createdAt: int(r.created_at),
      status: r.status,
      priority: r.priority,
      type: r.type,
      channel: r.channel,
      teamId: r.team_id,
      assigneeId: r.assignee_id,
      tags: r.tags,
      customerType: r.customer_type,
      accountTier: r.tier,
      calendar: r.calendar_id === null || r.calendar_version === null ? null : calendarKey(r.calendar_id, int(r.calendar_version)),
    })),
    events: events.rows.map((r) => ({
      id: r.id,
      ticketId: r.ticket_id,
      kind: r.kind,
      actorId: r.actor_id,
      ...(r.actor_kind === null ? {} : { actorKind: r.actor_kind }),
      from: r.from_value,
      to: r.to_value,
      at: int(r.at),
    })),
    feedback: feedback.rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      score: int(r.score),
      ticketId: r.ticket_id,
      createdAt: int(r.created_at),
    })),
    presence: presence.rows.map((r) => ({ id: r.id, userId: r.user_id, status: r.status, at: int(r.at) })),
    calendars: new Map(
      calendars.rows.map((r) => [
        calendarKey(r.calendar_id, int(r.revision)),
        { timeZone: r.time_zone, weeklyHours: r.weekly_hours, holidays: r.holidays },
      ]),
    ),
  };
}
