import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures.ts';
import { openDatabase } from '../open.ts';
import { MIGRATIONS } from './index.ts';

const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('migration 019 (metrics read)', () => {
  it('keeps the events of a cache of the previous release and finds them by their instant', () => {
    const path = join(tempDir(), 'cache-v18.db');
    const before = openDatabase(path, { migrations: MIGRATIONS.slice(0, 18) });
    before
      .prepare(
        `INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, actor_id, from_value, to_value, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id(1), id(100), id(200), 'status', id(300), '"open"', '"solved"', 1000);
    before.close();

    const db = openDatabase(path, { migrations: MIGRATIONS.slice(0, 19) });
    expect(db.prepare('SELECT id, at FROM ticket_events').raw().all()).toEqual([[id(1), 1000]]);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan('SELECT ticket_id FROM ticket_events WHERE at >= 500')).toMatch(/ticket_events_at/);
    expect(plan('SELECT ticket_id FROM feedback WHERE created_at >= 500 AND ticket_id IS NOT NULL')).toMatch(/feedback_created/);
    db.close();
    expect(new Database(path, { readonly: true }).pragma('user_version', { simple: true })).toBe(19);
  });
});
