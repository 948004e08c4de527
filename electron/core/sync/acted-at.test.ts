/**
 * Offline work keeps the time it was done: a console that worked offline and syncs hours later
 * shows, and the server stores, the time the person acted, not the time it synced. Real Core on
 * SQLite, real server over HTTP; the server's clock is moved, the console's network cut.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus, TicketDetail } from '../../../shared/contract/channels.ts';
import type { z } from 'zod';
import { uuidv7 } from '../../../shared/ids.ts';
import { startServer, type RunningServer } from '../../../server/app.ts';
import { backends } from '../../../server/testing/backends.ts';
import { newTicket, PASSWORD, setUp, type Fixture } from '../../../server/testing/fixture.ts';
import { openCore, type Core } from '../index.ts';
import { call, tempDir } from '../testing/fixtures.ts';

const HOUR = 3_600_000;

let f: Fixture;
let server: RunningServer;
let serverNow = Date.now();
let consoleNow = serverNow;
let core: Core;

beforeAll(async () => {
  // The real PostgreSQL when there is one (CI), else PGlite.
  f = await setUp(backends.at(-1)!);
  server = await startServer({ db: f.db, logger: false, now: () => serverNow });
});

afterAll(async () => {
  core?.close();
  await server.close();
  await f.close();
});

describe('acted-at time across sync', () => {
  it('keeps the time an offline reply and solve were made, after syncing hours later', async () => {
    const supervisor = await f.client(f.users.supervisor);
    const t = newTicket(f, f.teams.billing.id);
    await supervisor.push([{ id: 1, name: 'ticket.create', args: t.args }]);

    let offline = false;
    const fetchThrough: typeof globalThis.fetch = async (input, init) => {
      if (offline) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    core = openCore({
      databasePath: join(tempDir(), 'console.db'),
      transport: 'direct',
      now: () => consoleNow,
      log: () => {},
      sync: { deviceName: 'laptop', fetch: fetchThrough, retryBaseMs: 10, retryCapMs: 40, pollIntervalMs: 60_000 },
    });
    await call(core, 'session.signIn', { serverUrl: server.url, email: f.users.agent.email, password: PASSWORD });
    await call<SyncStatus>(core, 'sync.now', {});

    // On the train: the reply and the solve are made ten and twenty minutes in, offline.
    offline = true;
    const reply = uuidv7();
    consoleNow += 10 * 60_000;
    const repliedAt = consoleNow;
    await call(core, 'mutations.run', { name: 'message.append', args: { id: reply, ticketId: t.id, kind: 'reply', body: 'Refunded.' } });
    consoleNow += 10 * 60_000;
    const solvedAt = consoleNow;
    await call(core, 'mutations.run', { name: 'ticket.setStatus', args: { id: t.id, status: 'solved', base: 'open' } });

    // Back online three hours later.
    serverNow += 3 * HOUR;
    consoleNow = serverNow;
    offline = false;
    expect(await call<SyncStatus>(core, 'sync.now', {})).toMatchObject({ pendingMutations: 0, lastError: null });

    const stored = (
      await f.db.query<{ data: { createdAt: number } }>("SELECT data FROM records WHERE entity = 'message' AND id = $1", [reply])
    ).rows[0]?.data;
    expect(stored?.createdAt).toBe(repliedAt);
    const detail = await call<z.infer<typeof TicketDetail>>(core, 'tickets.get', { id: t.id });
    expect(detail.ticket).toMatchObject({ firstReplyAt: repliedAt, solvedAt, version: expect.any(Number) });
    expect(detail.ticket.version).toBeGreaterThan(0); // the server's copy, not the optimistic one
    expect(detail.messages.find((m) => m.id === reply)?.createdAt).toBe(repliedAt);
    const statuses = detail.events.filter((e) => e.kind === 'status').map((e) => [e.to, e.at]);
    expect(statuses).toEqual([
      ['open', repliedAt],
      ['solved', solvedAt],
    ]);
  });
});
