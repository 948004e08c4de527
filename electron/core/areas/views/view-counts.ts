/**
 * How many tickets a queue holds, for the sidebar, without counting the ticket table.
 *
 * A filter on status, priority, team and assignee only (five of the eight built-in queues, and
 * saved views of that shape) is a sum over `ticket_counts`, which triggers keep exact on every
 * ticket write (db/migrations/005_view_counts.ts): a few rows whatever the tenant's size. Any
 * other filter (a time window, tags, an account, a customer type, ...) is counted on the tickets'
 * indexes with a LIMIT, so it costs at most `cap` + 1 index entries and answers "cap+" past that:
 * a queue of thousands needs no exact figure, a person needs it to never lag the list.
 *
 * An SLA queue ("SLA at risk", "Breached") of unsolved tickets narrowed at most by status,
 * priority, team and assignee is counted over the board's copy of the unsolved tickets (migration
 * 023), which holds the same due instants: "SLA at risk" holds a few hundred tickets, so counting
 * it on the tickets' due index walked the whole index before the cap stopped it (1.3 s at 1M).
 */
import type { Database, Statement } from 'better-sqlite3';
import { UNSOLVED_STATUSES } from '../../../../shared/domain/ticket-status.ts';
import { countConditions, type ResolvedFilter } from '../../repositories/ticket-filter.ts';

export interface ViewCount {
  /** The number of tickets, or `cap` when there are more (then `capped` is true). */
  count: number;
  capped: boolean;
}

/** Fields `ticket_counts` is grouped by, with its column for each. */
const AGGREGATED = { statuses: 'status', priorities: 'priority', teamIds: 'team_id', assigneeIds: 'assignee_id' } as const;

/** The SLA queues' own fields: the board's copy holds the instants they compare. */
const SLA_FIELDS = new Set(['slaAtRiskAt', 'slaBreachedBy']);

/**
 * Whether the filter is an SLA queue the board's copy answers: unsolved statuses, an assignee
 * other than "nobody" (the copy files no assignee under ''), and only fields the copy holds, under
 * the same column names as `tickets`.
 */
function isOnBoard(filter: ResolvedFilter): boolean {
  if (filter.slaAtRiskAt === undefined && filter.slaBreachedBy === undefined) return false;
  if (!filter.statuses?.every((s) => UNSOLVED_STATUSES.includes(s)) || filter.assigneeIds?.includes(null)) return false;
  return Object.entries(filter).every(([field, value]) => value === undefined || Object.hasOwn(AGGREGATED, field) || SLA_FIELDS.has(field));
}

/** Whether the filter only narrows fields `ticket_counts` is grouped by. */
export function isAggregated(filter: ResolvedFilter): boolean {
  return Object.entries(filter).every(([field, value]) => value === undefined || Object.hasOwn(AGGREGATED, field));
}

export interface ViewCountsRepository {
  /** The tickets matching a filter; with `cap`, counting stops past it. */
  count(filter: ResolvedFilter, cap: number): ViewCount;
}

export function createViewCountsRepository(db: Database): ViewCountsRepository {
  const statements = new Map<string, Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size > 100) statements.clear();
      stmt = db.prepare<unknown[]>(sql).pluck();
      statements.set(sql, stmt);
    }
    return stmt;
  };

  function aggregated(filter: ResolvedFilter): number {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [field, column] of Object.entries(AGGREGATED)) {
      const values = filter[field as keyof typeof AGGREGATED];
      if (values === undefined) continue;
      if (values.length === 0) return 0;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      // ticket_counts files an unassigned ticket under ''.
      params.push(...values.map((v) => v ?? ''));
    }
    const sql = `SELECT coalesce(sum(n), 0) FROM ticket_counts${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    return prepared(sql).get(...params) as number;
  }

  /** `table`: `tickets`, or `board_tickets` for a filter `isOnBoard` accepts (the same conditions apply). */
  function limited(filter: ResolvedFilter, cap: number, table: 'tickets' | 'board_tickets'): ViewCount {
    const { where, params } = countConditions(filter);
    // The requester is joined only when the filter needs it: one more lookup per ticket counted.
    const join = filter.customerTypes !== undefined ? ' CROSS JOIN contacts c ON c.id = t.requester_id' : '';
    const sql = `SELECT count(*) FROM (SELECT 1 FROM ${table} t${join}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} LIMIT ?)`;
    const n = prepared(sql).get(...params, cap + 1) as number;
    return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
  }

  return {
    count(filter, cap) {
      if (isAggregated(filter)) return { count: aggregated(filter), capped: false };
      return limited(filter, cap, isOnBoard(filter) ? 'board_tickets' : 'tickets');
    },
  };
}
