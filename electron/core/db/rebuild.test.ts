/**
 * A cache damaged on disk, found by the background check, is rebuilt from the server (the real
 * one, in-process on PGlite) with the person's unsent change kept and delivered afterwards.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/contract/channels.ts';
import type { EventPayload } from '../../../shared/contract/events.ts';
import type { Ticket } from '../../../shared/domain/records.ts';
import { backends } from '../../../server/testing/backends.ts';
import { newTicket, PASSWORD, setUp, type Fixture } from '../../../server/testing/fixture.ts';
import { type Core, openCore } from '../index.ts';
import { call, tempDir } from '../testing/fixtures.ts';

let f: Fixture;
const opened: Core[] = [];
beforeAll(async () => {
  f = await setUp(backends[0]!);
});
afterAll(async () => {
  for (const core of opened) core.close();
  await f.close();
});

function openConsole(path: string, fetch: typeof globalThis.fetch, integrityCheckDelayMs: number | null): Core {
  const core = openCore({
    databasePath: path,
    transport: 'direct',
    log: () => {},
    integrityCheckDelayMs,
    sync: { deviceName: 'test console', fetch, retryBaseMs: 10, retryCapMs: 40, pollIntervalMs: 60_000 },
  });
  opened.push(core);
  return core;
}

/** Overwrites every page of `table` but its root with garbage. */
function damageTable(path: string, table: string): void {
  const db = new Sqlite(path, { readonly: true });
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype != 'internal'").pluck().all(table) as number[];
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const bytes = readFileSync(path);
  for (const page of pages.slice(1)) bytes.fill(0x5a, (page - 1) * pageSize, page * pageSize);
  writeFileSync(path, bytes);
}

it('rebuilds a cache the background check finds damaged, keeping the unsent change, which then reaches the server', async () => {
  const supervisor = await f.client(f.users.supervisor);
  const tickets = Array.from({ length: 60 }, (_, i) => newTicket(f, f.teams.billing.id, `Invoice question ${i} `.repeat(8)));
  const reply = await supervisor.push(tickets.map((t, i) => ({ id: i + 1, name: 'ticket.create', args: t.args })));
  expect(reply.body.results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
  const ticketId = tickets[0]!.id;

  let offline = false;
  const fetch: typeof globalThis.fetch = (input, init) =>
    offline ? Promise.reject(new TypeError('fetch failed')) : globalThis.fetch(input, init);
  const path = join(tempDir(), 'console.db');
  const first = openConsole(path, fetch, null);
  await call(first, 'session.signIn', { serverUrl: f.server.url, email: f.users.agent.email, password: PASSWORD });
  await call(first, 'sync.now', {});
  offline = true;
  await call(first, 'mutations.run', { name: 'ticket.tags', args: { id: ticketId, add: ['kept'] } });
  expect(await call<SyncStatus>(first, 'sync.now', {})).toMatchObject({ pendingMutations: 1 });
  first.close();

  damageTable(path, 'tickets');
  const core = openConsole(path, fetch, 0);
  const damaged = new Promise<EventPayload<'cache.damaged'>>((resolve) =>
    core.subscribe((name, payload) => name === 'cache.damaged' && resolve(payload as EventPayload<'cache.damaged'>)),
  );
  expect(await damaged).toEqual({ rebuilt: true, keptChanges: 1, complete: true });
  const check = new Sqlite(path, { readonly: true });
  expect(check.pragma('quick_check', { simple: true })).toBe('ok');
  check.close();

  offline = false;
  expect(await call<SyncStatus>(core, 'sync.now', {})).toMatchObject({ connection: 'online', pendingMutations: 0 });
  expect((await call<{ ticket: Ticket }>(core, 'tickets.get', { id: ticketId })).ticket.tags).toContain('kept');
  const { rows } = await f.db.query<{ data: { tags: string[] } }>("SELECT data FROM records WHERE entity = 'ticket' AND id = $1", [
    ticketId,
  ]);
  expect(rows[0]?.data.tags).toContain('kept');
  const list = await call<{ rows: unknown[] }>(core, 'tickets.list', { view: 'all', limit: 100 });
  expect(list.rows.length).toBeGreaterThanOrEqual(60);
});
