import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../../../shared/demo/random.ts';
import { UNSOLVED_STATUSES } from '../../../../shared/domain/ticket-status.ts';
import { tempDir } from '../../testing/fixtures.ts';
import { openDatabase } from '../open.ts';
import { MIGRATIONS } from './index.ts';

const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const TENANT = id(999_999);
const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
const KINDS = ['inbound', 'reply', 'note'] as const;

/**
 * What the board's copy must hold, computed in JS from the tickets and messages as read back: one
 * row per unsolved ticket, the customer's wait from its thread walked in time order.
 */
function expected(db: Database) {
  const tickets = db
    .prepare(
      `SELECT id, coalesce(assignee_id, '') AS assignee_id, team_id, status, priority, created_at, first_reply_at,
              sla_at_risk_at, sla_next_due_at, sla_breached, due_key FROM tickets ORDER BY id`,
    )
    .all() as Record<string, unknown>[];
  const messages = db.prepare('SELECT ticket_id, kind, created_at FROM messages').all() as {
    ticket_id: string;
    kind: string;
    created_at: number;
  }[];
  return tickets
    .filter((t) => UNSOLVED_STATUSES.includes(t.status as never))
    .map((t) => {
      const thread = messages.filter((m) => m.ticket_id === t.id);
      const lastReply = Math.max(-1, ...thread.filter((m) => m.kind === 'reply').map((m) => m.created_at));
      const waits = thread.filter((m) => m.kind === 'inbound' && m.created_at > lastReply).map((m) => m.created_at);
      return { ...t, waiting_since: waits.length ? Math.min(...waits) : null };
    });
}

const held = (db: Database) =>
  db
    .prepare(
      `SELECT id, assignee_id, team_id, status, priority, created_at, first_reply_at,
              sla_at_risk_at, sla_next_due_at, sla_breached, due_key, waiting_since FROM board_tickets ORDER BY id`,
    )
    .all();

function sla(random: Random): string | null {
  if (random.chance(0.3)) return null;
  const due = random.int(1_000, 9_000);
  return JSON.stringify({ nextDueAt: due, atRiskAt: due - random.int(0, 900), breached: random.chance(0.2) });
}

function addTicket(db: Database, random: Random, n: number): void {
  const at = random.int(0, 5_000);
  db.prepare(
    `INSERT INTO tickets (id, tenant_id, number, subject, status, priority, type, channel, requester_id, team_id, assignee_id,
       first_reply_due_at, first_reply_at, sla, last_message_at, created_at, updated_at)
     VALUES (?, ?, ?, 'A ticket', ?, ?, 'question', 'email', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id(n),
    TENANT,
    n,
    random.pick(STATUSES),
    random.pick(['low', 'normal', 'high', 'urgent']),
    id(500_000),
    id(600_000 + random.int(0, 2)),
    random.chance(0.3) ? null : id(700_000 + random.int(0, 3)),
    random.chance(0.5) ? null : random.int(1_000, 9_000),
    random.chance(0.5) ? null : at + random.int(1, 500),
    sla(random),
    at,
    at,
    at,
  );
}

describe('migration 023 (the board’s copy of the unsolved tickets)', () => {
  it('copies a cache of the previous release, then stays equal to its tickets and threads whatever writes them', () => {
    const path = join(tempDir(), 'cache-v22.db');
    const before = openDatabase(path, { migrations: MIGRATIONS.slice(0, 22) });
    const random = createRandom(23);
    let tickets = 0;
    let messages = 0;
    const addMessage = (db: Database) => {
      const ticket = id(random.int(1, tickets));
      const at = random.int(0, 9_000);
      db.prepare(
        `INSERT INTO messages (id, tenant_id, ticket_id, kind, author_type, body, channel, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'agent', 'Hello', 'email', ?, ?)`,
      ).run(id(100_000 + ++messages), TENANT, ticket, random.pick(KINDS), at, at);
    };
    for (; tickets < 40;) addTicket(before, random, ++tickets);
    for (let i = 0; i < 150; i++) addMessage(before);
    before.close();

    const db = openDatabase(path, { migrations: MIGRATIONS.slice(0, 23) });
    expect(held(db)).toEqual(expected(db));
    expect(held(db).length).toBeGreaterThan(10);

    // Every kind of write the cache makes: new tickets and messages, the record store's upsert of a
    // pulled ticket, status, assignee and snapshot changes, threads dropped and corrected, deletes.
    const writes: ((db: Database) => void)[] = [
      (d) => addTicket(d, random, ++tickets),
      addMessage,
      (d) =>
        d
          .prepare(
            `INSERT INTO tickets (id, tenant_id, number, subject, status, priority, type, channel, requester_id, team_id, last_message_at, created_at, updated_at)
             VALUES (?, ?, NULL, 'Pulled', ?, 'high', 'question', 'email', ?, ?, 1, 1, 1)
             ON CONFLICT (id) DO UPDATE SET status = excluded.status, priority = excluded.priority, updated_at = 2`,
          )
          .run(id(random.int(1, tickets)), TENANT, random.pick(STATUSES), id(500_000), id(600_000)),
      (d) => d.prepare('UPDATE tickets SET status = ? WHERE id = ?').run(random.pick(STATUSES), id(random.int(1, tickets))),
      (d) =>
        d
          .prepare('UPDATE tickets SET assignee_id = ? WHERE id = ?')
          .run(random.chance(0.3) ? null : id(700_001), id(random.int(1, tickets))),
      (d) => d.prepare('UPDATE tickets SET sla = ? WHERE id = ?').run(sla(random), id(random.int(1, tickets))),
      (d) =>
        d
          .prepare('UPDATE tickets SET first_reply_at = ?, subject = ? WHERE id = ?')
          .run(random.int(0, 9_000), 'Renamed', id(random.int(1, tickets))),
      (d) => d.prepare('DELETE FROM messages WHERE ticket_id = ?').run(id(random.int(1, tickets))),
      (d) => d.prepare('UPDATE messages SET kind = ? WHERE id = ?').run(random.pick(KINDS), id(100_000 + random.int(1, messages))),
      (d) => d.prepare('UPDATE messages SET created_at = ? WHERE id = ?').run(random.int(0, 9_000), id(100_000 + random.int(1, messages))),
      (d) =>
        d.prepare('UPDATE messages SET ticket_id = ? WHERE id = ?').run(id(random.int(1, tickets)), id(100_000 + random.int(1, messages))),
      (d) => d.prepare('DELETE FROM tickets WHERE id = ?').run(id(random.int(1, tickets))),
    ];
    for (let i = 0; i < 600; i++) {
      random.pick(writes)(db);
      if (i % 50 === 49) expect(held(db)).toEqual(expected(db));
    }
    expect(held(db)).toEqual(expected(db));
    db.close();
  });
});
