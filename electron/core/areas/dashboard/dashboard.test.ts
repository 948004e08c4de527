/**
 * Every dashboard figure held to an independent computation over the cached tickets (plain
 * JavaScript over SELECT *, none of the repository's SQL), and what the figures cover held to who
 * is looking (docs/metrics.md).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { seedDemoDatabase } from '../../demo/seed.ts';
import { call, DEMO_NOW, seededCore, tempDir } from '../../testing/fixtures.ts';
import { createDashboardRepository } from './dashboard.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const db = openDatabase(join(tempDir(), 'dashboard.db'), { now: () => DEMO_NOW });
seedDemoDatabase(db, { tickets: 800, seed: 5, now: DEMO_NOW });
const dashboard = createDashboardRepository(db);

interface TicketRow {
  status: string;
  priority: string;
  assignee_id: string | null;
  created_at: number;
  solved_at: number | null;
  first_reply_due_at: number | null;
  next_reply_due_at: number | null;
  resolution_due_at: number | null;
  sla: string | null;
}
interface UserRow {
  id: string;
  name: string;
  role: string;
  capacity: number;
  active: number;
}
const tickets = db.prepare('SELECT * FROM tickets').all() as TicketRow[];
const users = db.prepare('SELECT * FROM users').all() as UserRow[];
const unsolved = tickets.filter((t) => ['new', 'open', 'pending', 'on_hold'].includes(t.status));
interface Timer {
  state: string;
  dueAt: number | null;
  atRiskAt: number | null;
  stoppedAt: number | null;
}
/**
 * A ticket's SLA state at `now` read straight from its stored snapshot's timers (docs/metrics.md):
 * breached when a timer breached or one still counting is past due; else at risk when a running
 * one is past its at-risk instant.
 */
const slaState = (t: TicketRow, now: number): 'breached' | 'at_risk' | null => {
  if (!t.sla || !['new', 'open', 'pending', 'on_hold'].includes(t.status)) return null;
  const sla = JSON.parse(t.sla) as Record<string, Timer | null>;
  const timers = [sla.firstReply, sla.nextReply, sla.resolution].filter((x): x is Timer => x !== null);
  if (timers.some((x) => x.state === 'breached' || (x.state === 'running' && x.dueAt! < now))) return 'breached';
  return timers.some((x) => x.state === 'running' && x.atRiskAt! <= now) ? 'at_risk' : null;
};
const countBy = <T>(rows: T[], key: (row: T) => string) => {
  const out: Record<string, number> = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
};
const openOf = (userId: string) => unsolved.filter((t) => t.assignee_id === userId).length;

describe('the dashboard', () => {
  it('computes every figure as an independent count over the cached tickets does', () => {
    const summary = dashboard.summary(DEMO_NOW, null);
    const byStatus = countBy(tickets, (t) => t.status);
    for (const [status, n] of Object.entries(summary.byStatus)) expect({ status, n }).toEqual({ status, n: byStatus[status] ?? 0 });
    const byPriority = countBy(unsolved, (t) => t.priority);
    for (const [priority, n] of Object.entries(summary.unsolvedByPriority))
      expect({ priority, n }).toEqual({ priority, n: byPriority[priority] ?? 0 });
    expect(summary.unassigned).toBe(unsolved.filter((t) => t.assignee_id === null).length);
    expect(summary.slaBreached).toBe(tickets.filter((t) => slaState(t, DEMO_NOW) === 'breached').length);
    expect(summary.slaAtRisk).toBe(tickets.filter((t) => slaState(t, DEMO_NOW) === 'at_risk').length);
    expect(summary.createdLast24h).toBe(tickets.filter((t) => t.created_at >= DEMO_NOW - DAY).length);
    expect(summary.solvedLast24h).toBe(tickets.filter((t) => t.solved_at !== null && t.solved_at >= DEMO_NOW - DAY).length);
    const age = (t: TicketRow) => DEMO_NOW - t.created_at;
    const bucket = (t: TicketRow) =>
      age(t) <= DAY ? 'lt_1d' : age(t) <= 3 * DAY ? '1_3d' : age(t) <= 7 * DAY ? '3_7d' : age(t) <= 30 * DAY ? '7_30d' : 'gt_30d';
    const backlog = countBy(unsolved, bucket);
    expect(summary.backlogByAge).toEqual(['lt_1d', '1_3d', '3_7d', '7_30d', 'gt_30d'].map((b) => ({ bucket: b, count: backlog[b] ?? 0 })));
    // Sanity: the data set exercises every figure.
    expect(summary.slaBreached + summary.slaAtRisk).toBeGreaterThan(0);
    expect(summary.unassigned).toBeGreaterThan(0);
  });

  it('compares everyone who takes work with their capacity when the cache holds every ticket', () => {
    const summary = dashboard.summary(DEMO_NOW, null);
    expect(summary.coverage).toBe('device');
    const takers = users.filter((u) => u.active === 1 && u.capacity > 0).sort((a, b) => a.name.localeCompare(b.name));
    expect(summary.workload.map((w) => w.user.id).sort()).toEqual(takers.map((u) => u.id).sort());
    for (const w of summary.workload) {
      const user = users.find((u) => u.id === w.user.id)!;
      expect(w).toMatchObject({ open: openOf(user.id), capacity: user.capacity });
    }
    expect(dashboard.summary(DEMO_NOW, { role: 'supervisor', teamIds: [], ownsAccounts: false }).coverage).toBe('every_team');
  });

  it('never sets a partial count against a capacity: an agent or an account manager sees counts of what they hold', () => {
    const agent = users.find((u) => u.role === 'agent')!;
    const manager = users.find((u) => u.role === 'account_manager')!;
    const teamIds = (db.prepare('SELECT team_id FROM user_teams WHERE user_id = ?').pluck().all(agent.id) as string[]).slice(0, 1);
    const asAgent = dashboard.summary(DEMO_NOW, dashboard.viewer({ id: agent.id, role: 'agent', teamIds }));
    expect(asAgent.coverage).toBe('your_teams');
    const asManager = dashboard.summary(DEMO_NOW, dashboard.viewer({ id: manager.id, role: 'account_manager', teamIds: [] }));
    expect(asManager.coverage).toBe('your_accounts');
    for (const summary of [asAgent, asManager]) {
      expect(summary.workload.length).toBeGreaterThan(0);
      for (const w of summary.workload) expect(w).toEqual({ user: w.user, open: openOf(w.user.id), capacity: null });
      // Nobody is listed with nothing held: a zero there would read as an idle colleague.
      expect(summary.workload.every((w) => w.open > 0)).toBe(true);
    }
    expect(dashboard.viewer({ id: manager.id, role: 'account_manager', teamIds: ['t'] }).ownsAccounts).toBe(true);
    expect(dashboard.summary(DEMO_NOW, { role: 'account_manager', teamIds: ['t'], ownsAccounts: true }).coverage).toBe(
      'your_teams_and_accounts',
    );
  });

  it('says through the channel that a console with no server counts everything on the device', async () => {
    const core = seededCore(50);
    const summary = await call<{ coverage: string }>(core, 'dashboard.summary', {});
    expect(summary.coverage).toBe('device');
  });
});
