import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  CUSTOMER_TYPES,
  LIFECYCLE_STAGES,
  ACCOUNT_TIERS,
  MESSAGE_KINDS,
  ROLES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from '../../../shared/domain/enums.ts';
import { openDatabase } from '../db/open.ts';
import { DEMO_NOW, tempDir } from '../testing/fixtures.ts';
import { seedDemoDatabase } from './seed.ts';

const dir = tempDir();

function seeded(name: string, seed: number, tickets = 1000): Database {
  const db = openDatabase(join(dir, name));
  seedDemoDatabase(db, { tickets, seed, now: DEMO_NOW });
  return db;
}

/** A digest of the rows that matter to a person looking at the demo. */
function digest(db: Database): string {
  const hash = createHash('sha256');
  for (const table of ['accounts', 'contacts', 'tickets', 'messages', 'ticket_events', 'users']) {
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY id`).iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

const distinct = (db: Database, sql: string) => (db.prepare(sql).all() as { v: unknown }[]).map((r) => r.v).sort();

describe('demo data', () => {
  const db = seeded('a.db', 42);

  it('is the same for the same seed and different for another', () => {
    const again = seeded('b.db', 42);
    const other = seeded('c.db', 43);
    expect(digest(again)).toBe(digest(db));
    expect(digest(other)).not.toBe(digest(db));
    again.close();
    other.close();
  });

  it('covers every status, priority, type, channel, tier, role, customer type and message kind', () => {
    expect(distinct(db, 'SELECT DISTINCT status AS v FROM tickets')).toEqual([...TICKET_STATUSES].sort());
    expect(distinct(db, 'SELECT DISTINCT priority AS v FROM tickets')).toEqual([...TICKET_PRIORITIES].sort());
    expect(distinct(db, 'SELECT DISTINCT type AS v FROM tickets')).toEqual([...TICKET_TYPES].sort());
    expect(distinct(db, 'SELECT DISTINCT channel AS v FROM tickets')).toEqual([...CHANNELS].sort());
    expect(distinct(db, 'SELECT DISTINCT escalation_tier AS v FROM tickets')).toEqual([1, 2, 3]);
    expect(distinct(db, 'SELECT DISTINCT role AS v FROM users')).toEqual([...ROLES].sort());
    expect(distinct(db, 'SELECT DISTINCT customer_type AS v FROM contacts')).toEqual([...CUSTOMER_TYPES].sort());
    expect(distinct(db, 'SELECT DISTINCT tier AS v FROM accounts')).toEqual([...ACCOUNT_TIERS].sort());
    expect(distinct(db, 'SELECT DISTINCT lifecycle_stage AS v FROM accounts')).toEqual([...LIFECYCLE_STAGES].sort());
    // System happenings are ticket events, never messages: the other kinds all occur.
    expect(distinct(db, 'SELECT DISTINCT kind AS v FROM messages')).toEqual(MESSAGE_KINDS.filter((k) => k !== 'system').sort());
  });

  it('speaks English and Chinese', () => {
    const zhTickets = db
      .prepare("SELECT count(*) AS n FROM tickets t JOIN contacts c ON c.id = t.requester_id WHERE c.locale = 'zh-CN'")
      .get() as { n: number };
    expect(zhTickets.n / 1000).toBeGreaterThan(0.15);
    expect(zhTickets.n / 1000).toBeLessThan(0.4);
    const subjects = db
      .prepare("SELECT t.subject FROM tickets t JOIN contacts c ON c.id = t.requester_id WHERE c.locale = 'zh-CN' LIMIT 20")
      .all() as { subject: string }[];
    expect(subjects.every((s) => /[\u4e00-\u9fff]/.test(s.subject))).toBe(true);
    expect(db.prepare("SELECT count(*) AS n FROM kb_articles WHERE locale = 'zh-CN'").get()).toMatchObject({ n: expect.any(Number) });
  });

  it('has believable threads and times', () => {
    const stats = db.prepare('SELECT avg(message_count) AS avg, min(created_at) AS first, max(updated_at) AS last FROM tickets').get() as {
      avg: number;
      first: number;
      last: number;
    };
    expect(stats.avg).toBeGreaterThan(6);
    expect(stats.avg).toBeLessThan(14);
    expect(stats.last).toBeLessThanOrEqual(DEMO_NOW);
    expect(DEMO_NOW - stats.first).toBeGreaterThan(60 * 24 * 3600 * 1000);
    const broken = db
      .prepare(
        `
      SELECT count(*) AS n FROM tickets t WHERE t.updated_at < t.created_at
        OR (t.solved_at IS NOT NULL AND t.solved_at < t.created_at)
        OR (t.status IN ('solved', 'closed')) != (t.solved_at IS NOT NULL)
        OR (t.status = 'closed') != (t.closed_at IS NOT NULL)
        OR t.message_count != (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id)
        OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND (m.created_at < t.created_at OR m.created_at > t.updated_at))`,
      )
      .get();
    expect(broken).toEqual({ n: 0 });
    // Pending pauses the resolution clock (docs/sla.md): a paused clock has no due time.
    const unsolvedWithoutDue = db
      .prepare("SELECT count(*) AS n FROM tickets WHERE status IN ('new', 'open', 'on_hold') AND resolution_due_at IS NULL")
      .get();
    expect(unsolvedWithoutDue).toEqual({ n: 0 });
    const numbers = db.prepare('SELECT number FROM tickets ORDER BY created_at, id').all() as { number: number }[];
    expect(numbers.map((r) => r.number)).toEqual(numbers.map((_, i) => i + 1));
  });

  it('names the demo agent as the console user, with tickets of their own', () => {
    const me = db
      .prepare(
        'SELECT u.name, (SELECT count(*) FROM tickets WHERE assignee_id = u.id) AS n FROM sync_state s JOIN users u ON u.id = s.user_id',
      )
      .get() as { name: string; n: number };
    expect(me.name).toBe('Alex Morgan');
    expect(me.n).toBeGreaterThan(20);
  });

  it("writes the accounts' timelines, tasks, feedback and linked tickets too", () => {
    for (const table of ['interactions', 'tasks', 'feedback', 'ticket_links', 'kb_articles', 'macros', 'saved_views', 'sla_policies']) {
      expect((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBeGreaterThan(0);
    }
  });

  it('gives every account its daily health history, the account showing the latest score of it', () => {
    const rows = db
      .prepare('SELECT a.health_score AS score, h.history FROM accounts a LEFT JOIN account_healths h ON h.account_id = a.id')
      .all() as { score: number | null; history: string | null }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.score).toBe((JSON.parse(r.history ?? '[]') as { score: number }[]).at(-1)?.score);
  });

  it('refuses to seed a database that already holds data', () => {
    expect(() => seedDemoDatabase(db, { tickets: 10, now: DEMO_NOW })).toThrow(/already holds data/);
  });
});
