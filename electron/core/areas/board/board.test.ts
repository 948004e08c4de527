/**
 * Every workload board figure held to an independent computation over the cached rows (plain
 * JavaScript over SELECT *, none of the repository's SQL), every figure's list held to its count,
 * and the board held to who may see it (docs/metrics.md, "Workload board").
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BoardEscalations, BoardFigure, BoardWorkload } from '../../../../shared/areas/board/channels.ts';
import { openDatabase } from '../../db/open.ts';
import { seedDemoDatabase } from '../../demo/seed.ts';
import { call, DEMO_NOW, seededCore, tempDir } from '../../testing/fixtures.ts';
import { createPresenceBook } from '../../sync/presence.ts';
import { createRecordStore } from '../../sync/record-store.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { shiftWeekId, utcWeekStart } from '../../../../shared/routing/records.ts';
import { createBoardRepository } from './board.ts';
import { createBoardHandlers } from './handlers.ts';
import type { HandlerContext } from '../handler-context.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UNSOLVED = ['new', 'open', 'pending', 'on_hold'];

const db = openDatabase(join(tempDir(), 'board.db'), { now: () => DEMO_NOW });
seedDemoDatabase(db, { tickets: 900, seed: 11, now: DEMO_NOW });
const board = createBoardRepository(db);

interface TicketRow {
  id: string;
  status: string;
  priority: string;
  team_id: string;
  assignee_id: string | null;
  created_at: number;
  first_reply_at: number | null;
  escalation_tier: number;
  sla: string | null;
}
interface MessageRow {
  ticket_id: string;
  kind: string;
  created_at: number;
}
interface UserRow {
  id: string;
  role: string;
  capacity: number;
  active: number;
}
interface Timer {
  state: string;
  dueAt: number | null;
  atRiskAt: number | null;
}
const tickets = db.prepare('SELECT * FROM tickets').all() as TicketRow[];
const messages = db.prepare('SELECT ticket_id, kind, created_at FROM messages').all() as MessageRow[];
const users = db.prepare('SELECT * FROM users').all() as UserRow[];
const teamIds = db.prepare('SELECT id FROM teams').pluck().all() as string[];
const unsolved = tickets.filter((t) => UNSOLVED.includes(t.status));

/** The SLA state read from the snapshot's timers: breached if one breached or a counting one is past due; at risk if a running one passed its share. */
const slaState = (t: TicketRow, now: number): 'breached' | 'at_risk' | null => {
  if (!t.sla) return null;
  const sla = JSON.parse(t.sla) as Record<string, Timer | null>;
  const timers = [sla.firstReply, sla.nextReply, sla.resolution].filter((x): x is Timer => x !== null && x !== undefined);
  if (timers.some((x) => x.state === 'breached' || (x.state === 'running' && x.dueAt! < now))) return 'breached';
  return timers.some((x) => x.state === 'running' && x.atRiskAt! <= now) ? 'at_risk' : null;
};

/** Walks the thread in time order: the first customer message since the last public reply, if any. */
const byTicket = new Map<string, MessageRow[]>();
for (const m of messages) byTicket.set(m.ticket_id, [...(byTicket.get(m.ticket_id) ?? []), m]);
const waitingSince = (t: TicketRow): number | null => {
  const thread = [...(byTicket.get(t.id) ?? [])].sort((a, b) => a.created_at - b.created_at || (a.kind === 'reply' ? 1 : -1));
  let since: number | null = null;
  for (const m of thread) {
    if (m.kind === 'reply') since = null;
    else if (m.kind === 'inbound' && since === null) since = m.created_at;
  }
  return since;
};
const ageBucket = (t: TicketRow, now: number) => {
  const age = now - t.created_at;
  return age <= DAY ? 'lt_1d' : age <= 3 * DAY ? '1_3d' : age <= 7 * DAY ? '3_7d' : age <= 30 * DAY ? '7_30d' : 'gt_30d';
};

const workload = board.workload(DEMO_NOW, 'device', new Map());
const ids = (figure: BoardFigure) =>
  board
    .tickets(figure, DEMO_NOW, 500)
    .rows.map((r) => r.id)
    .sort();
const sorted = (rows: TicketRow[]) => rows.map((t) => t.id).sort();

describe('the workload board', () => {
  it('counts each person’s tickets as an independent count does, and lists exactly the tickets counted', () => {
    const takers = users.filter((u) => u.active === 1 && u.capacity > 0).map((u) => u.id);
    const holders = unsolved.flatMap((t) => (t.assignee_id ? [t.assignee_id] : []));
    expect(workload.agents.map((a) => a.user.id).sort()).toEqual([...new Set([...takers, ...holders])].sort());
    let checked = 0;
    for (const agent of workload.agents) {
      const mine = unsolved.filter((t) => t.assignee_id === agent.user.id);
      const expected: Record<string, TicketRow[]> = {
        held: mine,
        new_open: mine.filter((t) => t.status === 'new' || t.status === 'open'),
        pending: mine.filter((t) => t.status === 'pending'),
        on_hold: mine.filter((t) => t.status === 'on_hold'),
        unanswered: mine.filter((t) => waitingSince(t) !== null),
        at_risk: mine.filter((t) => slaState(t, DEMO_NOW) === 'at_risk'),
        breached: mine.filter((t) => slaState(t, DEMO_NOW) === 'breached'),
      };
      expect({
        newOpen: agent.newOpen,
        pending: agent.pending,
        onHold: agent.onHold,
        unanswered: agent.unanswered,
        atRisk: agent.atRisk,
        breached: agent.breached,
      }).toEqual({
        newOpen: expected.new_open!.length,
        pending: expected.pending!.length,
        onHold: expected.on_hold!.length,
        unanswered: expected.unanswered!.length,
        atRisk: expected.at_risk!.length,
        breached: expected.breached!.length,
      });
      const waits = expected.unanswered!.map((t) => waitingSince(t)!);
      expect(agent.oldestUnansweredSince).toBe(waits.length ? Math.min(...waits) : null);
      const user = users.find((u) => u.id === agent.user.id)!;
      expect(agent.capacity).toBe(user.active === 1 && user.capacity > 0 ? user.capacity : null);
      for (const [measure, rows] of Object.entries(expected)) {
        const figure = { scope: 'agent', userId: agent.user.id, measure } as BoardFigure;
        expect({ measure, ids: ids(figure) }).toEqual({ measure, ids: sorted(rows) });
        checked += rows.length;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('counts each team’s backlog by age, status and priority, unassigned and unattended as an independent count does', () => {
    expect(workload.teams.map((t) => t.team.id).sort()).toEqual([...teamIds].sort());
    for (const team of workload.teams) {
      const theirs = unsolved.filter((t) => t.team_id === team.team.id);
      expect(team.backlog).toBe(theirs.length);
      const figures: [BoardFigure['scope'] extends string ? BoardFigure : never, TicketRow[], number][] = [];
      const add = (measure: Extract<BoardFigure, { scope: 'team' }>['measure'], rows: TicketRow[], shown: number) =>
        figures.push([{ scope: 'team', teamId: team.team.id, measure }, rows, shown]);
      for (const status of ['new', 'open', 'pending', 'on_hold'] as const)
        add(
          { kind: 'status', status },
          theirs.filter((t) => t.status === status),
          team.byStatus[status],
        );
      for (const priority of ['low', 'normal', 'high', 'urgent'] as const)
        add(
          { kind: 'priority', priority },
          theirs.filter((t) => t.priority === priority),
          team.byPriority[priority],
        );
      for (const bucket of ['lt_1d', '1_3d', '3_7d', '7_30d', 'gt_30d'] as const)
        add(
          { kind: 'age', bucket },
          theirs.filter((t) => ageBucket(t, DEMO_NOW) === bucket),
          team.byAge[bucket],
        );
      add({ kind: 'backlog' }, theirs, team.backlog);
      add(
        { kind: 'unassigned' },
        theirs.filter((t) => t.assignee_id === null),
        team.unassigned,
      );
      add(
        { kind: 'unattended' },
        theirs.filter((t) => t.first_reply_at === null),
        team.unattended,
      );
      add(
        { kind: 'at_risk' },
        theirs.filter((t) => slaState(t, DEMO_NOW) === 'at_risk'),
        team.atRisk,
      );
      add(
        { kind: 'breached' },
        theirs.filter((t) => slaState(t, DEMO_NOW) === 'breached'),
        team.breached,
      );
      for (const [figure, rows, shown] of figures) {
        expect({ figure, shown }).toEqual({ figure, shown: rows.length });
        expect({ figure, ids: ids(figure) }).toEqual({ figure, ids: sorted(rows) });
        expect(board.tickets(figure, DEMO_NOW, 500).total).toBe(rows.length);
      }
    }
    // Sanity: the data set exercises the figures that need the SLA engine and the threads.
    const sum = (f: (t: BoardWorkload['teams'][number]) => number) => workload.teams.reduce((n, t) => n + f(t), 0);
    expect(sum((t) => t.atRisk)).toBeGreaterThan(0);
    expect(sum((t) => t.breached)).toBeGreaterThan(0);
    expect(sum((t) => t.unattended)).toBeGreaterThan(0);
    expect(sum((t) => t.unassigned)).toBeGreaterThan(0);
    expect(workload.agents.some((a) => a.unanswered > 0)).toBe(true);
  });

  it('lists the longest-waiting customer first and says how many there are when the list is cut', () => {
    const agent = [...workload.agents].sort((a, b) => b.unanswered - a.unanswered)[0]!;
    const list = board.tickets({ scope: 'agent', userId: agent.user.id, measure: 'unanswered' }, DEMO_NOW, 1);
    expect(list.total).toBe(agent.unanswered);
    expect(list.rows).toHaveLength(1);
    const first = tickets.find((t) => t.id === list.rows[0]!.id)!;
    expect(waitingSince(first)).toBe(agent.oldestUnansweredSince);
  });

  it('puts the presence this console recorded beside each person', () => {
    const [a, b] = workload.agents;
    const seen = new Map([
      [a!.user.id, { online: true, lastSeenAt: DEMO_NOW - 1000 }],
      [b!.user.id, { online: false, lastSeenAt: DEMO_NOW - HOUR }],
    ]);
    const agents = board.workload(DEMO_NOW, 'device', seen).agents;
    expect(agents.find((x) => x.user.id === a!.user.id)!.presence).toEqual({ state: 'online', lastSeenAt: DEMO_NOW - 1000 });
    expect(agents.find((x) => x.user.id === b!.user.id)!.presence).toEqual({ state: 'seen', lastSeenAt: DEMO_NOW - HOUR });
    expect(agents.filter((x) => !seen.has(x.user.id)).every((x) => x.presence.state === 'unknown')).toBe(true);
  });
});

describe('presence from this console’s records', () => {
  it('says who has a ticket open now and when the others were last seen on any', () => {
    const book = createPresenceBook(db, { now: () => DEMO_NOW, emit: () => {}, me: () => null });
    const [a, b] = workload.agents;
    const [one, two] = unsolved;
    book.relayed(one!.id, [
      { userId: a!.user.id, name: a!.user.name, typing: false, at: DEMO_NOW - 5_000 },
      { userId: b!.user.id, name: b!.user.name, typing: false, at: DEMO_NOW - 9_000 },
    ]);
    book.relayed(two!.id, [{ userId: b!.user.id, name: b!.user.name, typing: false, at: DEMO_NOW - 2 * HOUR }]);
    // b leaves the first ticket; still on the second as far as the live lists go.
    book.relayed(one!.id, [{ userId: a!.user.id, name: a!.user.name, typing: false, at: DEMO_NOW - 5_000 }]);
    book.relayed(two!.id, []);
    const people = board.workload(DEMO_NOW, 'device', book.people()).agents;
    expect(people.find((x) => x.user.id === a!.user.id)!.presence).toEqual({ state: 'online', lastSeenAt: DEMO_NOW - 5_000 });
    // Gone from every live list: last seen when they left (now, in this test's clock).
    expect(people.find((x) => x.user.id === b!.user.id)!.presence).toEqual({ state: 'seen', lastSeenAt: DEMO_NOW });
  });
});

describe('presence and roster as routing reads them', () => {
  it('gives each person their presence record (offline without one) and where their synced shifts put them now', () => {
    const store = createRecordStore(db);
    const [a, b, c] = workload.agents;
    const tenantId = db.prepare('SELECT tenant_id FROM users WHERE id = ?').pluck().get(a!.user.id) as string;
    const rec = { tenantId, version: 1, createdAt: DEMO_NOW - DAY, updatedAt: DEMO_NOW - DAY };
    const shiftOf = (start: number, hours: number) => ({
      id: uuidv7(),
      teamId: a!.teamIds[0]!,
      start,
      end: start + hours * HOUR,
      breaks: [],
    });
    /** Each shift in the record of the UTC week it starts in, as shift.put keeps them. */
    const put = (userId: string, shifts: ReturnType<typeof shiftOf>[]) => {
      for (const weekStart of new Set(shifts.map((x) => utcWeekStart(x.start))))
        store.put('shift_week', {
          ...rec,
          id: shiftWeekId(userId, weekStart),
          userId,
          weekStart,
          shifts: shifts.filter((x) => utcWeekStart(x.start) === weekStart),
        });
    };
    store.put('agent_presence', {
      ...rec,
      id: a!.user.id,
      userId: a!.user.id,
      status: 'on_break',
      since: DEMO_NOW - HOUR,
      lastRoutedAt: null,
    });
    put(a!.user.id, [shiftOf(DEMO_NOW - 2 * HOUR, 8)]);
    // b is on leave now, through a shift of theirs; the next one is after the leave. c has none.
    put(b!.user.id, [shiftOf(DEMO_NOW - HOUR, 8), shiftOf(DEMO_NOW + 2 * DAY, 8)]);
    store.put('time_off', {
      ...rec,
      id: uuidv7(),
      userId: b!.user.id,
      start: DEMO_NOW - DAY,
      end: DEMO_NOW + DAY,
      kind: 'leave',
      note: '',
    });

    const agents = board.workload(DEMO_NOW, 'device', new Map()).agents;
    const of = (id: string) => agents.find((x) => x.user.id === id)!.availability;
    expect(of(a!.user.id)).toEqual({ presence: 'on_break', shift: { state: 'on', until: DEMO_NOW + 6 * HOUR } });
    expect(of(b!.user.id)).toEqual({ presence: 'offline', shift: { state: 'off', next: DEMO_NOW + 2 * DAY } });
    expect(of(c!.user.id)).toEqual({ presence: 'offline', shift: { state: 'off', next: null } });
  });
});

describe('the escalation queue', () => {
  it('lists every unsolved ticket above tier 1, highest tier first, with why and since when', () => {
    const queue = board.escalations(DEMO_NOW, 1000);
    const expected = unsolved.filter((t) => t.escalation_tier > 1);
    expect(queue.total).toBe(expected.length);
    expect(queue.tickets.map((e) => e.ticket.id).sort()).toEqual(sorted(expected));
    expect(queue.tickets.map((e) => e.tier)).toEqual([...queue.tickets.map((e) => e.tier)].sort((x, y) => y - x));
    for (const tier of [3, 2]) {
      const since = queue.tickets.filter((e) => e.tier === tier).map((e) => e.escalatedAt ?? Infinity);
      expect(since).toEqual([...since].sort((x, y) => x - y));
    }
    expect(queue.total).toBeGreaterThan(0);
    for (const entry of queue.tickets) {
      const t = tickets.find((x) => x.id === entry.ticket.id)!;
      const state = slaState(t, DEMO_NOW);
      expect(entry.sla).toBe(state ?? (t.sla ? 'ok' : 'none'));
      const events = db
        .prepare("SELECT from_value, to_value, at FROM ticket_events WHERE ticket_id = ? AND kind = 'escalated'")
        .all(t.id) as { from_value: string; to_value: string; at: number }[];
      const ups = events.filter((e) => (JSON.parse(e.to_value) as { tier: number }).tier > Number(JSON.parse(e.from_value)));
      const last = ups.sort((x, y) => y.at - x.at)[0];
      expect(entry.escalatedAt).toBe(last?.at ?? null);
      expect(entry.reason).toBe(last ? ((JSON.parse(last.to_value) as { reason?: string }).reason ?? null) : null);
    }
  });
});

describe('who may see the board', () => {
  const core = seededCore(60);
  /** The demo console is an agent's; these tests act as the demo supervisor or agent. */
  const actAs = (role: 'supervisor' | 'agent' | 'account_manager') => {
    const file = new Database(core.databasePath);
    const id = file.prepare('SELECT id FROM users WHERE role = ? ORDER BY email LIMIT 1').pluck().get(role);
    file.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(id);
    file.close();
  };
  const code = async (channel: string, input: unknown) => {
    const result = await core.dispatch(channel, input);
    return result.ok ? 'ok' : result.error.code;
  };
  const figure = { scope: 'agent', userId: '00000000-0000-7000-8000-000000000001', measure: 'pending' };

  it('refuses agents and account managers of a server with a code, on every board channel', () => {
    for (const role of ['agent', 'account_manager'] as const) {
      const handlers = createBoardHandlers({
        repos: { directory: { get: () => ({ me: { role }, users: [], teams: [] }) } },
        client: {},
        presence: { people: () => [] },
        now: () => DEMO_NOW,
      } as unknown as HandlerContext);
      const forbidden = expect.objectContaining({ code: 'FORBIDDEN' });
      expect(() => handlers['board.workload']({})).toThrowError(forbidden);
      expect(() => handlers['board.tickets']({ figure: figure as BoardFigure, at: DEMO_NOW, limit: 10 })).toThrowError(forbidden);
      expect(() => handlers['board.escalations']({ limit: 10 })).toThrowError(forbidden);
    }
  });

  it('answers whoever uses a console with no server: the device holds its user own data', async () => {
    actAs('agent');
    expect(await code('board.workload', {})).toBe('ok');
  });

  it('answers a supervisor on a console with no server, whose cache holds every ticket', async () => {
    actAs('supervisor');
    const result = await call<BoardWorkload>(core, 'board.workload', {});
    expect(result.coverage).toBe('device');
    expect(result.teams.length).toBeGreaterThan(0);
    expect(await code('board.tickets', { figure: { ...figure, measure: 'everything' }, at: DEMO_NOW })).toBe('VALIDATION');
  });

  it('drops a ticket from the queue once a supervisor takes it back to tier 1', async () => {
    actAs('supervisor');
    const before = await call<BoardEscalations>(core, 'board.escalations', {});
    const entry = before.tickets.find((e) => e.tier === 2)!;
    expect(await code('mutations.run', { name: 'ticket.deescalate', args: { id: entry.ticket.id, tier: 1, reason: '  ' } })).toBe(
      'VALIDATION',
    );
    await call(core, 'mutations.run', { name: 'ticket.deescalate', args: { id: entry.ticket.id, tier: 1, reason: 'Answered by billing' } });
    const after = await call<BoardEscalations>(core, 'board.escalations', {});
    expect(after.total).toBe(before.total - 1);
    expect(after.tickets.map((e) => e.ticket.id)).not.toContain(entry.ticket.id);
  });
});
