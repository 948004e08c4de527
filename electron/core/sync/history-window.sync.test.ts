/**
 * The acceptance test of the history window against the real server (in-process, on PGlite): the
 * window shrinks while work is queued offline; nothing queued is lost, the queues' counts stay,
 * and an old ticket's thread comes back from the server on demand.
 */
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../shared/contract/channels.ts';
import { uuidv7 } from '../../../shared/ids.ts';
import { backends } from '../../../server/testing/backends.ts';
import { newTicket, PASSWORD, setUp, type Fixture } from '../../../server/testing/fixture.ts';
import { SYNC_SCHEMA_VERSION } from '../../../shared/sync/protocol.ts';
import { openCore, type Core } from '../index.ts';
import { call, tempDir } from '../testing/fixtures.ts';

/** The console lives 400 days after the server: everything the server holds is older than any window. */
const AHEAD = 400 * 24 * 3_600_000;

let f: Fixture;
let core: Core;
let offline = false;
const path = join(tempDir(), 'console.db');

beforeAll(async () => {
  f = await setUp(backends[0]!);
  core = openCore({
    databasePath: path,
    transport: 'direct',
    now: () => Date.now() + AHEAD,
    log: () => {},
    sync: {
      deviceName: 'history console',
      retryBaseMs: 10,
      retryCapMs: 40,
      pollIntervalMs: 60_000,
      fetch: async (input, init) => {
        if (offline) throw new TypeError('fetch failed');
        return fetch(input, init);
      },
    },
  });
});

afterAll(async () => {
  core.close();
  await f.close();
});

function peek<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Sqlite(path, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

type Detail = { thread: string; messages: { id: string; body: string }[]; ticket: { messageCount: number } };

describe('the history window against the server', () => {
  it('shrinks with work queued offline: nothing pending is lost, counts stay, old threads come back on demand', async () => {
    const supervisor = await f.client(f.users.supervisor);
    const old = newTicket(f, f.teams.billing.id, 'Old double charge');
    old.args.message.body = 'The March invoice was charged twice, please refund';
    const open = newTicket(f, f.teams.billing.id, 'Still open');
    await supervisor.push([
      { id: 1, name: 'ticket.create', args: old.args },
      { id: 2, name: 'message.append', args: { id: uuidv7(), ticketId: old.id, kind: 'note', body: 'Refunded the duplicate' } },
      { id: 3, name: 'ticket.setStatus', args: { id: old.id, status: 'solved', base: 'new' } },
      { id: 4, name: 'ticket.create', args: open.args },
    ]);

    await call(core, 'session.signIn', { serverUrl: f.server.url, email: f.users.agent.email, password: PASSWORD });
    await call(core, 'sync.now', {});
    expect((await call<Detail>(core, 'tickets.get', { id: old.id })).messages).toHaveLength(2);

    // Offline, the agent queues a note on the open ticket and a tag on the old one.
    offline = true;
    const note = uuidv7();
    await call(core, 'mutations.run', {
      name: 'message.append',
      args: { id: note, ticketId: open.id, kind: 'note', body: 'Called the customer' },
    });
    const outbox = peek('SELECT * FROM outbox ORDER BY mutation_id');
    expect(outbox).toHaveLength(1);
    const counts = await call(core, 'views.counts', {});

    await call(core, 'settings.update', { historyMonths: 6 });

    expect(peek('SELECT * FROM outbox ORDER BY mutation_id')).toEqual(outbox);
    expect(await call(core, 'views.counts', {})).toEqual(counts);
    expect(peek('SELECT id FROM messages WHERE ticket_id = ?', old.id)).toEqual([]);
    const away = await call<Detail>(core, 'tickets.get', { id: old.id });
    expect(away).toMatchObject({ thread: 'unavailable', messages: [], ticket: { messageCount: 2 } });
    // The open ticket keeps its thread, the queued note included.
    expect((await call<Detail>(core, 'tickets.get', { id: open.id })).messages.map((m) => m.id)).toContain(note);

    offline = false;
    await call(core, 'sync.now', {});
    const back = await call<Detail>(core, 'tickets.get', { id: old.id });
    expect(back.thread).toBe('server');
    expect(back.messages.map((m) => m.body)).toEqual(['The March invoice was charged twice, please refund', 'Refunded the duplicate']);
    // Shown, not kept: the ticket is still outside the window.
    expect(peek('SELECT id FROM messages WHERE ticket_id = ?', old.id)).toEqual([]);

    // Search finds the old message on the server, shown with the ticket the cache holds.
    const found = await call<{ hits: SearchHit[] }>(core, 'search.query', { q: 'charged twice' });
    expect(found.hits).toContainEqual(expect.objectContaining({ kind: 'message', ticketId: old.id, title: 'Old double charge' }));

    // The queued note reached the server once.
    expect(peek('SELECT count(*) AS n FROM outbox')).toEqual([{ n: 0 }]);
    const thread = await supervisor.request('/sync/thread', {
      clientId: supervisor.clientId,
      schemaVersion: SYNC_SCHEMA_VERSION,
      ticketId: open.id,
    });
    expect(thread.body.messages.filter((m: { id: string }) => m.id === note)).toHaveLength(1);
  });
});
