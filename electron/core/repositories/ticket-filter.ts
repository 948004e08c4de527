/**
 * Turns a TicketFilter into SQL conditions over `tickets t` (joined with the requester `c`).
 * Within a field the values are alternatives (any of these statuses); fields combine with AND,
 * and so do a view's filter and the caller's own (combineFilters).
 */
import type { TicketFilter } from '../../../shared/domain/records.ts';
import { UNSOLVED_STATUSES } from '../../../shared/domain/ticket-status.ts';

export type ResolvedFilter = Omit<TicketFilter, 'assigneeIds'> & { assigneeIds?: (string | null)[] };

/** Replaces 'me' by the current user's id; with nobody signed in, 'me' matches no one. */
export function resolveMe(filter: TicketFilter, meId: string | null): ResolvedFilter {
  if (!filter.assigneeIds) return filter as ResolvedFilter;
  const ids = filter.assigneeIds.flatMap((a) => (a === 'me' ? (meId ? [meId] : []) : [a]));
  return { ...filter, assigneeIds: [...new Set(ids)] };
}

const LIST_FIELDS = [
  'statuses',
  'priorities',
  'types',
  'channels',
  'assigneeIds',
  'teamIds',
  'accountIds',
  'requesterIds',
  'customerTypes',
  'tags',
] as const;

/** Both filters at once: lists intersect, ranges narrow to their overlap. */
export function combineFilters(a: ResolvedFilter, b: ResolvedFilter): ResolvedFilter {
  const out: Record<string, unknown> = { ...a, ...b };
  for (const field of LIST_FIELDS) {
    const x = a[field] as unknown[] | undefined;
    const y = b[field] as unknown[] | undefined;
    if (x && y) out[field] = x.filter((v) => y.includes(v));
  }
  for (const field of ['createdFrom', 'updatedFrom'] as const) {
    if (a[field] !== undefined && b[field] !== undefined) out[field] = Math.max(a[field], b[field]);
  }
  for (const field of ['createdTo', 'updatedTo', 'dueBefore'] as const) {
    if (a[field] !== undefined && b[field] !== undefined) out[field] = Math.min(a[field], b[field]);
  }
  return out as ResolvedFilter;
}

export interface SqlConditions {
  where: string[];
  params: unknown[];
}

/**
 * Which filter may drive the query through its index, for a sort; every other condition is written
 * with a unary plus (`+t.status IN ...`), which SQLite cannot use for an index, so it checks it on
 * the rows walked instead. Walking the sort's own index and checking filters stops after ~limit
 * matches; letting the planner fetch every row of a broad filter (70% of tickets are in "my
 * teams") and sort them is what made pages slow. Only a filter narrow to one value drives:
 * one requester, account or assignee (a few thousand rows at most, sorted if need be), or one
 * team or status when an index on (it, updated_at) serves the updated sort in order.
 */
export type DrivingColumn = 't.requester_id' | 't.account_id' | 't.assignee_id' | 't.team_id' | 't.status';

export function drivingColumn(f: ResolvedFilter, sortLeadsWithUpdated: boolean): DrivingColumn | null {
  const one = (values: readonly unknown[] | undefined) => values !== undefined && values.length === 1;
  if (one(f.requesterIds)) return 't.requester_id';
  if (one(f.accountIds)) return 't.account_id';
  if (one(f.assigneeIds)) return 't.assignee_id';
  if (sortLeadsWithUpdated && one(f.teamIds)) return 't.team_id';
  if (sortLeadsWithUpdated && one(f.statuses)) return 't.status';
  return null;
}

/**
 * `sortColumn` is the first column of the sort: ranges on it use the sort's own index.
 *
 * One person's unsolved tickets ("My tickets", the queue a console opens on) come from the board's
 * copy of the unsolved tickets (migration 023), keyed by assignee first, and are then sorted: a
 * long-serving agent of a large tenant has tens of thousands of solved tickets, and walking their
 * assignee index in sort order read every one of them to find the few open (540 ms for 40 of 90,491
 * at 1M tickets).
 */
export function filterConditions(f: ResolvedFilter, driving: DrivingColumn | null = null, sortColumn = ''): SqlConditions {
  const assignee = driving === 't.assignee_id' ? f.assigneeIds?.[0] : undefined;
  const fromBoard = typeof assignee === 'string' && f.statuses !== undefined && f.statuses.every((s) => UNSOLVED_STATUSES.includes(s));
  const c = conditions(f, (name) => (!fromBoard && (name === driving || name === sortColumn) ? name : `+${name}`), 'exists');
  if (fromBoard) {
    c.where.push('t.id IN (SELECT b.id FROM board_tickets b WHERE b.assignee_id = ?)');
    c.params.push(assignee);
  }
  return c;
}

/**
 * The same conditions for a count, which has no order to keep, so the planner may pick the
 * narrowest index; two choices it gets wrong on the demo data (measured with
 * `node bench/view-counts.ts`) are made here instead. Tags: with one assignee, requester or
 * account to drive, each of their tickets is probed in ticket_tags; otherwise the tickets come
 * from ticket_tags' (tag, id) key, which makes a rare tag cheap. A due-time bound: the walk is a
 * range of the tickets_due index, which carries the status, rather than the status index, which
 * would read every unsolved ticket's row for its due time.
 */
export function countConditions(f: ResolvedFilter): SqlConditions {
  const byDue = f.dueBefore !== undefined;
  const col = (name: string) => (byDue && name === 't.status' ? `+${name}` : name);
  return conditions(f, col, drivingColumn(f, false) ? 'exists' : 'in');
}

function conditions(f: ResolvedFilter, col: (name: string) => string, tagsAs: 'exists' | 'in'): SqlConditions {
  const where: string[] = [];
  const params: unknown[] = [];
  const anyOf = (column: string, values: readonly unknown[] | undefined) => {
    if (values === undefined) return;
    if (values.length === 0) {
      where.push('0');
      return;
    }
    where.push(values.length === 1 ? `${col(column)} = ?` : `${col(column)} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  anyOf('t.status', f.statuses);
  anyOf('t.priority', f.priorities);
  anyOf('t.type', f.types);
  anyOf('t.channel', f.channels);
  if (f.assigneeIds !== undefined) {
    const ids = f.assigneeIds.filter((a): a is string => a !== null);
    const unassigned = f.assigneeIds.includes(null);
    if (ids.length && unassigned) {
      where.push(`(+t.assignee_id IN (${ids.map(() => '?').join(', ')}) OR +t.assignee_id IS NULL)`);
      params.push(...ids);
    } else if (unassigned) where.push(`${col('t.assignee_id')} IS NULL`);
    else anyOf('t.assignee_id', ids);
  }
  anyOf('t.team_id', f.teamIds);
  anyOf('t.account_id', f.accountIds);
  anyOf('t.requester_id', f.requesterIds);
  anyOf('c.customer_type', f.customerTypes);
  if (f.tags !== undefined) {
    const marks = f.tags.map(() => '?').join(', ');
    if (f.tags.length === 0) where.push('0');
    else if (tagsAs === 'in') where.push(`t.id IN (SELECT g.ticket_id FROM ticket_tags g WHERE g.tag IN (${marks}))`);
    // Checked per row walked (one probe of ticket_tags' (ticket_id) index) rather than
    // collecting every ticket with the tag first, which costs thousands of rows for a common tag.
    else where.push(`EXISTS (SELECT 1 FROM ticket_tags g WHERE g.ticket_id = t.id AND g.tag IN (${marks}))`);
    params.push(...f.tags);
  }
  const range = (column: string, op: string, value: number | undefined) => {
    if (value === undefined) return;
    where.push(`${col(column)} ${op} ?`);
    params.push(value);
  };
  range('t.created_at', '>=', f.createdFrom);
  range('t.created_at', '<=', f.createdTo);
  range('t.updated_at', '>=', f.updatedFrom);
  range('t.updated_at', '<=', f.updatedTo);
  range('t.due_key', '<', f.dueBefore);
  // The snapshot's figures (migration 012): a running timer past its share and no target past
  // due; or a breach recorded, or a counting timer now past due.
  if (f.slaAtRiskAt !== undefined) {
    // The due key of an unsolved ticket is its snapshot's next due instant, so "not yet past due"
    // is also a bound on the due index: the walk in due order starts at now instead of passing
    // every overdue ticket first.
    where.push(`${col('t.sla_at_risk_at')} <= ? AND ${col('t.sla_breached')} = 0 AND ${col('t.sla_next_due_at')} >= ? AND t.due_key >= ?`);
    params.push(f.slaAtRiskAt, f.slaAtRiskAt, f.slaAtRiskAt);
  }
  if (f.slaBreachedBy !== undefined) {
    where.push(`(${col('t.sla_breached')} = 1 OR ${col('t.sla_next_due_at')} < ?)`);
    params.push(f.slaBreachedBy);
  }
  return { where, params };
}
