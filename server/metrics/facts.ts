/**
 * The facts the service metrics are computed from, read from the tenant's records in PostgreSQL:
 * the same columns Core reads from its cache (electron/core/areas/metrics/metrics.ts), each
 * entity in one statement, only the fields the metrics read. Like Core, a report leaves unread
 * the tickets that cannot change a figure (shared/metrics/narrow.ts): solved or closed, created,
 * changed and rated before the report's earliest window. So the server holds what the report
 * needs, not every ticket and event of the tenant, which at a large tenant outgrew its heap; and
 * it reads them a slice at a time, each tallied and let go (shared/metrics/compute.ts `startReport`),
 * so a year at a large tenant holds counts, not every timeline.
 */
import type { FeedbackKind } from '../../shared/domain/enums.ts';
import type { ActorKind } from '../../shared/domain/actors.ts';
import type { TicketEvent } from '../../shared/domain/records.ts';
import {
  calendarKey,
  ticketFact,
  type FeedbackFact,
  type ReportContext,
  type TicketColumns,
  type TicketSlice,
} from '../../shared/metrics/facts.ts';
import type { MetricsRead } from '../../shared/metrics/narrow.ts';
import { UNSOLVED_STATUSES } from '../../shared/domain/ticket-status.ts';
import type { CalendarSpec } from '../../shared/sla/calendar.ts';
import { int, type Queryable } from '../store/db.ts';
import type { PresenceChange } from '../../shared/metrics/presence-time.ts';

/** PostgreSQL hands the instants and the version back as text (`int` reads them). */
type TicketRow = Omit<TicketColumns, 'created_at' | 'calendar_version'> & { created_at: string; calendar_version: string | null };

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

const TICKET_COLUMNS = `t.id::text AS id, t.data ->> 'createdAt' AS created_at, t.data ->> 'status' AS status, t.data ->> 'priority' AS priority,
            t.data ->> 'type' AS type, t.data ->> 'channel' AS channel, t.data ->> 'teamId' AS team_id,
            t.data ->> 'assigneeId' AS assignee_id, t.data -> 'tags' AS tags,
            c.data ->> 'customerType' AS customer_type, a.data ->> 'tier' AS tier,
            t.data -> 'sla' ->> 'calendarId' AS calendar_id, t.data -> 'sla' ->> 'calendarVersion' AS calendar_version`;

/** Tickets a slice's statements read at once: a slice's rows and events are then let go (compute.ts `startReport`). */
export const TICKET_SLICE = 2_000;

/**
 * The ids of the tickets a report reads, in id order. `read`: what the report may leave unread;
 * null, every row. Only `read.since` narrows here: the filters are applied by the report, as with
 * every row. From `since` on it reads those created, with an event or an answer, or unsolved
 * (they count in every backlog).
 */
async function reportTicketIds(q: Queryable, tenantId: string, since: number | null): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT t.id::text AS id FROM records t
      WHERE t.tenant_id = $1 AND t.entity = 'ticket' AND NOT t.deleted
        AND ($2::bigint IS NULL OR (t.data ->> 'createdAt')::bigint >= $2 OR t.data ->> 'status' = ANY($3::text[])
             OR t.id::text IN (
               SELECT e.data ->> 'ticketId' FROM records e
                WHERE e.tenant_id = $1 AND e.entity = 'ticket_event' AND NOT e.deleted AND (e.data ->> 'at')::bigint >= $2
               UNION
               SELECT f.data ->> 'ticketId' FROM records f
                WHERE f.tenant_id = $1 AND f.entity = 'feedback' AND NOT f.deleted AND (f.data ->> 'createdAt')::bigint >= $2))
      ORDER BY t.id`,
    [tenantId, since, UNSOLVED_STATUSES],
  );
  return rows.map((r) => r.id);
}

type FeedbackRow = { id: string; kind: FeedbackKind; score: string; ticket_id: string | null; created_at: string };

const feedbackFact = (r: FeedbackRow): FeedbackFact => ({
  id: r.id,
  kind: r.kind,
  score: int(r.score),
  ticketId: r.ticket_id,
  createdAt: int(r.created_at),
});

/** A report's tickets (see `reportTicketIds`), a slice at a time: rows, every event, and the answers about them before `since`. */
export async function* readTicketSlices(
  q: Queryable,
  tenantId: string,
  read: MetricsRead | null,
  sliceSize = TICKET_SLICE,
): AsyncGenerator<TicketSlice> {
  const since = read?.since ?? null;
  const ids = await reportTicketIds(q, tenantId, since);
  // Answers before `since` count in no window, but a ticket's first rating decides whether it
  // counts as rated. Feedback has no index by ticket: one pass for every slice, not one each.
  const earlier = new Map<string, FeedbackFact[]>();
  if (since !== null) {
    const { rows } = await q.query<FeedbackRow>(
      `SELECT id::text AS id, data ->> 'kind' AS kind, data ->> 'score' AS score, data ->> 'ticketId' AS ticket_id, data ->> 'createdAt' AS created_at
         FROM records WHERE tenant_id = $1 AND entity = 'feedback' AND NOT deleted
          AND data ->> 'ticketId' = ANY($2::text[]) AND (data ->> 'createdAt')::bigint < $3`,
      [tenantId, ids, since],
    );
    for (const r of rows) {
      const list = earlier.get(r.ticket_id!);
      if (list) list.push(feedbackFact(r));
      else earlier.set(r.ticket_id!, [feedbackFact(r)]);
    }
  }
  for (let i = 0; i < ids.length; i += sliceSize) {
    const slice = ids.slice(i, i + sliceSize);
    // By key (ids compared as uuids, not as text), so a slice reads its own rows, not the tenant's.
    const tickets = await q.query<TicketRow>(
      `SELECT ${TICKET_COLUMNS}
         FROM records t
         LEFT JOIN records c ON c.tenant_id = t.tenant_id AND c.entity = 'contact' AND NOT c.deleted AND c.id = (t.data ->> 'requesterId')::uuid
         LEFT JOIN records a ON a.tenant_id = t.tenant_id AND a.entity = 'account' AND NOT a.deleted AND a.id = (t.data ->> 'accountId')::uuid
        WHERE t.tenant_id = $1 AND t.entity = 'ticket' AND NOT t.deleted AND t.id = ANY($2::uuid[])`,
      [tenantId, slice],
    );
    const events = await q.query<EventRow>(
      `SELECT id::text AS id, data ->> 'ticketId' AS ticket_id, data ->> 'kind' AS kind, data ->> 'actorId' AS actor_id,
              data ->> 'actorKind' AS actor_kind, data -> 'from' AS from_value, data -> 'to' AS to_value, data ->> 'at' AS at
         FROM records WHERE tenant_id = $1 AND entity = 'ticket_event' AND NOT deleted AND data ->> 'ticketId' = ANY($2::text[])`,
      [tenantId, slice],
    );
    yield {
      tickets: tickets.rows.map((r) =>
        ticketFact({
          ...r,
          created_at: int(r.created_at),
          calendar_version: r.calendar_version === null ? null : int(r.calendar_version),
        }),
      ),
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
      feedback: slice.flatMap((id) => earlier.get(id) ?? []),
    };
  }
}

/** What a report reads besides its tickets: the answers given since (every one: null), presence, calendars. */
export async function readReportContext(q: Queryable, tenantId: string, read: MetricsRead | null): Promise<ReportContext> {
  const since = read?.since ?? null;
  const feedback = await q.query<FeedbackRow>(
    `SELECT id::text AS id, data ->> 'kind' AS kind, data ->> 'score' AS score, data ->> 'ticketId' AS ticket_id, data ->> 'createdAt' AS created_at
       FROM records WHERE tenant_id = $1 AND entity = 'feedback' AND NOT deleted
        AND ($2::bigint IS NULL OR (data ->> 'createdAt')::bigint >= $2)`,
    [tenantId, since],
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
    feedback: feedback.rows.map(feedbackFact),
    presence: presence.rows.map((r) => ({ id: r.id, userId: r.user_id, status: r.status, at: int(r.at) })),
    calendars: new Map(
      calendars.rows.map((r) => [
        calendarKey(r.calendar_id, int(r.revision)),
        { timeZone: r.time_zone, weeklyHours: r.weekly_hours, holidays: r.holidays },
      ]),
    ),
  };
}
