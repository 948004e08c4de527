import { statSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { historyCutoff } from '../../../shared/domain/history-window.ts';
import { openCore, seedDemo } from '../index.ts';
import { call, DEMO_NOW, seededCore, tempDir } from '../testing/fixtures.ts';

const core = seededCore(600);

function peek<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Sqlite(core.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const size = () => ['', '-wal'].reduce((n, s) => n + (statSync(`${core.databasePath}${s}`, { throwIfNoEntry: false })?.size ?? 0), 0);

describe('the message history window', () => {
  it('drops old solved threads at once, keeps rows, counts and the outbox, and frees the space', async () => {
    const cutoff = historyCutoff(DEMO_NOW, 1);
    const [old] = peek<{ id: string; message_count: number; subject: string }>(
      "SELECT id, message_count, subject FROM tickets WHERE status = 'solved' AND updated_at < ? AND message_count > 0 ORDER BY updated_at LIMIT 1",
      cutoff,
    );
    const [open] = peek<{ id: string; message_count: number }>(
      "SELECT id, message_count FROM tickets WHERE status NOT IN ('solved', 'closed') AND updated_at < ? AND message_count > 0 LIMIT 1",
      cutoff,
    );
    expect(old).toBeDefined();
    expect(open).toBeDefined();
    // Pending work on an old solved ticket: its outbox entry and optimistic row must survive.
    await call(core, 'mutations.run', { name: 'ticket.tags', args: { id: old!.id, add: ['audit'] } });
    const outbox = peek('SELECT * FROM outbox ORDER BY mutation_id');
    const counts = await call(core, 'views.counts', {});
    const dashboard = await call(core, 'dashboard.summary', {});
    const tickets = peek<{ n: number }>('SELECT count(*) AS n FROM tickets')[0]!.n;
    const before = size();
    const expected = peek<{ n: number }>(
      `SELECT count(*) AS n FROM messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE t.status IN ('solved', 'closed') AND t.updated_at < ?
          AND t.id NOT IN (SELECT id FROM optimistic_base WHERE entity = 'ticket')`,
      cutoff,
    )[0]!.n;
    expect(expected).toBeGreaterThan(0);

    // Core answers the inbox while the window shrinks.
    const order: string[] = [];
    const shrunk = call(core, 'settings.update', { historyMonths: 1 }).then(() => order.push('shrunk'));
    await call(core, 'tickets.list', { view: 'all', limit: 50 }).then(() => order.push('listed'));
    await shrunk;
    expect(order).toEqual(['listed', 'shrunk']);

    const left = peek<{ n: number }>(
      `SELECT count(*) AS n FROM messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE t.status IN ('solved', 'closed') AND t.updated_at < ?
          AND t.id NOT IN (SELECT id FROM optimistic_base WHERE entity = 'ticket')`,
      cutoff,
    )[0]!.n;
    expect(left).toBe(0);
    expect(peek('SELECT * FROM outbox ORDER BY mutation_id')).toEqual(outbox);
    expect(await call(core, 'views.counts', {})).toEqual(counts);
    expect(await call(core, 'dashboard.summary', {})).toEqual(dashboard);
    expect(peek<{ n: number }>('SELECT count(*) AS n FROM tickets')[0]!.n).toBe(tickets);
    expect(peek<{ v: number }>('PRAGMA auto_vacuum').map((r) => Object.values(r)[0])).toEqual([2]);
    expect(size()).toBeLessThan(before);

    // The pending change kept its ticket's thread; an unsolved ticket keeps its thread whatever its age.
    const pending = await call<{ thread: string; messages: unknown[] }>(core, 'tickets.get', { id: old!.id });
    expect(pending.thread).toBe('cached');
    const kept = await call<{ thread: string; messages: unknown[] }>(core, 'tickets.get', { id: open!.id });
    expect(kept).toMatchObject({ thread: 'cached' });
    expect(kept.messages).toHaveLength(open!.message_count);
  });

  it('says plainly that an old thread is not here when there is no server to ask', async () => {
    const [gone] = peek<{ id: string; message_count: number }>(
      `SELECT id, message_count FROM tickets t WHERE status IN ('solved', 'closed') AND message_count > 0
          AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id) LIMIT 1`,
    );
    const detail = await call<{ thread: string; messages: unknown[]; events: unknown[]; ticket: { messageCount: number } }>(
      core,
      'tickets.get',
      { id: gone!.id },
    );
    expect(detail.thread).toBe('unavailable');
    expect(detail.messages).toEqual([]);
    expect(detail.events.length).toBeGreaterThan(0);
    expect(detail.ticket.messageCount).toBe(gone!.message_count);
  });
});

describe('a cache created before caches were incremental', () => {
  it('is vacuumed whole once, at its first shrink, and frees its space', async () => {
    const path = join(tempDir(), 'legacy.db');
    // What an earlier Switchboard created: a file whose freed pages stay inside it.
    const legacy = new Sqlite(path);
    legacy.pragma('auto_vacuum = NONE');
    legacy.exec('CREATE TABLE made_by_an_earlier_release (x)');
    legacy.close();
    const old = openCore({ databasePath: path, transport: 'direct', now: () => DEMO_NOW, log: () => {} });
    try {
      seedDemo(old, { tickets: 300, seed: 11, now: DEMO_NOW });
      const autoVacuum = () => {
        const db = new Sqlite(path, { readonly: true });
        try {
          return db.pragma('auto_vacuum', { simple: true });
        } finally {
          db.close();
        }
      };
      expect(autoVacuum()).toBe(0);
      const before = statSync(path).size;
      await call(old, 'settings.update', { historyMonths: 1 });
      expect(autoVacuum()).toBe(2);
      expect(statSync(path).size).toBeLessThan(before);
    } finally {
      old.close();
    }
  });
});

describe('a shrink cut short', () => {
  it('answers UNAVAILABLE when the cache closes under it, and the cache opens again intact', async () => {
    const path = join(tempDir(), 'closing.db');
    const first = openCore({ databasePath: path, transport: 'direct', now: () => DEMO_NOW, log: () => {} });
    seedDemo(first, { tickets: 300, seed: 5, now: DEMO_NOW });
    const tickets = (await call<{ counts: { tickets: number } }>(first, 'app.info', {})).counts.tickets;
    const shrinking = first.dispatch('settings.update', { historyMonths: 1 });
    // Answered during the shrink's first turn: the shrink is under way when the cache closes.
    await call(first, 'tickets.list', { view: 'all', limit: 10 });
    first.close();
    expect(await shrinking).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const again = openCore({ databasePath: path, transport: 'direct', now: () => DEMO_NOW, log: () => {} });
    try {
      expect((await call<{ counts: { tickets: number } }>(again, 'app.info', {})).counts.tickets).toBe(tickets);
    } finally {
      again.close();
    }
  });
});
