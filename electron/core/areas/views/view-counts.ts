/**
 * How many tickets a queue holds, for the sidebar, without counting the ticket table.
 *
 * A filter on status, priority, team and assignee only (five of the eight built-in queues, and
 * saved views of that shape) is a sum over `ticket_counts`, which triggers keep exact on every
 * ticket write (db/migrations/005_view_counts.ts): a few rows whatever the tenant's size. Any
 * other filter (a time window, tags, an account, a customer type, ...) is counted on the tickets'
 * indexes with a LIMIT, so it costs at most `cap` + 1 index entries and answers "cap+" past that:
 * a queue of thousands needs no exact figure, a person needs it to never lag the list.
 */
import type { Database, Statement } from 'better-sqlite3';
import { countConditions, type ResolvedFilter } from '../../repositories/ticket-filter.ts';

export interface ViewCount {
  /** The number of tickets, or `cap` when there are more (then `capped` is true). */
  count: number;
  capped: boolean;
}

/** Fields `ticket_counts` is grouped by, with its column for each. */
const AGGREGATED = { statuses: 'status', priorities: 'priority', teamIds: 'team_id', assigneeIds: 'assignee_id' } as const;

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

  function limited(filter: ResolvedFilter, cap: number): ViewCount {
    const { where, params } = countConditions(filter);
    // The requester is joined only when the filter needs it: one more lookup per ticket counted.
    const join = filter.customerTypes !== undefined ? ' CROSS JOIN contacts c ON c.id = t.requester_id' : '';
    const sql = `SELECT count(*) FROM (SELECT 1 FROM tickets t${join}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} LIMIT ?)`;
    const n = prepared(sql).get(...params, cap + 1) as number;
    return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
  }

  return {
    count(filter, cap) {
      return isAggregated(filter) ? { count: aggregated(filter), capped: false } : limited(filter, cap);
    },
  };
}
