/**
 * The workload board and the escalation queue, counted from the local cache so they work with no
 * network (definitions in docs/metrics.md, "Workload board"). Every count is one pass over the
 * unsolved tickets, grouped in SQL; each figure's tickets are listed by the same conditions, so a
 * number and the list it opens cannot disagree.
 */
import type { Database, Statement } from 'better-sqlite3';
import {
  BACKLOG_BUCKETS,
  type BacklogBucket,
  type BoardAgent,
  type BoardAvailability,
  type BoardEscalations,
  type BoardFigure,
  type BoardTeam,
  type BoardTickets,
  type BoardWorkload,
  type EscalatedTicket,
  type UnsolvedStatus,
} from '../../../../shared/areas/board/channels.ts';
import type { DashboardCoverage } from '../../../../shared/domain/dashboard-coverage.ts';
import { TICKET_PRIORITIES, type TicketPriority } from '../../../../shared/domain/enums.ts';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import { ticketEventChange } from '../../../../shared/domain/ticket-events.ts';
import { UNSOLVED_STATUSES } from '../../../../shared/domain/ticket-status.ts';
import { shiftStateAt, utcWeekStart, WEEK_MS, type Interval, type Shift } from '../../../../shared/routing/records.ts';
import type { Row } from '../../repositories/rows.ts';
import { createRecordStore } from '../../sync/record-store.ts';
import { countConditions, type ResolvedFilter } from '../../repositories/ticket-filter.ts';
import { LIST_SELECT, toListRow } from '../tickets/tickets.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const UNSOLVED = UNSOLVED_STATUSES as UnsolvedStatus[];
const UNSOLVED_SQL = UNSOLVED.map((s) => `'${s}'`).join(', ');

/** Each backlog bucket's creation-time range at `now`, both ends included; each includes its upper age bound. */
export function bucketRange(bucket: BacklogBucket, now: number): { createdFrom?: number; createdTo?: number } {
  const edges: Record<BacklogBucket, [younger: number, older: number | null]> = {
    lt_1d: [0, DAY],
    '1_3d': [DAY, 3 * DAY],
    '3_7d': [3 * DAY, 7 * DAY],
    '7_30d': [7 * DAY, 30 * DAY],
    gt_30d: [30 * DAY, null],
  };
  const [younger, older] = edges[bucket];
  // Age at most `older` is creation at or after now - older; age above `younger`, before now - younger.
  return {
    ...(older === null ? {} : { createdFrom: now - older }),
    ...(younger === 0 ? {} : { createdTo: now - younger - 1 }),
  };
}

/**
 * The lower creation bound of every age bucket but the oldest, youngest first: a ticket created at
 * or after bound i is in bucket i or a younger one.
 */
function bucketBounds(now: number): number[] {
  return BACKLOG_BUCKETS.slice(0, -1).map((b) => bucketRange(b, now).createdFrom!);
}

/**
 * Since when the customer has waited for a public reply, as the board's copy of the unsolved
 * tickets keeps it (migration 023): their first message after the last public reply; null when the
 * last word is the team's. Every figure that reads it lists unsolved tickets only, which the copy holds.
 */
const WAITING_SINCE_SQL = '(SELECT b.waiting_since FROM board_tickets b WHERE b.id = t.id)';

/** What a figure counts: a ticket filter, plus the two conditions a filter cannot say. */
interface FigureQuery {
  filter: ResolvedFilter;
  extra: 'unanswered' | 'unattended' | null;
}

/** The tickets behind one number on the board, at the instant it was counted. */
export function figureQuery(figure: BoardFigure, at: number): FigureQuery {
  if (figure.scope === 'agent') {
    const mine = { assigneeIds: [figure.userId] };
    switch (figure.measure) {
      case 'held':
        return { filter: { ...mine, statuses: UNSOLVED }, extra: null };
      case 'new_open':
        return { filter: { ...mine, statuses: ['new', 'open'] }, extra: null };
      case 'pending':
        return { filter: { ...mine, statuses: ['pending'] }, extra: null };
      case 'on_hold':
        return { filter: { ...mine, statuses: ['on_hold'] }, extra: null };
      case 'unanswered':
        return { filter: { ...mine, statuses: UNSOLVED }, extra: 'unanswered' };
      case 'at_risk':
        return { filter: { ...mine, statuses: UNSOLVED, slaAtRiskAt: at }, extra: null };
      case 'breached':
        return { filter: { ...mine, statuses: UNSOLVED, slaBreachedBy: at }, extra: null };
    }
  }
  const team = { teamIds: [figure.teamId], statuses: UNSOLVED };
  const m = figure.measure;
  switch (m.kind) {
    case 'backlog':
      return { filter: team, extra: null };
    case 'status':
      return { filter: { ...team, statuses: [m.status] }, extra: null };
    case 'priority':
      return { filter: { ...team, priorities: [m.priority] }, extra: null };
    case 'age':
      return { filter: { ...team, ...bucketRange(m.bucket, at) }, extra: null };
    case 'unassigned':
      return { filter: { ...team, assigneeIds: [null] }, extra: null };
    case 'unattended':
      return { filter: team, extra: 'unattended' };
    case 'at_risk':
      return { filter: { ...team, slaAtRiskAt: at }, extra: null };
    case 'breached':
      return { filter: { ...team, slaBreachedBy: at }, extra: null };
  }
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export type PresenceByUser = ReadonlyMap<string, { online: boolean; lastSeenAt: number }>;

export function createBoardRepository(db: Database) {
  const statements = new Map<string, Statement<unknown[]>>();
  /** The SQL text varies only with the figure's shape: prepare each once. */
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size > 100) statements.clear();
      stmt = db.prepare<unknown[]>(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  /** A filter's conditions as one SQL expression (for a CASE inside the aggregate). */
  const expression = (filter: ResolvedFilter) => {
    const { where, params } = countConditions(filter);
    return { sql: where.join(' AND '), params };
  };

  const users = db.prepare<[], { id: string; name: string; role: BoardAgent['user']['role']; capacity: number; active: number }>(
    'SELECT id, name, role, capacity, active FROM users ORDER BY name, id',
  );
  const store = createRecordStore(db);
  // A shift under way started at most 16 hours ago, so in this UTC week or the one before; the
  // next one is looked for up to the week after this one.
  const shiftWeeks = db.prepare<[number, number], string>('SELECT id FROM shift_weeks WHERE week_start BETWEEN ? AND ?').pluck();
  const timeOffs = db.prepare<[number, number], { user_id: string; start: number; end: number }>(
    'SELECT user_id, start, "end" FROM time_offs WHERE start < ? AND "end" > ?',
  );
  /** Each person's presence and roster at `now`, from the synced records routing reads. */
  const availability = (now: number): ((userId: string) => BoardAvailability) => {
    const week = utcWeekStart(now);
    const shifts = new Map<string, Shift[]>();
    for (const id of shiftWeeks.all(week - WEEK_MS, week + WEEK_MS)) {
      const w = store.get('shift_week', id);
      if (w) shifts.set(w.userId, [...(shifts.get(w.userId) ?? []), ...w.shifts]);
    }
    const off = new Map<string, Interval[]>();
    for (const t of timeOffs.all(week + 2 * WEEK_MS, now)) off.set(t.user_id, [...(off.get(t.user_id) ?? []), t]);
    return (userId) => ({
      presence: store.get('agent_presence', userId)?.status ?? 'offline',
      shift: shiftStateAt(shifts.get(userId) ?? [], off.get(userId) ?? [], now),
    });
  };
  const userTeams = db.prepare<[], { user_id: string; team_id: string }>(
    'SELECT user_id, team_id FROM user_teams ORDER BY user_id, position',
  );
  const teams = db.prepare<[], { id: string; name: string }>('SELECT id, name FROM teams ORDER BY name, id');
  interface Group {
    assignee_id: string;
    team_id: string;
    status: UnsolvedStatus;
    priority: TicketPriority;
    n: number;
    /** `within${i}`: how many are no older than bucket i's upper age bound (buckets young to old). */
    [within: `within${number}`]: number;
    unattended: number;
    at_risk: number;
    breached: number;
    waiting: number;
    oldest_waiting: number | null;
  }
  /**
   * One walk of the board's copy of the unsolved tickets in its key order, grouped by everything
   * the board splits them by. The copy names its columns as `tickets` does, so the SLA conditions
   * are the queues' own (repositories/ticket-filter.ts) and a number agrees with the list it opens.
   * Age buckets are counted as cumulative "created within" sums, so the grouping follows the key
   * and needs no sort.
   */
  const groups = (now: number): Group[] => {
    const atRisk = expression({ slaAtRiskAt: now });
    const breached = expression({ slaBreachedBy: now });
    const within = bucketBounds(now);
    return prepared(
      `SELECT t.assignee_id, t.team_id, t.status, t.priority, count(*) AS n,
              ${within.map((_, i) => `sum(t.created_at >= ?) AS within${i},`).join(' ')}
              sum(t.first_reply_at IS NULL) AS unattended,
              sum(CASE WHEN ${atRisk.sql} THEN 1 ELSE 0 END) AS at_risk,
              sum(CASE WHEN ${breached.sql} THEN 1 ELSE 0 END) AS breached,
              count(t.waiting_since) AS waiting, min(t.waiting_since) AS oldest_waiting
       FROM board_tickets t
       GROUP BY t.assignee_id, t.team_id, t.status, t.priority`,
    ).all(...within, ...atRisk.params, ...breached.params) as Group[];
  };

  const escalated = db.prepare<[number], Row>(
    `${LIST_SELECT.replace('SELECT', 'SELECT t.sla_next_due_at, t.sla IS NOT NULL AS has_sla,')} WHERE t.status IN (${UNSOLVED_SQL}) AND t.escalation_tier > 1
     ORDER BY t.escalation_tier DESC, t.updated_at, t.id LIMIT ?`,
  );
  const escalatedCount = db.prepare<[], number>(
    `SELECT count(*) FROM tickets t WHERE t.status IN (${UNSOLVED_SQL}) AND t.escalation_tier > 1`,
  );
  const escalations = db.prepare<[string], { kind: 'escalated'; from_value: string | null; to_value: string | null; at: number }>(
    `SELECT kind, from_value, to_value, at FROM ticket_events WHERE ticket_id = ? AND kind = 'escalated' ORDER BY at DESC, id DESC`,
  );

  return {
    /** `coverage` must hold every team's tickets (the handler refuses anyone else). */
    workload(now: number, coverage: DashboardCoverage, presence: PresenceByUser): BoardWorkload {
      const rows = groups(now);
      const byAgent = new Map<string, BoardAgent>();
      const byTeam = new Map<string, BoardTeam>();
      const teamsOf = new Map<string, string[]>();
      for (const r of userTeams.all()) teamsOf.set(r.user_id, [...(teamsOf.get(r.user_id) ?? []), r.team_id]);
      const availabilityOf = availability(now);
      const holders = new Set(rows.flatMap((r) => (r.assignee_id === '' ? [] : [r.assignee_id])));
      for (const u of users.all()) {
        const takesWork = u.active === 1 && u.capacity > 0;
        if (!takesWork && !holders.has(u.id)) continue;
        const seen = presence.get(u.id);
        byAgent.set(u.id, {
          user: { id: u.id, name: u.name, role: u.role },
          teamIds: teamsOf.get(u.id) ?? [],
          capacity: takesWork ? u.capacity : null,
          newOpen: 0,
          pending: 0,
          onHold: 0,
          unanswered: 0,
          oldestUnansweredSince: null,
          atRisk: 0,
          breached: 0,
          presence: seen ? { state: seen.online ? 'online' : 'seen', lastSeenAt: seen.lastSeenAt } : { state: 'unknown', lastSeenAt: null },
          availability: availabilityOf(u.id),
        });
      }
      for (const t of teams.all())
        byTeam.set(t.id, {
          team: t,
          backlog: 0,
          byAge: zeros(BACKLOG_BUCKETS),
          byStatus: zeros(UNSOLVED),
          byPriority: zeros(TICKET_PRIORITIES),
          unassigned: 0,
          unattended: 0,
          atRisk: 0,
          breached: 0,
        });
      for (const r of rows) {
        const assigned = r.assignee_id !== '';
        const agent = assigned ? byAgent.get(r.assignee_id) : undefined;
        if (agent) {
          if (r.status === 'new' || r.status === 'open') agent.newOpen += r.n;
          else if (r.status === 'pending') agent.pending += r.n;
          else agent.onHold += r.n;
          agent.atRisk += r.at_risk;
          agent.breached += r.breached;
          agent.unanswered += r.waiting;
          if (r.oldest_waiting !== null) agent.oldestUnansweredSince = Math.min(agent.oldestUnansweredSince ?? Infinity, r.oldest_waiting);
        }
        const team = byTeam.get(r.team_id);
        if (!team) continue;
        team.backlog += r.n;
        BACKLOG_BUCKETS.forEach((bucket, i) => {
          const younger = i === 0 ? 0 : r[`within${i - 1}`]!;
          team.byAge[bucket] += (i < BACKLOG_BUCKETS.length - 1 ? r[`within${i}`]! : r.n) - younger;
        });
        team.byStatus[r.status] += r.n;
        team.byPriority[r.priority] += r.n;
        if (!assigned) team.unassigned += r.n;
        team.unattended += r.unattended;
        team.atRisk += r.at_risk;
        team.breached += r.breached;
      }
      return { generatedAt: now, coverage, agents: [...byAgent.values()], teams: [...byTeam.values()] };
    },

    /** The tickets one figure counts, oldest first, as counted at `at`. */
    tickets(figure: BoardFigure, at: number, limit: number): BoardTickets {
      const { filter, extra } = figureQuery(figure, at);
      const { where, params } = countConditions(filter);
      if (extra === 'unanswered') where.push(`${WAITING_SINCE_SQL} IS NOT NULL`);
      if (extra === 'unattended') where.push('t.first_reply_at IS NULL');
      const cond = where.join(' AND ') || '1';
      const order = extra === 'unanswered' ? `${WAITING_SINCE_SQL}, t.id` : 't.created_at, t.id';
      const rows = prepared(`${LIST_SELECT} WHERE ${cond} ORDER BY ${order} LIMIT ?`).all(...params, limit) as Row[];
      const total = prepared(`SELECT count(*) AS n FROM tickets t WHERE ${cond}`).get(...params) as { n: number };
      return { rows: rows.map(toListRow), total: total.n };
    },

    /**
     * Unsolved tickets above tier 1 with the reason and time they were escalated, and their SLA
     * state now. A queue longer than `limit` keeps the least recently updated.
     */
    escalations(now: number, limit: number): BoardEscalations {
      const tickets = escalated.all(limit).map((r): EscalatedTicket => {
        const ticket = toListRow(r);
        // The latest move up the tiers is why the ticket is escalated (a later step down keeps it above tier 1).
        const up = escalations
          .all(ticket.id)
          .map((e) => ({ change: ticketEventChange({ kind: e.kind, from: parse(e.from_value), to: parse(e.to_value) }), at: e.at }))
          .find(({ change }) => change?.kind === 'escalated' && change.to.tier > change.from);
        const reason = up?.change?.kind === 'escalated' ? (up.change.to.reason ?? null) : null;
        return { ticket, tier: ticket.escalationTier, reason, escalatedAt: up?.at ?? null, sla: slaState(r, now) };
      });
      // Within a tier, whoever has waited longest since escalating comes first; an unknown time last.
      tickets.sort((a, b) => b.tier - a.tier || (a.escalatedAt ?? Infinity) - (b.escalatedAt ?? Infinity));
      return { generatedAt: now, tickets, total: escalatedCount.pluck().get() ?? 0 };
    },
  };
}

const parse = (v: string | null): TicketEvent['from'] => (v === null ? null : (JSON.parse(v) as TicketEvent['from']));

/** The same reading of the snapshot's columns as the "SLA at risk" and "Breached" queues (repositories/ticket-filter.ts). */
function slaState(r: Row, now: number): EscalatedTicket['sla'] {
  const nextDue = r.sla_next_due_at as number | null;
  if (r.sla_breached === 1 || (nextDue !== null && nextDue < now)) return 'breached';
  const atRisk = r.sla_at_risk_at as number | null;
  if (atRisk !== null && atRisk <= now && nextDue !== null && nextDue >= now) return 'at_risk';
  return r.has_sla === 1 ? 'ok' : 'none';
}

export type BoardRepository = ReturnType<typeof createBoardRepository>;
