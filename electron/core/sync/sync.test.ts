/**
 * Core's sync client against the real server (in-process, on PGlite) with real Cores on temporary
 * SQLite files. Faults are injected at the network edge: a fetch that fails (server unreachable),
 * that drops a response after the server committed, or that rewrites an answer.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState, SyncIssue, SyncStatus } from '../../../shared/contract/channels.ts';
import type { Ticket } from '../../../shared/domain/records.ts';
import { uuidv7 } from '../../../shared/ids.ts';
import { PUSH_MAX_MUTATIONS_UNSAID } from '../../../shared/sync/protocol.ts';
import type { User } from '../../../shared/domain/records.ts';
import { startServer, type RunningServer } from '../../../server/app.ts';
import { backends } from '../../../server/testing/backends.ts';
import { newTicket, PASSWORD, post, setUp, type Fixture, type TestClient } from '../../../server/testing/fixture.ts';
import { type Core, type CoreSyncOptions, openCore, seedDemo } from '../index.ts';
import { call, DEMO_NOW, tempDir } from '../testing/fixtures.ts';

let f: Fixture;
let serverNow = Date.now();
let clockServer: RunningServer;
const opened: Core[] = [];

beforeAll(async () => {
  f = await setUp(backends[0]!);
  // A second instance on the same database whose clock the tests move (token expiry).
  clockServer = await startServer({ db: f.db, logger: false, now: () => serverNow });
});

afterAll(async () => {
  for (const core of opened) core.close();
  await clockServer.close();
  await f.close();
});

interface Network {
  offline: boolean;
  /** The next push reaches the server, but its answer is lost. */
  dropNextPushAnswer: boolean;
  /** Rewrites a JSON answer for a path (e.g. what /info advertises). */
  rewrite: ((path: string, body: unknown) => unknown) | null;
  /** How many mutations each push carried, in order. */
  pushed: number[];
}

function network(): { net: Network; fetch: typeof globalThis.fetch } {
  const net: Network = { offline: false, dropNextPushAnswer: false, rewrite: null, pushed: [] };
  const fetchThrough: typeof globalThis.fetch = async (input, init) => {
    if (net.offline) throw new TypeError('fetch failed');
    const path = new URL(String(input)).pathname;
    if (path === '/sync/push') net.pushed.push((JSON.parse(String(init?.body)) as { mutations: unknown[] }).mutations.length);
    const res = await fetch(input, init);
    if (path === '/sync/push' && net.dropNextPushAnswer) {
      net.dropNextPushAnswer = false;
      await res.text();
      throw new TypeError('the connection was reset');
    }
    if (!net.rewrite) return res;
    const text = await res.text();
    const body = net.rewrite(path, text ? JSON.parse(text) : null);
    return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
  };
  return { net, fetch: fetchThrough };
}

function openConsole(sync: CoreSyncOptions = {}, path = join(tempDir(), 'console.db'), now?: () => number): { core: Core; path: string } {
  const core = openCore({
    databasePath: path,
    ...(now ? { now } : {}),
    transport: 'direct',
    log: () => {},
    sync: { deviceName: 'test console', retryBaseMs: 10, retryCapMs: 40, pollIntervalMs: 60_000, ...sync },
  });
  opened.push(core);
  return { core, path };
}

async function signIn(core: Core, user: User, server: RunningServer = f.server): Promise<SessionState> {
  const state = await call<SessionState>(core, 'session.signIn', { serverUrl: server.url, email: user.email, password: PASSWORD });
  await call(core, 'sync.now', {});
  return state;
}

const syncNow = (core: Core) => call<SyncStatus>(core, 'sync.now', {});
const ticketOf = (core: Core, id: string) => call<{ ticket: Ticket }>(core, 'tickets.get', { id }).then((r) => r.ticket);
const issuesOf = (core: Core) => call<{ issues: SyncIssue[] }>(core, 'sync.issues', {}).then((r) => r.issues);

async function serverRecord(entity: string, id: string): Promise<Record<string, unknown> | null> {
  const { rows } = await f.db.query<{ data: Record<string, unknown> }>(
    'SELECT data FROM records WHERE entity = $1 AND id = $2 AND NOT deleted',
    [entity, id],
  );
  return rows[0]?.data ?? null;
}

/** A ticket in Billing, created on the server by someone else's device. */
async function billingTicket(by: TestClient): Promise<string> {
  const t = newTicket(f, f.teams.billing.id, `Invoice ${uuidv7().slice(-6)}`);
  const reply = await by.push([{ id: nextId(by), name: 'ticket.create', args: t.args }]);
  expect(reply.body.results[0].status).toBe('applied');
  return t.id;
}

const mutationIds = new Map<string, number>();
function nextId(c: TestClient): number {
  const n = (mutationIds.get(c.clientId) ?? 0) + 1;
  mutationIds.set(c.clientId, n);
  return n;
}

describe('sync client', () => {
  let supervisor: TestClient;
  beforeAll(async () => {
    supervisor = await f.client(f.users.supervisor);
  });

  it("signs in, bootstraps the person's scopes, and keeps the refresh token in a 0600 file only", async () => {
    const billing = await billingTicket(supervisor);
    const tech = newTicket(f, f.teams.tech.id, 'Router is down');
    await supervisor.push([{ id: nextId(supervisor), name: 'ticket.create', args: tech.args }]);
    const { core, path } = openConsole();
    expect(await call<SessionState>(core, 'session.get', {})).toMatchObject({ status: 'signed_out', user: null });

    const state = await signIn(core, f.users.agent);
    expect(state).toMatchObject({ status: 'signed_in', serverUrl: new URL(f.server.url).origin, user: { id: f.users.agent.id } });
    expect(JSON.stringify(state)).not.toContain('Token');
    expect((await ticketOf(core, billing)).subject).toMatch(/^Invoice/);
    expect(await core.dispatch('tickets.get', { id: tech.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call<SyncStatus>(core, 'sync.status', {})).toMatchObject({ connection: 'online', pendingMutations: 0, lastError: null });
    const secret = `${path}.session`;
    expect(readFileSync(secret, 'utf8').length).toBeGreaterThan(20);
    if (process.platform !== 'win32') expect(statSync(secret).mode & 0o777).toBe(0o600);
  });

  it('offers the address of a failed sign-in on the sign-in screen', async () => {
    const { core } = openConsole();
    expect(await call<SessionState>(core, 'session.get', {})).toMatchObject({ rememberedServerUrl: null });
    const refused = await core.dispatch('session.signIn', { serverUrl: f.server.url, email: f.users.agent.email, password: 'not it' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await call<SessionState>(core, 'session.get', {})).toMatchObject({
      status: 'signed_out',
      rememberedServerUrl: new URL(f.server.url).origin,
    });
  });

  it("receives another console's change through a live poke, without asking", async () => {
    const ticketId = await billingTicket(supervisor);
    const { core } = openConsole();
    await signIn(core, f.users.agent);
    const arrived = new Promise<void>((resolve) =>
      core.subscribe((name, payload) => {
        if (name === 'data.changed' && (payload as { ids: string[] }).ids.includes(ticketId)) resolve();
      }),
    );
    await supervisor.push([{ id: nextId(supervisor), name: 'ticket.update', args: { id: ticketId, priority: 'urgent' } }]);
    await arrived;
    expect((await ticketOf(core, ticketId)).priority).toBe('urgent');
  });

  it('queues a change made while the server is unreachable and delivers it exactly once when it returns', async () => {
    const ticketId = await billingTicket(supervisor);
    const { net, fetch } = network();
    const { core } = openConsole({ fetch });
    await signIn(core, f.users.agent);
    net.offline = true;
    const messageId = uuidv7();
    const receipt = await call<{ mutationId: number }>(core, 'mutations.run', {
      name: 'message.append',
      args: { id: messageId, ticketId, kind: 'note', body: 'Checked the ledger while offline' },
    });
    expect(receipt.mutationId).toBe(1);
    const offline = await syncNow(core);
    expect(offline).toMatchObject({ connection: 'offline', pendingMutations: 1, lastError: { code: 'UNAVAILABLE' } });
    expect((await ticketOf(core, ticketId)).messageCount).toBe(2); // the optimistic note shows at once

    net.offline = false;
    expect(await syncNow(core)).toMatchObject({ connection: 'online', pendingMutations: 0, lastError: null });
    const { rows } = await f.db.query<{ n: unknown }>("SELECT count(*) AS n FROM records WHERE entity = 'message' AND id = $1", [
      messageId,
    ]);
    expect(Number(rows[0]?.n)).toBe(1);
    expect((await ticketOf(core, ticketId)).messageCount).toBe(2);
    expect(await issuesOf(core)).toEqual([]);
  });

  it('delivers long replies queued offline in pushes the server accepts, however many there are', async () => {
    const ticketId = await billingTicket(supervisor);
    const { net, fetch } = network();
    const { core } = openConsole({ fetch });
    await signIn(core, f.users.agent);
    net.offline = true;
    // Six notes of 100,000 characters of Chinese (300 KB each): together past the server's 1 MB body limit.
    const ids = Array.from({ length: 6 }, () => uuidv7());
    for (const [i, id] of ids.entries())
      await call(core, 'mutations.run', {
        name: 'message.append',
        args: { id, ticketId, kind: 'note', body: `${i}${'账'.repeat(99_999)}` },
      });
    expect(await syncNow(core)).toMatchObject({ connection: 'offline', pendingMutations: 6 });

    net.offline = false;
    expect(await syncNow(core)).toMatchObject({ connection: 'online', pendingMutations: 0, lastError: null });
    const { rows } = await f.db.query<{ body: string }>(
      "SELECT data ->> 'body' AS body FROM records WHERE entity = 'message' AND id = ANY($1::uuid[]) ORDER BY data ->> 'body'",
      [ids],
    );
    expect(rows.map((r) => r.body.length)).toEqual(ids.map(() => 100_000));
    expect(rows.map((r) => r.body[0])).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(await issuesOf(core)).toEqual([]);
  });

  it('says offline as soon as the live socket closes, and stays offline (not "syncing") while its retries fail', async () => {
    const server = await startServer({ db: f.db, logger: false });
    // No poll and no change to push: only the closed socket can tell this console the server went away.
    const { core } = openConsole();
    expect(await signIn(core, f.users.agent, server)).toMatchObject({ status: 'signed_in' });
    expect(await syncNow(core)).toMatchObject({ connection: 'online' });
    const seen: string[] = [];
    const offline = new Promise<void>((resolve) =>
      core.subscribe((name, payload) => {
        if (name !== 'sync.changed') return;
        seen.push((payload as SyncStatus).connection);
        if ((payload as SyncStatus).connection === 'offline') resolve();
      }),
    );
    await server.close();
    await offline;
    // A request that fails while the server is away keeps the indicator where it is.
    expect(await syncNow(core)).toMatchObject({ connection: 'offline', lastError: { code: 'UNAVAILABLE' } });
    expect(seen.slice(seen.indexOf('offline'))).not.toContain('syncing');
  });

  it('retries a push whose answer was lost: the server answers alreadyProcessed and nothing doubles', async () => {
    const ticketId = await billingTicket(supervisor);
    const { net, fetch } = network();
    const { core } = openConsole({ fetch });
    await signIn(core, f.users.agent);
    net.dropNextPushAnswer = true;
    const messageId = uuidv7();
    await call(core, 'mutations.run', { name: 'message.append', args: { id: messageId, ticketId, kind: 'reply', body: 'On it' } });
    expect(await syncNow(core)).toMatchObject({ connection: 'offline', pendingMutations: 1, lastError: { code: 'UNAVAILABLE' } });
    expect(await syncNow(core)).toMatchObject({ connection: 'online', pendingMutations: 0 });
    expect(await serverRecord('message', messageId)).toMatchObject({ body: 'On it' });
    expect((await serverRecord('ticket', ticketId))?.messageCount).toBe(2);
    expect((await ticketOf(core, ticketId)).messageCount).toBe(2);
    expect(await issuesOf(core)).toEqual([]);
  });

  it('replaces an optimistic value by the server outcome in one step, reports the conflict, and applies mine on request', async () => {
    const ticketId = await billingTicket(supervisor);
    const { net, fetch } = network();
    const { core } = openConsole({ fetch });
    await signIn(core, f.users.agent);
    const seen: string[] = [];
    core.subscribe((name, payload) => {
      if (name === 'data.changed' && (payload as { entity: string }).entity === 'ticket')
        void ticketOf(core, ticketId).then((t) => seen.push(t.status));
    });
    net.offline = true;
    await call(core, 'mutations.run', { name: 'ticket.setStatus', args: { id: ticketId, status: 'pending', base: 'new' } });
    await supervisor.push([{ id: nextId(supervisor), name: 'ticket.setStatus', args: { id: ticketId, status: 'on_hold', base: 'new' } }]);
    expect((await ticketOf(core, ticketId)).status).toBe('pending');

    net.offline = false;
    expect(await syncNow(core)).toMatchObject({ connection: 'online', pendingMutations: 0, openIssues: 1 });
    expect((await ticketOf(core, ticketId)).status).toBe('on_hold');
    // Every state the person could see: mine, then theirs; never the value from before either.
    expect(seen.filter((s, i) => s !== seen[i - 1])).toEqual(['pending', 'on_hold']);

    const [issue] = await issuesOf(core);
    expect(issue).toMatchObject({
      kind: 'conflict',
      mutationName: 'ticket.setStatus',
      entity: 'ticket',
      entityId: ticketId,
      conflicts: [{ field: 'status', base: 'new', theirs: 'on_hold', mine: 'pending', theirsBy: f.users.supervisor.id }],
    });
    expect(issue?.title).toMatch(/^#\d+ Invoice/);

    const resolved = await call<{ issues: SyncIssue[] }>(core, 'sync.resolve', { id: issue!.id, choice: 'apply_mine' });
    expect(resolved.issues).toEqual([]);
    expect(await syncNow(core)).toMatchObject({ pendingMutations: 0, openIssues: 0 });
    expect((await serverRecord('ticket', ticketId))?.status).toBe('pending');
    expect((await ticketOf(core, ticketId)).status).toBe('pending');
  });

  it('records a rejection once, and the person dismisses it', async () => {
    const ticketId = await billingTicket(supervisor);
    const { net, fetch } = network();
    const { core } = openConsole({ fetch });
    await signIn(core, f.users.agent);
    net.offline = true;
    await call(core, 'mutations.run', { name: 'ticket.tags', args: { id: ticketId, add: ['refund'] } });
    for (const status of ['solved', 'closed'] as const)
      await supervisor.push([
        { id: nextId(supervisor), name: 'ticket.setStatus', args: { id: ticketId, status, base: status === 'solved' ? 'new' : 'solved' } },
      ]);
    net.offline = false;
    expect(await syncNow(core)).toMatchObject({ pendingMutations: 0, openIssues: 1 });
    const ticket = await ticketOf(core, ticketId);
    expect(ticket).toMatchObject({ status: 'closed', tags: [] });
    const [issue] = await issuesOf(core);
    expect(issue).toMatchObject({ kind: 'rejection', mutationName: 'ticket.tags', entityId: ticketId, error: { code: 'RULE_VIOLATION' } });
    expect(await core.dispatch('sync.resolve', { id: issue!.id, choice: 'apply_mine' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    await call(core, 'sync.resolve', { id: issue!.id, choice: 'dismiss' });
    expect(await issuesOf(core)).toEqual([]);
  });

  it('reports a rejection whose push answer was lost, once', async () => {
    const ticketId = await billingTicket(supervisor);
    const { net, fetch } = network();
    const { core } = openConsole({ fetch });
    await signIn(core, f.users.agent);
    net.offline = true;
    await call(core, 'mutations.run', { name: 'ticket.tags', args: { id: ticketId, add: ['refund'] } });
    for (const status of ['solved', 'closed'] as const)
      await supervisor.push([
        { id: nextId(supervisor), name: 'ticket.setStatus', args: { id: ticketId, status, base: status === 'solved' ? 'new' : 'solved' } },
      ]);
    net.offline = false;
    net.dropNextPushAnswer = true;
    expect(await syncNow(core)).toMatchObject({ connection: 'offline', pendingMutations: 1, openIssues: 0 });
    expect(await syncNow(core)).toMatchObject({ connection: 'online', pendingMutations: 0, openIssues: 1 });
    const issues = await issuesOf(core);
    expect(issues).toMatchObject([{ kind: 'rejection', mutationName: 'ticket.tags', error: { code: 'RULE_VIOLATION' } }]);
  });

  it('re-bootstraps on reset and keeps the outbox', async () => {
    const ticketId = await billingTicket(supervisor);
    const { net, fetch } = network();
    const { core, path } = openConsole({ fetch });
    await signIn(core, f.users.agent);
    const afterReset: { outbox: number; tickets: number }[] = [];
    net.rewrite = (at, body) => {
      if (at !== '/sync/pull') return body;
      if (afterReset.length === 0 && !net.offline) {
        // Seen from a second connection: the reset has committed, the next page is not applied yet.
        const db = new Sqlite(path, { readonly: true });
        afterReset.push({
          outbox: db.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
          tickets: db.prepare('SELECT count(*) FROM tickets').pluck().get() as number,
        });
        db.close();
        if (afterReset[0]!.outbox === 1) return { kind: 'reset', reason: 'the change log was pruned' };
      }
      return body;
    };
    await call(core, 'mutations.run', { name: 'ticket.tags', args: { id: ticketId, add: ['vip'] } });
    expect(await syncNow(core)).toMatchObject({ connection: 'online', pendingMutations: 0 });
    // The push went through; its outbox row was still waiting for the pull when the reset came.
    expect(afterReset[0]).toEqual({ outbox: 1, tickets: expect.any(Number) });
    expect((await ticketOf(core, ticketId)).tags).toEqual(['vip']);
    expect((await serverRecord('ticket', ticketId))?.tags).toEqual(['vip']);
  });

  it('refreshes an expired access token (the refresh token rotates) and signs out when the session is revoked', async () => {
    const { core, path } = openConsole();
    serverNow = Date.now();
    await signIn(core, f.users.agent, clockServer);
    const first = readFileSync(`${path}.session`, 'utf8');
    serverNow += 11 * 60_000; // the 10-minute access token has expired on the server
    expect(await syncNow(core)).toMatchObject({ connection: 'online' });
    const second = readFileSync(`${path}.session`, 'utf8');
    expect(second).not.toBe(first);

    // The old token presented again, past the retry leeway, looks stolen: the server revokes the whole session.
    serverNow += 2 * 60_000;
    expect((await post(clockServer, '/auth/refresh', { refreshToken: first })).status).toBe(401);
    serverNow += 11 * 60_000;
    const status = await syncNow(core);
    expect(status.lastError).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await call<SessionState>(core, 'session.get', {})).toMatchObject({
      status: 'signed_out',
      rememberedServerUrl: new URL(clockServer.url).origin,
      rememberedEmail: f.users.agent.email,
    });
    expect(existsSync(`${path}.session`)).toBe(false);
    // The cache stays for the next sign-in.
    expect((await call<{ rows: unknown[] }>(core, 'tickets.list', {})).rows.length).toBeGreaterThan(0);
  });

  it('stops syncing and keeps the outbox when the server needs a newer client', async () => {
    const ticketId = await billingTicket(supervisor);
    const { net, fetch } = network();
    const { core } = openConsole({ fetch });
    await signIn(core, f.users.agent);
    net.rewrite = (path, body) => (path === '/info' ? { ...(body as object), schemaVersions: { min: 99, max: 99 } } : body);
    net.offline = true;
    await call(core, 'mutations.run', { name: 'ticket.tags', args: { id: ticketId, add: ['later'] } });
    await syncNow(core); // fails while offline; the next round checks the server's versions again
    net.offline = false;
    expect(await syncNow(core)).toMatchObject({ connection: 'update_required', pendingMutations: 1 });
    expect((await serverRecord('ticket', ticketId))?.tags).toEqual([]);
  });

  it('fills a push up to what the server says it takes, and to the old 500 when it says nothing', async () => {
    const ticketId = await billingTicket(supervisor);
    const queue = async (core: Core, net: Network, count: number) => {
      net.offline = true;
      for (let i = 0; i < count; i++)
        await call(core, 'mutations.run', { name: 'ticket.tags', args: { id: ticketId, add: [`t${i % 7}`] } });
      net.offline = false;
      expect(await syncNow(core)).toMatchObject({ pendingMutations: 0, lastError: null });
    };
    const told = network();
    const { core } = openConsole({ fetch: told.fetch });
    await signIn(core, f.users.agent);
    await queue(core, told.net, 600);
    expect(told.net.pushed).toEqual([600]);

    const silent = network();
    silent.net.rewrite = (path, body) => {
      if (path !== '/info') return body;
      const { pushMaxMutations: _said, ...info } = body as { pushMaxMutations: number };
      return info;
    };
    const old = openConsole({ fetch: silent.fetch });
    await signIn(old.core, f.users.agent);
    await queue(old.core, silent.net, 600);
    expect(silent.net.pushed).toEqual([PUSH_MAX_MUTATIONS_UNSAID, 100]);
  });

  it('refuses to sign in to another server over this cache, and a wipe removes the files and the session', async () => {
    const { core, path } = openConsole();
    await signIn(core, f.users.agent);
    expect(await core.dispatch('session.signIn', { serverUrl: 'http://127.0.0.1:9', email: 'x@y.test', password: 'p' })).toMatchObject({
      ok: false,
      error: { code: 'OTHER_PERSON_ON_DEVICE' },
    });
    const token = readFileSync(`${path}.session`, 'utf8');
    const state = await call<SessionState>(core, 'session.signOut', { wipe: true });
    expect(state).toMatchObject({ status: 'signed_out', user: null, rememberedServerUrl: null });
    expect(existsSync(`${path}.session`)).toBe(false);
    expect((await call<{ rows: unknown[] }>(core, 'tickets.list', {})).rows).toEqual([]);
    // Revoked on the server too.
    expect((await post(f.server, '/auth/refresh', { refreshToken: token })).status).toBe(401);
    // The emptied console can be signed in again, by anyone.
    expect(await signIn(core, f.users.techAgent)).toMatchObject({ status: 'signed_in', user: { id: f.users.techAgent.id } });
  });
  it('says whose data is on the device when another person signs in, never wipes unsent changes nobody agreed to lose, and replaces the data when asked', async () => {
    const ticketId = await billingTicket(supervisor);
    const { net, fetch } = network();
    const { core } = openConsole({ fetch });
    await signIn(core, f.users.agent);
    net.offline = true;
    await call(core, 'mutations.run', { name: 'ticket.tags', args: { id: ticketId, add: ['unsent'] } });
    await call(core, 'session.signOut', { wipe: false });
    net.offline = false;

    const other = { serverUrl: f.server.url, email: f.users.supervisor.email, password: PASSWORD };
    expect(await core.dispatch('session.signIn', other)).toMatchObject({ ok: false, error: { code: 'OTHER_PERSON_ON_DEVICE' } });
    expect(await call<SessionState>(core, 'session.get', {})).toMatchObject({
      status: 'signed_out',
      deviceHolder: { name: f.users.agent.name, email: f.users.agent.email, serverUrl: f.server.url, unsentChanges: 1 },
    });

    // A wipe that did not agree to lose the unsent change is refused, and the change stays.
    for (const refused of [
      core.dispatch('session.signIn', { ...other, replaceDeviceData: { discardUnsent: 0 } }),
      core.dispatch('session.signOut', { wipe: true }),
    ])
      expect(await refused).toMatchObject({ ok: false, error: { code: 'UNSENT_CHANGES' } });
    expect(await call<SessionState>(core, 'session.get', {})).toMatchObject({ deviceHolder: { unsentChanges: 1 } });

    const replaced = await call<SessionState>(core, 'session.signIn', { ...other, replaceDeviceData: { discardUnsent: 1 } });
    expect(replaced).toMatchObject({ status: 'signed_in', user: { id: f.users.supervisor.id } });
    expect(await syncNow(core)).toMatchObject({ connection: 'online', pendingMutations: 0 });
    expect(await call<SessionState>(core, 'session.get', {})).toMatchObject({
      deviceHolder: { name: f.users.supervisor.name, unsentChanges: 0 },
    });
    expect((await serverRecord('ticket', ticketId))?.tags).toEqual([]);
  });
});

describe('the undo window: a change held in the outbox before it leaves the console', () => {
  let supervisor: TestClient;
  beforeAll(async () => {
    supervisor = await f.client(f.users.supervisor);
  });

  /** A console whose clock the test moves (the window is judged on it), signed in as the agent. */
  async function heldConsole(path?: string) {
    const clock = { now: Date.now() };
    const { net, fetch } = network();
    const opened = openConsole({ fetch }, path, () => clock.now);
    await signIn(opened.core, f.users.agent);
    await call(opened.core, 'settings.update', { undoSeconds: 5 });
    return { ...opened, net, clock };
  }
  const reply = (core: Core, ticketId: string, body: string) =>
    call<{ mutationId: number; undoMs: number }>(core, 'mutations.run', {
      name: 'message.append',
      args: { id: uuidv7(), ticketId, kind: 'reply', body },
      undoable: true,
    });
  const bodies = async (core: Core, ticketId: string) =>
    (await call<{ messages: { body: string }[] }>(core, 'tickets.get', { id: ticketId })).messages.map((m) => m.body);
  async function serverBodies(ticketId: string): Promise<string[]> {
    const { rows } = await f.db.query<{ data: { body: string } }>(
      "SELECT data FROM records WHERE entity = 'message' AND NOT deleted AND data->>'ticketId' = $1",
      [ticketId],
    );
    return rows.map((r) => r.data.body);
  }

  it('holds a reply for the window, offline or not; undone, it leaves the thread and never reaches the server', async () => {
    const ticketId = await billingTicket(supervisor);
    const { core, net, clock } = await heldConsole();
    net.offline = true;
    const receipt = await reply(core, ticketId, 'Meant as a note');
    expect(receipt.undoMs).toBe(5000);
    expect(await bodies(core, ticketId)).toContain('Meant as a note'); // shown at once, as any change
    net.offline = false;
    expect(await syncNow(core)).toMatchObject({ connection: 'online', pendingMutations: 1 });
    expect(await serverBodies(ticketId)).not.toContain('Meant as a note');

    net.offline = true;
    await call(core, 'mutations.undo', { mutationId: receipt.mutationId });
    expect(await bodies(core, ticketId)).not.toContain('Meant as a note');
    expect((await ticketOf(core, ticketId)).messageCount).toBe(1);

    net.offline = false;
    clock.now += 5_000;
    expect(await syncNow(core)).toMatchObject({ connection: 'online', pendingMutations: 0, lastError: null });
    expect(await serverBodies(ticketId)).not.toContain('Meant as a note');
    expect((await serverRecord('ticket', ticketId))?.messageCount).toBe(1);
    expect(await issuesOf(core)).toEqual([]);
    // A change the console made next still goes out (the withdrawn one kept its place in the sequence).
    await call(core, 'mutations.run', { name: 'ticket.tags', args: { id: ticketId, add: ['after-undo'] } });
    expect(await syncNow(core)).toMatchObject({ pendingMutations: 0 });
    expect((await serverRecord('ticket', ticketId))?.tags).toContain('after-undo');
  });

  it('lets nothing overtake a held change, and sends both once the window has passed', async () => {
    const ticketId = await billingTicket(supervisor);
    const { core, clock } = await heldConsole();
    await reply(core, ticketId, 'Your refund is on its way');
    await call(core, 'mutations.run', { name: 'ticket.tags', args: { id: ticketId, add: ['refund'] } });
    expect(await syncNow(core)).toMatchObject({ pendingMutations: 2 });
    expect((await serverRecord('ticket', ticketId))?.tags).not.toContain('refund');

    clock.now += 5_000;
    expect(await syncNow(core)).toMatchObject({ pendingMutations: 0 });
    expect(await serverBodies(ticketId)).toContain('Your refund is on its way');
    expect((await serverRecord('ticket', ticketId))?.tags).toContain('refund');
    // Too late to undo now: it has left.
    const late = await core.dispatch('mutations.undo', { mutationId: 1 });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('sends a held reply after a restart in its window rather than losing it', async () => {
    const ticketId = await billingTicket(supervisor);
    const first = await heldConsole();
    first.net.offline = true;
    await reply(first.core, ticketId, 'Written just before the crash');
    first.core.close();

    const { core, clock } = await heldConsole(first.path);
    clock.now += 5_000;
    expect(await syncNow(core)).toMatchObject({ pendingMutations: 0 });
    expect(await serverBodies(ticketId)).toContain('Written just before the crash');
  });

  it('goes out by itself when the window passes, without being asked', async () => {
    const ticketId = await billingTicket(supervisor);
    const { core } = openConsole();
    await signIn(core, f.users.agent);
    await call(core, 'settings.update', { undoSeconds: 1 });
    const drained = new Promise<void>((resolve) =>
      core.subscribe((name, payload) => {
        if (name === 'sync.changed' && (payload as SyncStatus).pendingMutations === 0) resolve();
      }),
    );
    await reply(core, ticketId, 'On its own');
    await drained;
    expect(await serverBodies(ticketId)).toContain('On its own');
  });
});

describe('local mode (no server)', () => {
  it("is signed in as the cache's person, applies mutations locally and keeps them queued", async () => {
    const core = openCore({ databasePath: join(tempDir(), 'local.db'), transport: 'direct', now: () => DEMO_NOW, log: () => {} });
    opened.push(core);
    seedDemo(core, { tickets: 200, seed: 3, now: DEMO_NOW });
    const session = await call<SessionState>(core, 'session.get', {});
    expect(session).toMatchObject({ status: 'signed_in', serverUrl: null });
    expect(session.user?.id).toBeTruthy();
    const { rows } = await call<{ rows: { id: string; status: string }[] }>(core, 'tickets.list', {
      filter: { teamIds: session.user!.teamIds, statuses: ['open'] },
    });
    const ticket = rows[0]!;

    const events: string[] = [];
    core.subscribe((name, payload) =>
      events.push(
        `${name}:${(payload as { entity?: string; connection?: string }).entity ?? (payload as { connection: string }).connection}`,
      ),
    );
    const receipt = await call(core, 'mutations.run', {
      name: 'ticket.setStatus',
      args: { id: ticket.id, status: 'pending', base: ticket.status },
    });
    expect(receipt).toEqual({ mutationId: 1, outcome: 'applied', conflicts: [], undoMs: 0 });
    expect((await ticketOf(core, ticket.id)).status).toBe('pending');
    expect(events).toContain('data.changed:ticket');
    expect(await call(core, 'sync.status', {})).toMatchObject({ connection: 'local', pendingMutations: 1 });

    // A refused change reaches the caller and queues nothing.
    const refused = await core.dispatch('mutations.run', {
      name: 'ticket.setStatus',
      args: { id: ticket.id, status: 'new', base: 'pending' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE_VIOLATION' } });
    expect(await call(core, 'sync.status', {})).toMatchObject({ pendingMutations: 1 });
    expect(await core.dispatch('session.signIn', { serverUrl: 'http://127.0.0.1:9', email: 'a@b.test', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
