import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TicketEventKind } from '../../../../shared/domain/records.ts';
import { tempDir } from '../../testing/fixtures.ts';
import { openDatabase } from '../open.ts';
import { MIGRATIONS } from './index.ts';

const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('migration 018 (complaints)', () => {
  it('keeps every ticket event, takes the complaint kinds, and adds the ticket’s complaint columns', () => {
    const path = join(tempDir(), 'cache-v17.db');
    const before = openDatabase(path, { migrations: MIGRATIONS.slice(0, 17) });
    // The events table as the previous release made it: its CHECK lists the kinds it knew then.
    const older = TicketEventKind.options.filter((k) => k !== 'complaint' && k !== 'root_cause').map((k) => `'${k}'`);
    before.exec(`DROP TABLE ticket_events;
      CREATE TABLE ticket_events (
        id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, ticket_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN (${older.join(', ')})),
        actor_id TEXT, from_value TEXT, to_value TEXT, at INTEGER NOT NULL, actor_kind TEXT, automation TEXT);
      CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, at);`);
    const event = before.prepare(
      `INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, actor_id, from_value, to_value, at, actor_kind, automation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    event.run(id(1), id(100), id(200), 'status', id(300), '"open"', '"solved"', 1000, null, null);
    event.run(id(2), id(100), id(200), 'routed', null, null, '{"agentId":"x"}', 2000, 'automation', 'automation:routing');
    // Such a cache refuses the new kinds: the reason the table is made again.
    expect(() => event.run(id(3), id(100), id(200), 'complaint', id(300), null, '"c"', 3000, null, null)).toThrow(/CHECK/);
    before.close();

    const db = openDatabase(path, { migrations: MIGRATIONS.slice(0, 18) });
    expect(
      db.prepare('SELECT id, kind, from_value, to_value, at, actor_kind, automation FROM ticket_events ORDER BY at').raw().all(),
    ).toEqual([
      [id(1), 'status', '"open"', '"solved"', 1000, null, null],
      [id(2), 'routed', null, '{"agentId":"x"}', 2000, 'automation', 'automation:routing'],
    ]);
    const insert = db.prepare(
      `INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, actor_id, from_value, to_value, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(id(3), id(100), id(200), 'complaint', id(300), null, '"c"', 3000);
    insert.run(id(4), id(100), id(200), 'root_cause', id(300), null, '"why"', 4000);
    expect(() => insert.run(id(5), id(100), id(200), 'gossip', id(300), null, null, 5000)).toThrow(/CHECK/);
    // The ticket's index for its history is back.
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket_events'").pluck().all();
    expect(indexes).toContain('ticket_events_ticket');
    const columns = (db.prepare('PRAGMA table_info(tickets)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['complaint_category_id', 'root_cause']));
    db.close();
    expect(new Database(path, { readonly: true }).pragma('user_version', { simple: true })).toBe(18);
  });
});
