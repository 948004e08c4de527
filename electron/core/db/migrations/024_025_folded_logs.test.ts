import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../../shared/demo/random.ts';
import { foldLog } from '../../../../shared/metrics/timeline.ts';
import type { EventFact } from '../../../../shared/metrics/facts.ts';
import { createMetricsRepository } from '../../areas/metrics/metrics.ts';
import { decodeFold } from '../../areas/metrics/fold-codec.ts';
import { decodeClockSteps } from '../../../../shared/sla/clock-codec.ts';
import { clockSteps } from '../../../../shared/sla/clock.ts';
import { seedDemoDatabase } from '../../demo/seed.ts';
import { DEMO_NOW, tempDir } from '../../testing/fixtures.ts';
import { openDatabase } from '../open.ts';
import { MIGRATIONS } from './index.ts';

const DAY = 86_400_000;

interface Held {
  ticket_id: string;
  last_event_at: number | null;
  log: string | null;
  clock: string | null;
}

/**
 * What the folds must say, from the tickets and events as read back: a row per ticket, its latest
 * event's instant, and a log that is either stale (null) or the fold of every event it has now,
 * with beside it the clock steps of those events read in log order (at, then id).
 */
function check(db: Database): { stale: number; folded: number } {
  const held = db.prepare('SELECT ticket_id, last_event_at, log, clock FROM folded_logs ORDER BY ticket_id').all() as Held[];
  const tickets = db.prepare('SELECT id FROM tickets ORDER BY id').pluck().all() as string[];
  expect(held.map((h) => h.ticket_id)).toEqual(tickets);
  const events = db.prepare('SELECT id, ticket_id, kind, actor_id, actor_kind, from_value, to_value, at FROM ticket_events').all() as {
    id: string;
    ticket_id: string;
    kind: EventFact['kind'];
    actor_id: string | null;
    actor_kind: EventFact['actorKind'] | null;
    from_value: string | null;
    to_value: string | null;
    at: number;
  }[];
  const byTicket = new Map<string, EventFact[]>();
  for (const e of events) {
    const fact: EventFact = {
      id: e.id,
      ticketId: e.ticket_id,
      kind: e.kind,
      actorId: e.actor_id,
      ...(e.actor_kind === null ? {} : { actorKind: e.actor_kind }),
      from: e.from_value === null ? null : (JSON.parse(e.from_value) as EventFact['from']),
      to: e.to_value === null ? null : (JSON.parse(e.to_value) as EventFact['to']),
      at: e.at,
    };
    byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), fact]);
  }
  let stale = 0;
  for (const h of held) {
    const own = byTicket.get(h.ticket_id) ?? [];
    expect(h.last_event_at).toBe(own.length ? Math.max(...own.map((e) => e.at)) : null);
    if (h.log === null) stale++;
    else {
      expect(decodeFold(h.log), h.ticket_id).toEqual(foldLog(own, Infinity));
      const inLogOrder = [...own].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
      expect(decodeClockSteps(h.clock!), h.ticket_id).toEqual(clockSteps(inLogOrder));
    }
  }
  return { stale, folded: held.length - stale };
}

describe('migrations 024 and 025 (each ticket’s folded event log and clock steps)', () => {
  it('starts every ticket stale on a cache of the previous release, then stays exact whatever writes the events', () => {
    const path = join(tempDir(), 'cache-v23.db');
    const before = openDatabase(path, { migrations: MIGRATIONS.slice(0, 23), now: () => DEMO_NOW });
    seedDemoDatabase(before, { tickets: 120, seed: 24, now: DEMO_NOW });
    before.close();

    const db = openDatabase(path, { migrations: MIGRATIONS, now: () => DEMO_NOW });
    expect(check(db)).toEqual({ stale: 120, folded: 0 });
    const repo = createMetricsRepository(db);
    const foldAll = () => repo.foldEveryStale(17);
    foldAll();
    expect(check(db)).toEqual({ stale: 0, folded: 120 });

    const random = createRandom(24);
    const ticketIds = () => db.prepare('SELECT id FROM tickets ORDER BY id').pluck().all() as string[];
    const eventIds = () => db.prepare('SELECT id FROM ticket_events ORDER BY id').pluck().all() as string[];
    let n = 0;
    // Every kind of write: a new reply, a status change, an event moved in time or to another
    // ticket, an event dropped, a pulled event upserted, a ticket deleted, a ticket arriving after
    // its events.
    const writes: (() => void)[] = [
      () =>
        db
          .prepare(
            `INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, actor_id, from_value, to_value, at)
             SELECT ?, tenant_id, id, 'message', assignee_id, NULL, '{"messageId":"m","kind":"reply"}', ? FROM tickets WHERE id = ?`,
          )
          .run(`e-${++n}`, DEMO_NOW - random.int(0, 30) * DAY, random.pick(ticketIds())),
      () =>
        db
          .prepare(
            `INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, from_value, to_value, at)
             SELECT ?, tenant_id, id, 'status', '"open"', '"solved"', ? FROM tickets WHERE id = ?`,
          )
          .run(`e-${++n}`, DEMO_NOW - random.int(0, 30) * DAY, random.pick(ticketIds())),
      () => db.prepare('UPDATE ticket_events SET at = at - ? WHERE id = ?').run(random.int(1, 9) * DAY, random.pick(eventIds())),
      () => db.prepare('UPDATE ticket_events SET ticket_id = ? WHERE id = ?').run(random.pick(ticketIds()), random.pick(eventIds())),
      () => db.prepare('DELETE FROM ticket_events WHERE id = ?').run(random.pick(eventIds())),
      () =>
        db
          .prepare(
            `INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, from_value, to_value, at)
             SELECT id, tenant_id, ticket_id, kind, from_value, to_value, at + 1 FROM ticket_events WHERE id = ?
             ON CONFLICT (id) DO UPDATE SET at = excluded.at`,
          )
          .run(random.pick(eventIds())),
      () => db.prepare('DELETE FROM tickets WHERE id = ?').run(random.pick(ticketIds())),
      () => {
        const model = random.pick(ticketIds());
        const id = `t-${++n}`;
        db.prepare(
          `INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, from_value, to_value, at)
           SELECT ?, tenant_id, ?, 'escalated', '1', '{"tier":2,"reason":"r"}', ? FROM tickets WHERE id = ?`,
        ).run(`e-${++n}`, id, DEMO_NOW - DAY, model);
        db.prepare(
          `INSERT INTO tickets (id, tenant_id, number, subject, status, priority, type, channel, requester_id, team_id, last_message_at, created_at, updated_at)
           SELECT ?, tenant_id, NULL, 'Pulled late', status, priority, type, channel, requester_id, team_id, 1, ?, ? FROM tickets WHERE id = ?`,
        ).run(id, DEMO_NOW - 2 * DAY, DEMO_NOW - 2 * DAY, model);
      },
    ];
    for (let i = 0; i < 300; i++) {
      random.pick(writes)();
      if (i % 60 === 59) {
        expect(check(db).stale).toBeGreaterThan(0);
        foldAll();
        expect(check(db).stale).toBe(0);
      }
    }
    check(db);
    db.close();
  });

  it('025 leaves every fold of the previous release stale, so the keeper folds each again with its clock steps', () => {
    const path = join(tempDir(), 'cache-v24.db');
    const before = openDatabase(path, { migrations: MIGRATIONS.slice(0, 24), now: () => DEMO_NOW });
    seedDemoDatabase(before, { tickets: 40, seed: 25, now: DEMO_NOW });
    // Folded as the previous release folded: the log alone.
    before.prepare("UPDATE folded_logs SET log = '[1]'").run();
    before.close();

    const db = openDatabase(path, { migrations: MIGRATIONS, now: () => DEMO_NOW });
    expect(check(db)).toEqual({ stale: 40, folded: 0 });
    createMetricsRepository(db).foldEveryStale(16);
    expect(check(db)).toEqual({ stale: 0, folded: 40 });
    db.close();
  });
});
