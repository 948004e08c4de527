import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../../shared/contract/events.ts';
import type { BusinessCalendar, SlaPolicy } from '../../../../shared/sla/records.ts';
import { clockSteps, type SlaEvent } from '../../../../shared/sla/clock.ts';
import { calendarVersions, orderedPolicies } from '../../../../shared/sla/ticket-sla-records.ts';
import { slaAsOf, ticketFacts, ticketSla } from '../../../../shared/sla/ticket-sla.ts';
import { openCore, seedDemo, type Core } from '../../index.ts';
import { createLocalSync } from '../../sync/local-sync.ts';
import { createMetricsRepository } from '../metrics/metrics.ts';
import { createRecordStore } from '../../sync/record-store.ts';
import { call, DEMO_NOW, tempDir } from '../../testing/fixtures.ts';
import { createSlaRecomputeRunner, type SlaRecomputeJob } from './sla-recompute.ts';
import { createReadWorker } from '../../db/read-worker.ts';

const TICKETS = 600;

/** The demo console is an agent's; an edit of the settings needs a supervisor. */
function actAsSupervisor(path: string) {
  const db = new Database(path);
  const id = db.prepare("SELECT id FROM users WHERE role = 'supervisor' ORDER BY email LIMIT 1").pluck().get();
  db.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(id);
  db.close();
}

function seeded(): { path: string; core: Core } {
  const path = join(tempDir(), 'core.db');
  const core = openCore({ databasePath: path, transport: 'direct', now: () => DEMO_NOW, log: () => {}, integrityCheckDelayMs: null });
  seedDemo(core, { tickets: TICKETS, seed: 11, now: DEMO_NOW });
  actAsSupervisor(path);
  return { path, core };
}

/** London's demo calendar cut to Monday to Friday 10:00-12:00: every business-hour due time moves. */
async function shortenLondon(core: Core) {
  const { calendars } = await call<{ calendars: BusinessCalendar[] }>(core, 'sla.settings', {});
  const london = calendars.find((c) => c.timeZone === 'Europe/London')!;
  const weeklyHours = [1, 2, 3, 4, 5].map((day) => ({ day, start: '10:00', end: '12:00' }));
  const { id, name, timeZone, holidays } = london;
  await call(core, 'mutations.run', { name: 'calendar.upsert', args: { id, name, timeZone, weeklyHours, holidays } });
}

/** The same cut made straight in the cache, with the job its edit leaves, as Core's mutation would. */
function cutLondonInCache(db: Database.Database, local: ReturnType<typeof createLocalSync>, london: string) {
  db.transaction(() => {
    const record = local.store.get('business_calendar', london)!;
    local.store.put('business_calendar', {
      ...record,
      weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '10:00', end: '12:00' })),
    });
    local.slaRecompute.requestIfRulesChanged(new Map([['business_calendar', new Set([london])]]));
  })();
}

/**
 * Every open ticket's snapshot as the engine computes it from the file's records and logs, read
 * here with plain SQL (not through the refresher under test).
 */
function expectedSnapshots(path: string): Map<string, unknown> {
  const db = new Database(path, { readonly: true });
  const store = createRecordStore(db);
  const all = <T>(entity: 'sla_policy' | 'business_calendar', table: string) =>
    (db.prepare(`SELECT id FROM ${table}`).pluck().all() as string[]).map((id) => store.get(entity, id)) as T[];
  const policies = orderedPolicies(all<SlaPolicy>('sla_policy', 'sla_policies'));
  const calendars = calendarVersions(all<BusinessCalendar>('business_calendar', 'business_calendars'));
  const ids = db.prepare("SELECT id FROM tickets WHERE status NOT IN ('solved', 'closed')").pluck().all() as string[];
  const events = db.prepare('SELECT kind, from_value, to_value, at, actor_kind FROM ticket_events WHERE ticket_id = ? ORDER BY at, id');
  const out = new Map<string, unknown>();
  for (const id of ids) {
    const ticket = store.get('ticket', id)!;
    const log = (
      events.all(id) as {
        kind: SlaEvent['kind'];
        from_value: string | null;
        to_value: string | null;
        at: number;
        actor_kind: string | null;
      }[]
    ).map(
      (e) =>
        ({
          kind: e.kind,
          from: e.from_value && JSON.parse(e.from_value),
          to: e.to_value && JSON.parse(e.to_value),
          at: e.at,
          ...(e.actor_kind ? { actorKind: e.actor_kind } : {}),
        }) as SlaEvent,
    );
    const facts = ticketFacts(
      ticket,
      ticket.accountId ? store.get('account', ticket.accountId) : null,
      store.get('contact', ticket.requesterId),
    );
    out.set(id, ticketSla(facts, clockSteps(log), policies, calendars, slaAsOf(log)));
  }
  db.close();
  return out;
}

function storedSnapshots(path: string): Map<string, unknown> {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare("SELECT id, sla FROM tickets WHERE status NOT IN ('solved', 'closed')").all() as {
    id: string;
    sla: string | null;
  }[];
  db.close();
  return new Map(rows.map((r) => [r.id, r.sla === null ? null : JSON.parse(r.sla)]));
}

describe('every open ticket’s timers after a calendar edit', () => {
  it('are computed again in slices, with progress, and the queues hear of it once when all are in', async () => {
    const { path, core } = seeded();
    // Some tickets folded (their clock steps kept, as after the keeper's pass), the others not:
    // the recompute reads the steps of the first and the events of the others.
    const db = new Database(path);
    createMetricsRepository(db).foldStale('', TICKETS / 2);
    db.close();
    const before = storedSnapshots(path);
    const heard: { name: string; payload: unknown }[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    core.subscribe((name, payload) => {
      if (name === 'sla.recompute' || (name === 'data.changed' && (payload as EventPayload<'data.changed'>).entity === 'ticket'))
        heard.push({ name, payload });
      if (name === 'sla.recompute' && payload === null) finished();
    });
    await shortenLondon(core);
    // Core answers other requests while it works: the inbox is listed before the recompute ends.
    const listed = call(core, 'tickets.list', { view: 'all', limit: 50 }).then(() => heard.length);
    await done;
    expect(await listed).toBeLessThan(heard.length);

    const progress = heard.filter((h) => h.name === 'sla.recompute').map((h) => h.payload as EventPayload<'sla.recompute'>);
    expect(progress.at(-1)).toBeNull();
    const steps = progress.slice(0, -1) as { done: number; total: number }[];
    expect(steps.length).toBeGreaterThan(0);
    // The tickets counting on London's calendar, or with no snapshot: the others cannot change.
    const reached = [...before.values()].filter(
      (sla) => sla === null || (sla as { calendarId: string | null }).calendarId === londonId(path),
    ).length;
    const open = before.size;
    expect(reached).toBeLessThan(open);
    // Progress is of every open ticket looked at: those on other calendars are passed over.
    expect(steps.every((s) => s.total === open)).toBe(true);
    expect(steps.map((s) => s.done)).toEqual([...steps.map((s) => s.done)].sort((a, b) => a - b));
    expect(steps.at(-1)!.done).toBe(open);
    // After the last progress, one change of the tickets.
    expect(heard.slice(heard.findIndex((h) => h.payload === null)).map((h) => h.name)).toEqual(['sla.recompute', 'data.changed']);
    expect(await call(core, 'sla.recompute', {})).toBeNull();

    // Every open ticket as computed from scratch, those passed over included.
    const after = storedSnapshots(path);
    expect(after).toEqual(expectedSnapshots(path));
    const moved = [...after].filter(([id, sla]) => JSON.stringify(sla) !== JSON.stringify(before.get(id)));
    expect(moved.length).toBeGreaterThan(open / 10);
    core.close();
  });

  it('goes on where it stopped after a restart in the middle', async () => {
    const { path, core } = seeded();
    core.close();
    // One slice of 50 by hand, then the process "dies": the job row says where it stopped.
    const db = new Database(path);
    const local = createLocalSync(db);
    const london = londonId(path);
    const open = db.prepare("SELECT count(*) FROM tickets WHERE status NOT IN ('solved', 'closed')").pluck().get() as number;
    cutLondonInCache(db, local, london);
    let turns = 0;
    const yieldTurn = () => (turns++ === 0 ? Promise.resolve() : Promise.reject(new Error('killed')));
    const runner = createSlaRecomputeRunner({ job: local.slaRecompute, emit: () => {}, sliceSize: 50, yieldTurn });
    await expect(runner.kick()).rejects.toThrow('killed');
    expect(local.slaRecompute.progress()).toEqual({ done: 50, total: open });
    db.close();

    const reopened = openCore({ databasePath: path, transport: 'direct', now: () => DEMO_NOW, log: () => {}, integrityCheckDelayMs: null });
    const finished = new Promise<void>((resolve) =>
      reopened.subscribe((name, payload) => name === 'sla.recompute' && payload === null && resolve()),
    );
    await finished;
    expect(storedSnapshots(path)).toEqual(expectedSnapshots(path));
    reopened.close();
  });

  it('reads each slice ahead on a second connection while the one before is written, and reads again what a write overtook', async () => {
    const { path, core } = seeded();
    core.close();
    const db = new Database(path);
    const local = createLocalSync(db);
    const london = londonId(path);
    cutLondonInCache(db, local, london);
    // The steps that were given rows read ahead, in order.
    const readAhead: boolean[] = [];
    const job: SlaRecomputeJob = {
      ...local.slaRecompute,
      step: (limit, ahead) => (readAhead.push(ahead !== undefined), local.slaRecompute.step(limit, ahead)),
    };
    // While the fourth slice is read ahead, an agent raises the priority of a ticket in it: the rows
    // read before that write must not be written over the timers the mutation just computed.
    const SLICE = 10;
    const open = db.prepare("SELECT id FROM tickets WHERE status NOT IN ('solved', 'closed') ORDER BY id").pluck().all() as string[];
    const raised = db
      .prepare(
        `SELECT id FROM tickets WHERE id IN (SELECT value FROM json_each(?)) AND priority <> 'urgent' AND sla ->> '$.calendarId' = ? LIMIT 1`,
      )
      .pluck()
      .get(JSON.stringify(open.slice(3 * SLICE, 4 * SLICE)), london) as string;
    expect(raised).toBeDefined();
    let turns = 0;
    const yieldTurn = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (++turns === 4) local.run('ticket.update', { id: raised, priority: 'urgent' }, DEMO_NOW, new Map());
    };
    const worker = createReadWorker(path);
    const runner = createSlaRecomputeRunner({
      job,
      emit: () => {},
      sliceSize: SLICE,
      yieldTurn,
      readAhead: local.slaRecompute.readAheadOn(worker),
    });
    await runner.kick();
    worker.close();
    db.close();

    // The raised ticket's timers are those of its new priority, as every other's of its log.
    expect(storedSnapshots(path)).toEqual(expectedSnapshots(path));
    // One step a slice, and a last one that finds none left.
    expect(readAhead.length).toBe(Math.ceil(open.length / SLICE) + 1);
    // The first slice is read in its step; the one the write overtook is read again in its step.
    expect(readAhead[0]).toBe(false);
    expect(readAhead[3]).toBe(false);
    expect(readAhead.filter((used) => used).length).toBe(readAhead.length - 2);
  });

  it('reaches every open ticket once a policy changes, and keeps reaching them when a calendar edit follows', () => {
    const { path, core } = seeded();
    core.close();
    const db = new Database(path);
    const local = createLocalSync(db);
    const calendars = () =>
      (
        JSON.parse(db.prepare("SELECT value FROM settings WHERE key = 'sla_recompute'").pluck().get() as string) as {
          calendars: string[] | null;
        }
      ).calendars;
    const london = londonId(path);
    const calendarEdit = new Map([['business_calendar' as const, new Set([london])]]);
    local.slaRecompute.requestIfRulesChanged(calendarEdit);
    expect(calendars()).toEqual([london]);
    local.slaRecompute.requestIfRulesChanged(new Map([['sla_policy', new Set(['any'])]]));
    expect(calendars()).toBeNull();
    local.slaRecompute.requestIfRulesChanged(calendarEdit);
    expect(calendars()).toBeNull();
    db.close();
  });
});

function londonId(path: string): string {
  const db = new Database(path, { readonly: true });
  const id = db.prepare("SELECT id FROM business_calendars WHERE time_zone = 'Europe/London'").pluck().get() as string;
  db.close();
  return id;
}
