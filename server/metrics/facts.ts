/**
 * The facts the service metrics are computed from, read from the tenant's records in PostgreSQL:
 * the same columns Core reads from its cache (electron/core/areas/metrics/metrics.ts), each
 * entity in one statement, only the fields the metrics read. Like Core, a report leaves unread
 * the tickets that cannot change a figure (shared/metrics/narrow.ts): solved or closed, created,
 * changed and rated before the report's earliest window. So the server holds what the report
 * needs, not every ticket and event of the tenant, which at a large tenant outgrew its heap.
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
import type { MetricsRead } from '../../shared/metrics/narrow.ts';
import { UNSOLVED_STATUSES } from '../../shared/domain/ticket-status.ts';
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

/**
 * `read`: what the report may leave unread; null, every row. Only `read.since` narrows here: the
 * filters are applied by `computeMetrics`, as with every row.
 */
export async function readMetricsFacts(q: Queryable, tenantId: string, read: MetricsRead | null): Promise<MetricsFacts> {
  const since = read?.since ?? null;
  // $2: null reads every ticket; else those created, with an event or an answer from `since` on,
  // or unsolved (they count in every backlog).
  const tickets = await q.query<TicketRow>(
    `SELECT t.id::text AS id, t.data ->> 'createdAt' AS created_at, t.data ->> 'status' AS status, t.data ->> 'priority' AS priority,
            t.data ->> 'type' AS type, t.data ->> 'channel' AS channel, t.data ->> 'teamId' AS team_id,
            t.data ->> 'assigneeId' AS assignee_id, t.data -> 'tags' AS tags,
            c.data ->> 'customerType' AS customer_type, a.data ->> 'tier' AS tier,
            t.data -> 'sla' ->> 'calendarId' AS calendar_id, t.data -> 'sla' ->> 'calendarVersion' AS calendar_version
       FROM records t
       LEFT JOIN records c ON c.tenant_id = t.tenant_id AND c.entity = 'contact' AND NOT c.deleted AND c.id::text = t.data ->> 'requesterId'
       LEFT JOIN records a ON a.tenant_id = t.tenant_id AND a.entity = 'account' AND NOT a.deleted AND a.id::text = t.data ->> 'accountId'
      WHERE t.tenant_id = $1 AND t.entity = 'ticket' AND NOT t.deleted
        AND ($2::bigint IS NULL OR (t.data ->> 'createdAt')::bigint >= $2 OR t.data ->> 'status' = ANY($3::text[])
             OR t.id::text IN (
               SELECT e.data ->> 'ticketId' FROM records e
                WHERE e.tenant_id = $1 AND e.entity = 'ticket_event' AND NOT e.deleted AND (e.data ->> 'at')::bigint >= $2
               UNION
               SELECT f.data ->> 'ticketId' FROM records f
                WHERE f.tenant_id = $1 AND f.entity = 'feedback' AND NOT f.deleted AND (f.data ->> 'createdAt')::bigint >= $2))`,
    [tenantId, since, UNSOLVED_STATUSES],
  );
  // The events of the tickets read; the answers given since, and every answer about the tickets
  // read (a ticket's first rating decides whether it counts as rated).
  const ids = since === null ? null : tickets.rows.map((r) => r.id);
  const events = await q.query<EventRow>(
    `SELECT id::text AS id, data ->> 'ticketId' AS ticket_id, data ->> 'kind' AS kind, data ->> 'actorId' AS actor_id,
            data ->> 'actorKind' AS actor_kind, data -> 'from' AS from_value, data -> 'to' AS to_value, data ->> 'at' AS at
       FROM records WHERE tenant_id = $1 AND entity = 'ticket_event' AND NOT deleted
        AND ($2::text[] IS NULL OR data ->> 'ticketId' = ANY($2::text[]))`,
    [tenantId, ids],
  );
  const feedback = await q.query<{ id: string; kind: FeedbackKind; score: string; ticket_id: string | null; created_at: string }>(
    `SELECT id::text AS id, data ->> 'kind' AS kind, data ->> 'score' AS score, data ->> 'ticketId' AS ticket_id, data ->> 'createdAt' AS created_at
       FROM records WHERE tenant_id = $1 AND entity = 'feedback' AND NOT deleted
        AND ($2::bigint IS NULL OR (data ->> 'createdAt')::bigint >= $2 OR data ->> 'ticketId' = ANY($3::text[]))`,
    [tenantId, since, ids ?? []],
  );
  // The changes from `since` on, and each person's last one before it (the status they began with).
  const presence = await q.query<{ id: string; user_id: string; status: PresenceChange['status']; at: string }>(
    `SELECT id, user_id, status, at FROM (
       SELECT id::text AS id, data ->> 'userId' AS user_id, data ->> 'status' AS status, data ->> 'at' AS at,
              (data ->> 'at')::bigint < $2::bigint AS before,
              rank() OVER (PARTITION BY data ->> 'userId', (data ->> 'at')::bigint < $2::bigint ORDER BY (data ->> 'at')::bigint DESC) AS latest
         FROM records WHERE tenant_id = $1 AND entity = 'presence_event' AND NOT deleted
     ) p WHERE $2::bigint IS NULL OR NOT before OR latest = 1`,
    [tenantId, since],
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
