import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures.ts';
import { openDatabase } from '../open.ts';
import { MIGRATIONS } from './index.ts';

const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('migration 008 (events_as_data)', () => {
  it('drops the English system messages, counts only real messages, and gives old escalations the live shape', () => {
    const path = join(tempDir(), 'cache-v7.db');
    const before = openDatabase(path, { migrations: MIGRATIONS.slice(0, 7) });
    // A version-7 cache as the old demo data left it: a thread with a system sentence in it.
    before
      .prepare(
        `INSERT INTO tickets (id, tenant_id, number, subject, status, priority, type, channel, requester_id, team_id,
           last_message_at, message_count, created_at, updated_at)
         VALUES (?, ?, 1, 'Refund', 'open', 'normal', 'question', 'email', ?, ?, 3, 3, 1, 3)`,
      )
      .run(id(1), id(9), id(8), id(7));
    const message = before.prepare(
      `INSERT INTO messages (id, tenant_id, ticket_id, kind, author_type, author_id, body, channel, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, NULL, ?, 'email', ?, ?)`,
    );
    message.run(id(2), id(9), id(1), 'inbound', 'contact', 'Please refund me', 1, 1);
    message.run(id(3), id(9), id(1), 'system', 'system', 'Ticket assigned to Rachel Green.', 2, 2);
    message.run(id(4), id(9), id(1), 'reply', 'agent', 'Done', 3, 3);
    const event = before.prepare(
      'INSERT INTO ticket_events (id, tenant_id, ticket_id, kind, actor_id, from_value, to_value, at) VALUES (?, ?, ?, ?, NULL, ?, ?, 2)',
    );
    event.run(id(5), id(9), id(1), 'escalated', '1', '2');
    event.run(id(6), id(9), id(1), 'escalated', '2', JSON.stringify({ tier: 3, reason: 'Needs engineering' }));
    before.close();

    const db = openDatabase(path);
    expect(db.prepare('SELECT kind FROM messages ORDER BY created_at').pluck().all()).toEqual(['inbound', 'reply']);
    expect(db.prepare('SELECT message_count FROM tickets').pluck().get()).toBe(2);
    expect(
      db
        .prepare('SELECT to_value FROM ticket_events ORDER BY id')
        .pluck()
        .all()
        .map((v) => JSON.parse(v as string)),
    ).toEqual([{ tier: 2 }, { tier: 3, reason: 'Needs engineering' }]);
    db.close();
  });
});
