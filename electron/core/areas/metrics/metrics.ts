/**
 * The facts the service metrics are computed from, read from the local cache: the tickets with
 * the requester's customer type and the account's tier, their events, the feedback answers and
 * every calendar revision, each in one statement over only the columns the metrics read. Given the
 * earliest instant a report looks at (shared/metrics/narrow.ts), only the tickets that can matter
 * to it are read — created or with an event since, unsolved, or rated since — and the answers
 * given since or about those tickets; the report is the same as from every row (metrics.test.ts),
 * and a month on a large cache reads a small part of it. The tickets come a slice at a time, and a
 * report tallies each slice and lets it go (shared/metrics/compute.ts `startReport`): twelve months
 * at 1M tickets held at once filled most of the 4 GB heap Electron gives Core.
 *
 * A ticket's events are read only when its kept fold (Core migration 024) is stale or holds an
 * event later than the report's instant; otherwise the fold stands for them. Folding a ticket
 * also keeps its SLA clock steps beside the fold (migration 025), which the SLA recompute reads.
 */
import type { Database } from 'better-sqlite3';
import type { FeedbackKind } from '../../../../shared/domain/enums.ts';
import type { ActorKind } from '../../../../shared/domain/actors.ts';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import {
  calendarKey,
  gatherSlices,
  ticketFact,
  type EventFact,
  type FeedbackFact,
  type MetricsFacts,
  type ReportContext,
  type TicketColumns,
  type TicketSlice,
} from '../../../../shared/metrics/facts.ts';
import { foldLog, type FoldedLog } from '../../../../shared/metrics/timeline.ts';
import { UNSOLVED_STATUSES } from '../../../../shared/domain/ticket-status.ts';
import { decodeFold, encodeFold } from './fold-codec.ts';
import { clockSteps } from '../../../../shared/sla/clock.ts';
import { encodeClockSteps } from '../../../../shared/sla/clock-codec.ts';
import type { CalendarSpec } from '../../../../shared/sla/calendar.ts';
import type { PresenceChange } from '../../../../shared/metrics/presence-time.ts';
import type { MetricsRead } from '../../../../shared/metrics/narrow.ts';
import type { MetricsFilters } from '../../../../shared/metrics/query.ts';
import { inLogOrder } from '../../../../shared/domain/log-order.ts';
import { turnOf } from '../../db/turn.ts';
import type { ReadWorker } from '../../db/read-worker.ts';

/** SQLite keeps the tags as JSON text. */
type TicketRow = Omit<TicketColumns, 'tags'> & { tags: string };

interface FoldedRow extends TicketRow {
  log: string | null;
  last_event_at: number | null;
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

type FeedbackRow = { id: string; kind: FeedbackKind; score: number; ticket_id: string | null; created_at: number };

const TICKET_COLUMNS = `t.id, t.created_at, t.status, t.priority, t.type, t.channel, t.team_id, t.assignee_id, t.tags,
            c.customer_type, a.tier,
            json_extract(t.sla, '$.calendarId') AS calendar_id, json_extract(t.sla, '$.calendarVersion') AS calendar_version`;
const TICKET_JOINS = 'LEFT JOIN contacts c ON c.id = t.requester_id LEFT JOIN accounts a ON a.id = t.account_id';
const FOLD_COLUMNS = 'f.log, f.last_event_at';
/** The report filters that are a ticket's (or its requester's, or account's) column, and that column. */
const COLUMN_FILTERS = [
  ['teamIds', 't.team_id'],
  ['agentIds', 't.assignee_id'],
  ['channels', 't.channel'],
  ['priorities', 't.priority'],
  ['types', 't.type'],
  ['customerTypes', 'c.customer_type'],
  ['accountTiers', 'a.tier'],
] as const satisfies readonly (readonly [keyof MetricsFilters, string])[];
const FOLD_JOIN = 'LEFT JOIN folded_logs f ON f.ticket_id = t.id';
const UNSOLVED_SQL = UNSOLVED_STATUSES.map((s) => `'${s}'`).join(', ');
/** Tickets a long read looks up before Core's other requests get a turn: some tens of milliseconds at 1M. */
export const READ_SLICE = 2_000;

/**
 * `reads`: Core's read worker (db/read-worker.ts), which reads each slice's rows while the slice
 * before is computed on Core's thread; without one (a cache in memory) every slice is read here.
 */
export function createMetricsRepository(
  db: Database,
  { readSlice = READ_SLICE, reads = null }: { readSlice?: number; reads?: ReadWorker | null } = {},
) {
  const everyTicket = db.prepare<[], string>('SELECT id FROM tickets ORDER BY id').pluck();
  const feedback = db.prepare<[], FeedbackRow>('SELECT id, kind, score, ticket_id, created_at FROM feedback');
  // The narrowed read (see above): each branch walks an index (the folds' index of each ticket's
  // latest event stands for every event since), and their union is taken here: SQLite's UNION of
  // them sorted the ids in a temporary b-tree, most of the read at 1M tickets. The ids go back in
  // key order, so the tickets are looked up along their index. The filters on a ticket's own
  // columns are applied in the same statement (each a JSON list; empty: no filter), so a filtered
  // report reads no fold it leaves out; its tags are left to `computeMetrics`, which applies every
  // filter.
  const ids = (sql: string) => db.prepare<unknown[], string>(sql).pluck();
  const createdSince = ids('SELECT id FROM tickets WHERE created_at >= ?');
  const unsolved = ids(`SELECT id FROM tickets WHERE status IN (${UNSOLVED_SQL})`);
  const activeSince = ids('SELECT ticket_id FROM folded_logs WHERE last_event_at >= ?');
  const ratedSince = ids('SELECT ticket_id FROM feedback WHERE created_at >= ? AND ticket_id IS NOT NULL');
  const sortedUnion = (...lists: string[][]): string[] => [...new Set(lists.flat())].sort();
  type Narrowing = Record<'ids' | (typeof COLUMN_FILTERS)[number][0], string>;
  const narrowing = (ticketIds: string[], filters: Partial<MetricsFilters> = {}): Narrowing => {
    const params = { ids: JSON.stringify(ticketIds) } as Narrowing;
    for (const [list] of COLUMN_FILTERS) params[list] = JSON.stringify(filters[list] ?? []);
    return params;
  };
  const ticketsInSql = `SELECT ${TICKET_COLUMNS}, ${FOLD_COLUMNS}
       FROM json_each(@ids) j JOIN tickets t ON t.id = j.value ${TICKET_JOINS}
       ${FOLD_JOIN}
      WHERE ${COLUMN_FILTERS.map(([list, column]) => `(@${list} = '[]' OR ${column} IN (SELECT value FROM json_each(@${list})))`).join(' AND ')}`;
  const ticketsIn = db.prepare<Narrowing, FoldedRow>(ticketsInSql);
  /** A slice's rows read on the read worker; null when that failed (the slice is then read here). */
  const rowsAhead = (params: Narrowing): Promise<FoldedRow[] | null> | null =>
    reads ? reads.all<FoldedRow>(ticketsInSql, params).catch(() => null) : null;
  const eventsOf = db.prepare<[string], EventRow>(
    `SELECT e.id, e.ticket_id, e.kind, e.actor_id, e.actor_kind, e.from_value, e.to_value, e.at
       FROM json_each(?) j JOIN ticket_events e ON e.ticket_id = j.value`,
  );
  // The answers given since (the report's context), and the earlier ones about a slice's tickets.
  const feedbackSince = db.prepare<[number], FeedbackRow>(
    'SELECT id, kind, score, ticket_id, created_at FROM feedback WHERE created_at >= ?',
  );
  const feedbackBefore = db.prepare<[string, number], FeedbackRow>(
    `SELECT f.id, f.kind, f.score, f.ticket_id, f.created_at FROM json_each(?) j JOIN feedback f ON f.ticket_id = j.value
      WHERE f.created_at < ?`,
  );
  // The current revision of each calendar and every earlier one a ticket's timers may name.
  const calendars = db.prepare<[], CalendarRow>(
    `SELECT id AS calendar_id, revision, time_zone, weekly_hours, holidays FROM business_calendars
     UNION ALL
     SELECT calendar_id, revision, time_zone, weekly_hours, holidays FROM business_calendar_versions`,
  );
  const json = (text: string | null): EventFact['from'] => (text === null ? null : (JSON.parse(text) as EventFact['from']));
  const eventFact = (r: EventRow): EventFact => ({
    id: r.id,
    ticketId: r.ticket_id,
    kind: r.kind,
    actorId: r.actor_id,
    ...(r.actor_kind === null ? {} : { actorKind: r.actor_kind }),
    from: json(r.from_value),
    to: json(r.to_value),
    at: r.at,
  });

  // The keeper's slice (fold-keeper.ts): stale folds in ticket id order, folded from every event,
  // with the SLA clock's steps of the log read in the order every store reads it (at, then id).
  // Named index: SQLite's planner walked the primary key instead (same order) and read every fold
  // to find none stale, 385 ms at 1M tickets after every change of a ticket.
  const staleAfter = db
    .prepare<[string, number], string>(
      'SELECT ticket_id FROM folded_logs INDEXED BY folded_logs_stale WHERE log IS NULL AND ticket_id > ? ORDER BY ticket_id LIMIT ?',
    )
    .pluck();
  const writeFold = db.prepare<[string, string, string]>('UPDATE folded_logs SET log = ?, clock = ? WHERE ticket_id = ?');
  const foldStale = db.transaction((afterId: string, limit: number): { lastId: string | null; count: number } => {
    const ids = staleAfter.all(afterId, limit);
    const byTicket = new Map<string, EventFact[]>(ids.map((id) => [id, []]));
    for (const r of eventsOf.all(JSON.stringify(ids))) byTicket.get(r.ticket_id)!.push(eventFact(r));
    for (const [id, events] of byTicket)
      writeFold.run(encodeFold(foldLog(events, Infinity)), encodeClockSteps(clockSteps(events.sort(inLogOrder))), id);
    return { lastId: ids.length < limit ? null : ids.at(-1)!, count: ids.length };
  });

  // The strip above an agent's queue (shared/metrics/my-day.ts): tickets with an event today or a
  // CSAT answer in the last 30 days, and those answers.
  const ratedCsatSince = ids("SELECT ticket_id FROM feedback WHERE kind = 'csat' AND created_at >= ? AND ticket_id IS NOT NULL");
  const csatSince = db.prepare<[number], FeedbackRow>(
    "SELECT id, kind, score, ticket_id, created_at FROM feedback WHERE kind = 'csat' AND created_at >= ?",
  );

  const presenceChanges = db.prepare<[], PresenceChange>('SELECT id, user_id AS userId, status, at FROM presence_events');
  // The changes from `since` on, and each person's last one before it (the status they began with).
  const presenceSince = db.prepare<[number, number], PresenceChange>(
    `SELECT id, user_id AS userId, status, at FROM presence_events
      WHERE at >= ? OR (user_id, at) IN (SELECT user_id, max(at) FROM presence_events WHERE at < ? GROUP BY user_id)`,
  );

  const feedbackFact = (r: FeedbackRow): FeedbackFact => ({
    id: r.id,
    kind: r.kind,
    score: r.score,
    ticketId: r.ticket_id,
    createdAt: r.created_at,
  });

  function calendarSpecs(): Map<string, CalendarSpec> {
    const specs = new Map<string, CalendarSpec>();
    for (const r of calendars.all())
      specs.set(calendarKey(r.calendar_id, r.revision), {
        timeZone: r.time_zone,
        weeklyHours: JSON.parse(r.weekly_hours) as CalendarSpec['weeklyHours'],
        holidays: JSON.parse(r.holidays) as CalendarSpec['holidays'],
      });
    return specs;
  }

  /**
   * The slice of `ticketRows` for a report at `now`: each ticket's kept fold where it can stand
   * for its events (current, and no event after `now`), its events read and given otherwise.
   */
  function ticketSlice(ticketRows: FoldedRow[], now: number): Omit<TicketSlice, 'feedback'> {
    const folded = new Map<string, FoldedLog>();
    const unfolded: string[] = [];
    for (const r of ticketRows) {
      const log = r.log !== null && (r.last_event_at ?? -Infinity) <= now ? decodeFold(r.log) : null;
      if (log) folded.set(r.id, log);
      else unfolded.push(r.id);
    }
    const eventRows = unfolded.length ? eventsOf.all(JSON.stringify(unfolded)) : [];
    const tickets = ticketRows.map((r) => ticketFact({ ...r, tags: JSON.parse(r.tags) as string[] }));
    return { tickets, events: eventRows.map(eventFact), folded };
  }

  /**
   * The tickets `ids` names (in key order) that pass `filters`, a slice at a time with a turn of
   * Core's other requests between slices: at 1M a month's report reads 200,000 tickets (seconds),
   * and a navigation's inbox page, or a queue switch, should not wait for all of it. Each ticket is
   * read whole in one statement; a write landing between slices is seen by the slices after it, as
   * if the report had been asked a moment later for those tickets.
   */
  async function* ticketSlices(
    ids: string[],
    now: number,
    { answersBefore = null, filters }: { answersBefore?: number | null; filters?: Partial<MetricsFilters> } = {},
  ): AsyncGenerator<TicketSlice> {
    const paramsAt = (i: number) => narrowing(ids.slice(i, i + readSlice), filters);
    // The first slice is read here (a short report never waits for the worker to start), each
    // next one on the worker while the one before is folded and tallied here.
    let ahead: Promise<FoldedRow[] | null> | null = null;
    for (let i = 0; i < ids.length; i += readSlice) {
      const rowsRead = ahead ? await ahead : null;
      if (i > 0) await turnOf(db, 'the metrics were being read');
      const rows = rowsRead ?? ticketsIn.all(paramsAt(i));
      ahead = i + readSlice < ids.length ? rowsAhead(paramsAt(i + readSlice)) : null;
      const slice = ticketSlice(rows, now);
      // Answers given before the report's first window count in none, but say whether a solved
      // ticket was rated. Read in the same turn as the rows, as the cache may close after it.
      const earlier = answersBefore === null ? [] : feedbackBefore.all(JSON.stringify(slice.tickets.map((t) => t.id)), answersBefore);
      yield { ...slice, feedback: earlier.map(feedbackFact) };
    }
  }

  /** The tickets a report at `now` reads (see `MetricsRead`), a slice at a time. */
  async function* reportSlices(read: MetricsRead | null, now: number): AsyncGenerator<TicketSlice> {
    const since = read?.since ?? null;
    const ids =
      since === null
        ? everyTicket.all()
        : sortedUnion(createdSince.all(since), unsolved.all(), activeSince.all(since), ratedSince.all(since));
    yield* ticketSlices(ids, now, { answersBefore: since, filters: read?.filters });
  }

  /** What a report at `now` reads besides its tickets. */
  function reportContext(read: MetricsRead | null): ReportContext {
    const since = read?.since ?? null;
    return {
      feedback: (since === null ? feedback.all() : feedbackSince.all(since)).map(feedbackFact),
      presence: since === null ? presenceChanges.all() : presenceSince.all(since, since),
      calendars: calendarSpecs(),
    };
  }

  return {
    /**
     * For a report at instant `now` (shared/metrics/compute.ts `startReport`): its context, and its
     * tickets a slice at a time. `read`: what it may leave unread (shared/metrics/narrow.ts); null,
     * every row. The events read are those of the tickets whose fold cannot stand for them (stale,
     * or holding an event after `now`).
     */
    report(read: MetricsRead | null, now: number): { context: ReportContext; slices: AsyncGenerator<TicketSlice> } {
      return { context: reportContext(read), slices: reportSlices(read, now) };
    },
    /** The same facts gathered at once, for comparisons over every row (tests). */
    facts(read: MetricsRead | null, now: number): Promise<MetricsFacts> {
      return gatherSlices(reportContext(read), reportSlices(read, now));
    },
    /**
     * Folds up to `limit` stale logs after ticket `afterId`, in one transaction; `lastId`: where
     * the next slice goes on, null once none is left after `afterId`.
     */
    foldStale,
    /** Every stale log folded, a slice of `sliceSize` per transaction; how many were. */
    foldEveryStale(sliceSize: number): number {
      let count = 0;
      for (let after: string | null = ''; after !== null;) {
        const slice: { lastId: string | null; count: number } = foldStale(after, sliceSize);
        count += slice.count;
        after = slice.lastId;
      }
      return count;
    },
    /** What `computeMyDay` at `now` needs for windows starting at `today` (events) and `csatSince` (answers). */
    async myDayFacts(today: number, since: number, now: number): Promise<MetricsFacts> {
      // The strip shows no presence time.
      const context = { feedback: csatSince.all(since).map(feedbackFact), presence: [], calendars: calendarSpecs() };
      return gatherSlices(context, ticketSlices(sortedUnion(activeSince.all(today), ratedCsatSince.all(since)), now));
    },
  };
}
