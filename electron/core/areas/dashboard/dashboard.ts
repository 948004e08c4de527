/**
 * The dashboard's figures, counted from the local cache so they work with no network. The cache
 * holds what its person may see, so the summary says what it covers (docs/metrics.md).
 */
import type { Database } from 'better-sqlite3';
import type { DashboardSummary } from '../../../../shared/contract/channels.ts';
import { dashboardCoverage, holdsWholeWorkload, type CoverageViewer } from '../../../../shared/domain/dashboard-coverage.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../../shared/domain/enums.ts';
import { UNSOLVED_STATUSES } from '../../../../shared/domain/ticket-status.ts';
import { builtinView } from '../../../../shared/domain/views.ts';
import { countConditions } from '../../repositories/ticket-filter.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const UNSOLVED_SQL = UNSOLVED_STATUSES.map((s) => `'${s}'`).join(', ');

export function createDashboardRepository(db: Database) {
  const byStatus = db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM tickets GROUP BY status');
  const unsolvedByPriority = db.prepare<[], { priority: string; n: number }>(
    `SELECT priority, count(*) AS n FROM tickets WHERE status IN (${UNSOLVED_SQL}) GROUP BY priority`,
  );
  const unassigned = db.prepare<[], { n: number }>(
    `SELECT count(*) AS n FROM tickets WHERE assignee_id IS NULL AND status IN (${UNSOLVED_SQL})`,
  );
  // The SLA figures count exactly what the "SLA at risk" and "Breached" queues list (docs/metrics.md).
  const slaCount = (view: 'sla_at_risk' | 'sla_breached', now: number): number => {
    const { where, params } = countConditions(builtinView(view, now, []).filter);
    return (
      db
        .prepare<unknown[], number>(`SELECT count(*) FROM tickets t WHERE ${where.join(' AND ')}`)
        .pluck()
        .get(...params) ?? 0
    );
  };
  const createdSince = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM tickets WHERE created_at >= ?');
  const solvedSince = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM tickets WHERE solved_at >= ?');
  const backlog = db.prepare<[number, number, number, number], { bucket: DashboardSummary['backlogByAge'][number]['bucket']; n: number }>(
    `SELECT CASE WHEN created_at >= ? THEN 'lt_1d' WHEN created_at >= ? THEN '1_3d' WHEN created_at >= ? THEN '3_7d'
                 WHEN created_at >= ? THEN '7_30d' ELSE 'gt_30d' END AS bucket, count(*) AS n
     FROM tickets WHERE status IN (${UNSOLVED_SQL}) GROUP BY bucket`,
  );
  const users = db.prepare<[], { id: string; name: string; role: DashboardSummary['workload'][number]['user']['role']; capacity: number }>(
    'SELECT id, name, role, capacity FROM users WHERE active = 1 ORDER BY name, id',
  );
  const ownsAccounts = db.prepare<[string], { n: number }>('SELECT EXISTS (SELECT 1 FROM accounts WHERE owner_id = ?) AS n');
  // One pass over the unsolved tickets (covered by tickets_status_updated) for everyone at once.
  const openByAssignee = db.prepare<[], { assignee_id: string; n: number }>(
    `SELECT assignee_id, count(*) AS n FROM tickets WHERE status IN (${UNSOLVED_SQL}) AND assignee_id IS NOT NULL GROUP BY assignee_id`,
  );

  /**
   * With every ticket at hand: everyone who takes work (capacity above 0), against their capacity.
   * Otherwise only the people with unsolved tickets among those held, and no capacity to compare.
   */
  const workload = (whole: boolean): DashboardSummary['workload'] => {
    const open = new Map(openByAssignee.all().map((r) => [r.assignee_id, r.n]));
    return users
      .all()
      .filter((u) => (whole ? u.capacity > 0 : open.has(u.id)))
      .map((u) => ({ user: { id: u.id, name: u.name, role: u.role }, open: open.get(u.id) ?? 0, capacity: whole ? u.capacity : null }));
  };

  return {
    /** The signed-in person as the coverage rule needs them. */
    viewer(user: { id: string; role: CoverageViewer['role']; teamIds: readonly string[] }): CoverageViewer {
      return { role: user.role, teamIds: user.teamIds, ownsAccounts: ownsAccounts.get(user.id)?.n === 1 };
    },

    /** `viewer` null: no server, so the cache is everything there is. */
    summary(now: number, viewer: CoverageViewer | null): DashboardSummary {
      const coverage = dashboardCoverage(viewer);
      const statusCounts = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as DashboardSummary['byStatus'];
      for (const r of byStatus.all()) statusCounts[r.status as keyof typeof statusCounts] = r.n;
      const priorityCounts = Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, 0])) as DashboardSummary['unsolvedByPriority'];
      for (const r of unsolvedByPriority.all()) priorityCounts[r.priority as keyof typeof priorityCounts] = r.n;
      const buckets: DashboardSummary['backlogByAge'] = (['lt_1d', '1_3d', '3_7d', '7_30d', 'gt_30d'] as const).map((bucket) => ({
        bucket,
        count: 0,
      }));
      for (const r of backlog.all(now - DAY, now - 3 * DAY, now - 7 * DAY, now - 30 * DAY)) {
        const b = buckets.find((x) => x.bucket === r.bucket);
        if (b) b.count = r.n;
      }
      return {
        generatedAt: now,
        coverage,
        byStatus: statusCounts,
        unsolvedByPriority: priorityCounts,
        unassigned: unassigned.get()?.n ?? 0,
        slaAtRisk: slaCount('sla_at_risk', now),
        slaBreached: slaCount('sla_breached', now),
        createdLast24h: createdSince.get(now - DAY)?.n ?? 0,
        solvedLast24h: solvedSince.get(now - DAY)?.n ?? 0,
        backlogByAge: buckets,
        workload: workload(holdsWholeWorkload(coverage)),
      };
    },
  };
}

export type DashboardRepository = ReturnType<typeof createDashboardRepository>;
