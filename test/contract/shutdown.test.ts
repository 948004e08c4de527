/**
 * SIGTERM, as a service manager sends it: the server and the web host are gone within 2 s, with
 * sockets open (some of whose peers never answer a close) and writes in flight, and every write
 * the server answered is in its database afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openPgliteDb } from '../../server/store/pglite-db.ts';
import { DEMO_AGENT_EMAIL, DEMO_PASSWORD } from '../../shared/demo/credentials.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol.ts';

const STOP_WITHIN_MS = 2000;
const SERVER_MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
const WEB_HOST_CLI = fileURLToPath(new URL('../../electron/web-host/cli.ts', import.meta.url));

interface Child {
  process: ChildProcess;
  /** The first match of the ready line's pattern. */
  ready: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
const peers: { destroy(): void }[] = [];
afterEach(() => {
  for (const p of peers.splice(0)) p.destroy();
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-shutdown-'));
  dirs.push(dir);
  return dir;
}

function start(args: string[], readyLine: RegExp): Child {
  // The embedded database: a DATABASE_URL meant for the tests must not make this server use PostgreSQL.
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.push(child);
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = readyLine.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before it was ready:\n${out}`)));
  });
  child.stderr?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: child, ready, exited };
}

/** SIGTERM, then how long the process took to exit and how. */
async function terminate(child: Child): Promise<{ ms: number; code: number | null }> {
  const t0 = performance.now();
  child.process.kill('SIGTERM');
  const { code } = await child.exited;
  return { ms: performance.now() - t0, code };
}

/** A WebSocket peer that completes the upgrade and then never reads again: it cannot answer a close. */
async function unresponsivePeer(url: string): Promise<Socket> {
  const target = new URL(url);
  const socket = connectTcp(Number(target.port), target.hostname);
  peers.push(socket);
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  socket.pause();
  return socket;
}

async function openSocket(url: string, onOpen?: (ws: WebSocket) => void): Promise<WebSocket> {
  const ws = new WebSocket(url);
  peers.push({ destroy: () => ws.terminate() });
  ws.on('error', () => {});
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  onOpen?.(ws);
  return ws;
}

/** A reply whose body the test reads field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Reply = { status: number; body: any };

async function postJson(url: string, body: unknown, token?: string): Promise<Reply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('stopping on SIGTERM', () => {
  it('the server stops within 2 s with 200 sockets open and pushes in flight, losing no acknowledged write', async () => {
    const dataDir = tempDir();
    const server = start([SERVER_MAIN, '--data', dataDir, '--port', '0', '--demo-tickets', '5'], /Switchboard server on (\S+)/);
    const url = await server.ready;
    const clientId = uuidv7();
    const signIn = await postJson(`${url}/auth/sign-in`, {
      email: DEMO_AGENT_EMAIL,
      password: DEMO_PASSWORD,
      clientId,
      deviceName: 'shutdown test',
    });
    expect(signIn.status).toBe(200);
    const token = signIn.body.accessToken as string;
    const page = await postJson(`${url}/sync/pull`, { clientId, schemaVersion: SYNC_SCHEMA_VERSION, cursor: null, limit: 1000 }, token);
    // New tickets like one the agent can see: same team, same requester.
    const seen = (page.body.changes as { entity: string; row: { teamId: string; requesterId: string } }[]).find(
      (c) => c.entity === 'ticket',
    );
    expect(seen).toBeDefined();
    const { teamId, requesterId } = seen!.row;

    const live = `${url.replace(/^http/, 'ws')}/sync/live`;
    const sockets: Promise<unknown>[] = [];
    for (let i = 0; i < 180; i++)
      sockets.push(openSocket(live, i % 2 ? (ws) => ws.send(JSON.stringify({ type: 'auth', accessToken: token })) : undefined));
    for (let i = 0; i < 20; i++) sockets.push(unresponsivePeer(live));
    await Promise.all(sockets);

    // Pushes one after another until the server is gone; each answered one must survive.
    const acknowledged: string[] = [];
    let firstAck: () => void = () => {};
    const acked = new Promise<void>((resolve) => (firstAck = resolve));
    const pushing = (async () => {
      for (let id = 1; ; id++) {
        const ticket = { id: uuidv7(), subject: `Ticket ${id}`, channel: 'email', requesterId, teamId };
        const args = { ticket, message: { id: uuidv7(), kind: 'inbound', body: 'Hello' } };
        const r = await postJson(
          `${url}/sync/push`,
          { clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations: [{ id, name: 'ticket.create', args, clientTime: Date.now() }] },
          token,
        ).catch(() => null);
        if (r?.status !== 200) return;
        expect(r.body.results).toEqual([{ id, status: 'applied' }]);
        acknowledged.push(ticket.id);
        firstAck();
      }
    })();
    await acked;

    const stopped = await terminate(server);
    await pushing;
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(STOP_WITHIN_MS);

    const db = await openPgliteDb(dataDir);
    try {
      const { rows } = await db.query<{ id: string }>(
        "SELECT id::text AS id FROM records WHERE entity = 'ticket' AND id = ANY($1::uuid[])",
        [acknowledged],
      );
      expect(rows.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
      const { rows: client } = await db.query<{ lmid: unknown }>('SELECT last_mutation_id AS lmid FROM clients WHERE id = $1', [clientId]);
      expect(Number(client[0]?.lmid)).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await db.close();
    }
    // A server child seeding its embedded database takes a while to start on a loaded machine.
  }, 120_000);

  it('the web host stops within 2 s with event sockets open, one of whose pages never answers', async () => {
    const host = start(
      [WEB_HOST_CLI, '--data', tempDir(), '--port', '0', '--server', 'http://127.0.0.1:9'],
      /Switchboard is running: (\S+)/,
    );
    const link = new URL(await host.ready);
    const token = new URLSearchParams(link.hash.slice(1)).get('token');
    const events = `ws://${link.host}/api/events?token=${token}`;
    await Promise.all([
      ...Array.from({ length: 5 }, () => openSocket(events)),
      ...Array.from({ length: 5 }, () => unresponsivePeer(events)),
    ]);

    const stopped = await terminate(host);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(STOP_WITHIN_MS);
  });
});
