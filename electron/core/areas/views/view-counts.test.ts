/**
 * The sidebar's counts are kept on write (ticket_counts, maintained by triggers); these tests hold
 * them to a real COUNT(*) of each queue's filter after every way tickets get written: the demo
 * seeder, raw inserts/updates/deletes, optimistic mutations, pulled pages and a cache reset.
 */
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BUILTIN_VIEWS, builtinView, type BuiltinView } from '../../../../shared/domain/views.ts';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../../shared/domain/enums.ts';
import type { SavedView, Ticket } from '../../../../shared/domain/records.ts';
import type { Page } from '../../sync/local-sync.ts';
import { createLocalSync } from '../../sync/local-sync.ts';
import { openDatabase } from '../../db/open.ts';
import { seedDemoDatabase } from '../../demo/seed.ts';
import { call, DEMO_NOW, seededCore, tempDir } from '../../testing/fixtures.ts';
import { createRepositories } from '../repositories.ts';
import { BUILTIN_VIEW_COUNT_CAP, SAVED_VIEW_COUNT_CAP } from './queues.ts';
import { countConditions, resolveMe, type ResolvedFilter } from '../../repositories/ticket-filter.ts';

const dir = tempDir();
let n = 0;

function seeded(tickets = 600) {
  const db = openDatabase(join(dir, `counts-${n++}.db`), { now: () => DEMO_NOW });
  seedDemoDatabase(db, { tickets, seed: 11, now: DEMO_NOW });
  const repos = createRepositories(db);
  return { db, repos, local: createLocalSync(db) };
}

/** The reference: COUNT(*) of the filter with nothing maintained, no cap. */
function realCount(db: Database, filter: ResolvedFilter): number {
  const { where, params } = countConditions(filter);
  return db
    .prepare(
      `SELECT count(*) FROM tickets t CROSS JOIN contacts c ON c.id = t.requester_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    )
    .pluck()
    .get(...params) as number;
}

function expectCountsExact(db: Database, repos: ReturnType<typeof createRepositories>) {
  const meId = repos.directory.currentUserId();
  const counts = repos.queues.counts(DEMO_NOW);
  for (const view of BUILTIN_VIEWS) {
    const expected = realCount(db, resolveMe(builtinView(view, DEMO_NOW, repos.directory.myTeamIds()).filter, meId));
    expect({ view, ...counts.builtin[view] }).toEqual({
      view,
      count: Math.min(expected, BUILTIN_VIEW_COUNT_CAP),
      capped: expected > BUILTIN_VIEW_COUNT_CAP,
    });
  }
  for (const saved of repos.queues.savedViews()) {
    const expected = realCount(db, resolveMe(saved.filter, meId));
    const got = counts.saved[saved.id];
    // Filters ticket_counts answers are exact at any size; the others stop at the cap.
    if (got?.capped) expect(expected).toBeGreaterThan(SAVED_VIEW_COUNT_CAP);
    else expect({ view: saved.name, count: got?.count }).toEqual({ view: saved.name, count: expected });
  }
  // And the aggregate itself equals a regrouping of the table.
  const aggregate = db.prepare('SELECT status, team_id, assignee_id, priority, n FROM ticket_counts WHERE n > 0 ORDER BY 1, 2, 3, 4').all();
  const regrouped = db
    .prepare(
      "SELECT status, team_id, coalesce(assignee_id, '') AS assignee_id, priority, count(*) AS n FROM tickets GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    )
    .all();
  expect(aggregate).toEqual(regrouped);
}

/** A small deterministic generator, so a failure names a reproducible sequence. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('view counts', () => {
  it('match a real COUNT(*) for every built-in and saved view after demo seeding', () => {
    const { db, repos } = seeded();
    expect(repos.queues.savedViews().length).toBeGreaterThan(0);
    expectCountsExact(db, repos);
    db.close();
  });

  it('stay exact through random raw inserts, updates and deletes', () => {
    const { db, repos } = seeded(300);
    const random = prng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const ids = db.prepare('SELECT id FROM tickets').pluck().all() as string[];
    const teams = db.prepare('SELECT id FROM teams').pluck().all() as string[];
    const users = [...(db.prepare('SELECT id FROM users').pluck().all() as string[]), null];
    const template = db.prepare('SELECT * FROM tickets LIMIT 1').get() as Record<string, unknown>;
    const generated = ['priority_rank', 'due_key', 'sla_next_due_at', 'sla_at_risk_at', 'sla_breached'];
    const columns = Object.keys(template).filter((c) => !generated.includes(c));
    const insert = db.prepare(`INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    let next = 0;
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) {
        const r = random();
        if (r < 0.25) {
          const id = `01900000-0000-7000-8000-${(next++).toString(16).padStart(12, '0')}`;
          insert.run({ ...template, id, number: null, status: pick(TICKET_STATUSES), team_id: pick(teams), assignee_id: pick(users) });
          ids.push(id);
        } else if (r < 0.35 && ids.length) {
          db.prepare('DELETE FROM tickets WHERE id = ?').run(ids.splice(Math.floor(random() * ids.length), 1)[0]);
        } else {
          const field = pick(['status', 'priority', 'team_id', 'assignee_id', 'subject'] as const);
          const value = {
            status: pick(TICKET_STATUSES),
            priority: pick(TICKET_PRIORITIES),
            team_id: pick(teams),
            assignee_id: pick(users),
            subject: 'renamed',
          }[field];
          db.prepare(`UPDATE tickets SET ${field} = ?, updated_at = ? WHERE id = ?`).run(
            value,
            DEMO_NOW - Math.floor(random() * 9e8),
            pick(ids),
          );
        }
      }
    })();
    expectCountsExact(db, repos);
    // A statement that changes many rows at once, as a cache reset does.
    db.prepare("UPDATE tickets SET status = 'open' WHERE status = 'new'").run();
    expectCountsExact(db, repos);
    db.close();
  });

  it('stay exact through optimistic mutations and the pulled pages that settle them', () => {
    const { db, repos, local } = seeded(600);
    const meId = repos.directory.currentUserId()!;
    const myTeamIds = repos.directory.myTeamIds();
    const count = (view: BuiltinView) => repos.queues.counts(DEMO_NOW).builtin[view].count;
    const before = { mine: count('mine'), pending: count('pending') };
    // Open tickets of my teams that someone else (or nobody) has: taking them adds to "Mine".
    const unassigned = db
      .prepare(
        `SELECT id, team_id, assignee_id, status FROM tickets
          WHERE (assignee_id IS NULL OR assignee_id != ?) AND status IN ('new', 'open') AND team_id IN (${myTeamIds.map(() => '?').join(', ')}) LIMIT 3`,
      )
      .all(meId, ...myTeamIds) as { id: string; team_id: string; assignee_id: string | null; status: Ticket['status'] }[];
    expect(unassigned.length).toBe(3);

    const touched = new Map();
    for (const t of unassigned) {
      const base = { assigneeId: t.assignee_id, teamId: t.team_id };
      local.run('ticket.assign', { id: t.id, assigneeId: meId, teamId: t.team_id, base }, DEMO_NOW, touched);
    }
    const first = unassigned[0]!;
    local.run('ticket.setStatus', { id: first.id, status: 'pending', base: first.status }, DEMO_NOW, touched);
    local.run('ticket.update', { id: unassigned[1]!.id, priority: 'urgent' }, DEMO_NOW, touched);
    expect(count('mine')).toBe(before.mine + 3);
    expect(count('pending')).toBe(before.pending + 1);
    expectCountsExact(db, repos);

    // The server's page: it refused the status change (the ticket stays open and assigned to
    // someone else, who took it meanwhile), and a new ticket and a deletion arrived.
    const server = (id: string) => repos.tickets.get(id).ticket;
    const other = db.prepare('SELECT id FROM users WHERE id != ? AND role = ? LIMIT 1').pluck().get(meId, 'agent') as string;
    const taken: Ticket = { ...server(first.id), status: 'open', assigneeId: other, version: 99 };
    const arrived: Ticket = { ...server(unassigned[2]!.id), id: '01900000-0000-7000-8000-0000000abcde', number: 999_999, version: 5 };
    const gone = db.prepare("SELECT id FROM tickets WHERE status = 'pending' LIMIT 1").pluck().get() as string;
    const page: Page = {
      changes: [
        { op: 'put', entity: 'ticket', id: taken.id, version: 99, row: taken as never },
        { op: 'put', entity: 'ticket', id: arrived.id, version: 5, row: arrived as never },
        { op: 'del', entity: 'ticket', id: gone, version: 100 },
      ],
      cursor: 'c1',
      lastMutationId: 0,
      more: false,
      kind: 'page',
    };
    local.applyPages([page], DEMO_NOW, touched);
    expectCountsExact(db, repos);

    local.resetCache();
    expect(db.prepare('SELECT coalesce(sum(n), 0) FROM ticket_counts').pluck().get()).toBe(0);
    db.close();
  });

  it('count saved views by their own filter, past the cap as "999+"', () => {
    const { db, repos } = seeded(1500);
    const meId = repos.directory.currentUserId()!;
    const local = createLocalSync(db);
    const put = (view: Omit<SavedView, 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>) =>
      local.run('view.upsert', view, DEMO_NOW, new Map());
    const ids = { broad: '01900000-0000-7000-8000-00000000b001', urgent: '01900000-0000-7000-8000-00000000b002' };
    put({ id: ids.broad, name: 'Everything since 2020', ownerId: meId, filter: { createdFrom: 0 }, sort: 'updated_desc', position: 0 });
    put({
      id: ids.urgent,
      name: 'Urgent unsolved',
      ownerId: meId,
      filter: { priorities: ['urgent'], statuses: ['new', 'open'] },
      sort: 'updated_desc',
      position: 1,
    });
    const counts = repos.queues.counts(DEMO_NOW).saved;
    expect(counts[ids.broad]).toEqual({ count: SAVED_VIEW_COUNT_CAP, capped: true });
    expect(counts[ids.urgent]).toEqual({
      count: realCount(db, { priorities: ['urgent'], statuses: ['new', 'open'] }),
      capped: false,
    });
    expectCountsExact(db, repos);
    db.close();
  });
});

describe('saved views through the contract', () => {
  const core = seededCore(400);

  it('lists the views a person may open and pages a saved view by its own filter and sort', async () => {
    const { views } = await call<{ views: SavedView[] }>(core, 'views.list', {});
    expect(views.length).toBeGreaterThan(0);
    const view = views[0]!;
    const page = await call<{ rows: { status: string; priority: string }[] }>(core, 'tickets.list', { savedViewId: view.id, limit: 200 });
    const { builtin, saved } = await call<{ builtin: Record<string, unknown>; saved: Record<string, { count: number; capped: boolean }> }>(
      core,
      'views.counts',
      {},
    );
    expect(Object.keys(builtin).sort()).toEqual([...BUILTIN_VIEWS].sort());
    const shown = saved[view.id]!;
    if (!shown.capped && shown.count <= 200) expect(page.rows).toHaveLength(shown.count);
    for (const row of page.rows) {
      if (view.filter.statuses) expect(view.filter.statuses).toContain(row.status);
      if (view.filter.priorities) expect(view.filter.priorities).toContain(row.priority);
    }
  });

  it('refuses an unknown saved view, and a built-in and a saved view at once, with coded errors', async () => {
    const unknown = await core.dispatch('tickets.list', { savedViewId: '01900000-0000-7000-8000-00000000dead' });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    const both = await core.dispatch('tickets.list', { view: 'mine', savedViewId: '01900000-0000-7000-8000-00000000dead' });
    expect(both.ok ? null : both.error.code).toBe('VALIDATION');
  });
});
