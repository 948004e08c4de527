/**
 * A fault-injecting proxy between one console (Core) and the server instances, on loopback only.
 * It forwards HTTP and the live WebSocket to the instance `route()` names for each request, and
 * on the way drops requests, drops answers after the server committed (or cuts a pull page in the
 * middle), duplicates and replays requests, holds a copy of a push back until after the next one
 * (reordering), hands the console a page whose apply throws midway, loses and duplicates pokes,
 * sends pokes early, and closes sockets. It records every push and pull answer the console
 * actually received, for the invariant checks.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';
import { uuidv7 } from '../../shared/ids.ts';
import type { PullResponse, PushRequest, PushResponse } from '../../shared/sync/protocol.ts';
import type { Rng } from './prng.ts';

/**
 * A server instance as the proxy sees it (live: read at each use): its address while it runs, and an
 * epoch bumped when it is killed, so an answer from before the kill is never delivered.
 */
export interface Upstream {
  readonly name: string;
  readonly url: string | null;
  readonly epoch: number;
}

/** Probabilities per request (or per poke); `offline` refuses everything, as an unplugged cable does. */
export interface Faults {
  offline: boolean;
  dropRequest: number;
  dropResponse: number;
  duplicate: number;
  replay: number;
  reorder: number;
  brokenPage: number;
  losePoke: number;
  duplicatePoke: number;
}

export const NO_FAULTS: Faults = {
  offline: false,
  dropRequest: 0,
  dropResponse: 0,
  duplicate: 0,
  replay: 0,
  reorder: 0,
  brokenPage: 0,
  losePoke: 0,
  duplicatePoke: 0,
};

/** A pull answer the console received: when it asked (t0) and got it (t1), on the proxy's clock. */
export interface DeliveredPull {
  t0: number;
  t1: number;
  requestCursor: string | null;
  page: PullResponse;
  /** The page carried a record the console cannot store: its apply threw and rolled back. */
  broken: boolean;
}

export interface DeliveredPush {
  t0: number;
  t1: number;
  request: PushRequest;
  response: PushResponse;
}

export interface FaultyProxy {
  url: string;
  faults: Faults;
  readonly pulls: DeliveredPull[];
  readonly pushes: DeliveredPush[];
  /** How many times each fault fired. */
  readonly fired: Map<string, number>;
  /** Sends every connected console a poke nothing caused (an early or spurious one). */
  pokeEarly(): void;
  /**
   * The live sockets open now to the instance named `upstream`, each with the time of the last
   * frame it sent (on the proxy's clock, before any poke is lost on the way).
   */
  liveSockets(upstream: string): { lastFrameAt: number; readonly open: boolean }[];
  /** Closes the live sockets abruptly (as a network change does). */
  closeSockets(): void;
  /** Resolves when no replayed or held-back request is still in flight. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const now = (): number => performance.now();

interface Forwarded {
  status: number;
  text: string;
  contentType: string;
}

export async function startFaultyProxy(options: { route: () => Upstream; rng: Rng; faults?: Partial<Faults> }): Promise<FaultyProxy> {
  const { route, rng } = options;
  const faults: Faults = { ...NO_FAULTS, ...options.faults };
  const pulls: DeliveredPull[] = [];
  const pushes: DeliveredPush[] = [];
  const fired = new Map<string, number>();
  const sent = new Map<string, { headers: Record<string, string>; body: string }[]>();
  const background = new Set<Promise<unknown>>();
  const heldPushes: { headers: Record<string, string>; body: string }[] = [];
  const sockets = new Set<{ client: WebSocket; upstream: WebSocket; to: string; lastFrameAt: number }>();
  const connections = new Set<Socket>();

  const fire = (name: string): true => {
    fired.set(name, (fired.get(name) ?? 0) + 1);
    return true;
  };
  const maybe = (name: string, p: number) => p > 0 && rng.chance(p) && fire(name);

  function inBackground(p: Promise<unknown>): void {
    const quiet = p.catch(() => {});
    background.add(quiet);
    void quiet.finally(() => background.delete(quiet));
  }

  /**
   * One request upstream on its own connection (no keep-alive): a killed instance has nothing
   * idle to wait for, and a copy never rides on the console's connection.
   */
  function forward(url: string, path: string, headers: Record<string, string>, body: string | null): Promise<Forwarded> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${url}${path}`,
        { method: body === null ? 'GET' : 'POST', headers: { ...headers, connection: 'close' }, agent: false },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (d: Buffer) => parts.push(d));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(parts).toString('utf8'),
              contentType: res.headers['content-type'] ?? 'application/json',
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  }

  /** Sends a copy of a request on its own; its answer goes nowhere. */
  function sendCopy(path: string, copy: { headers: Record<string, string>; body: string }): void {
    const target = route();
    if (target.url) inBackground(forward(target.url, path, copy.headers, copy.body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    const target = route();
    const kill = (): void => void req.socket.destroy();
    if (faults.offline || !target.url) return kill();
    const epoch = target.epoch;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;

    if (req.method !== 'POST' || (path !== '/sync/push' && path !== '/sync/pull')) {
      // Sign-in, refresh and /info pass untouched: a lost refresh answer would (by design) look
      // like a stolen token and sign the person out, which is not the fault under test.
      let r: Forwarded;
      try {
        r = req.method === 'POST' ? await forward(target.url, path, headers, body) : await forward(target.url, path, {}, null);
      } catch {
        return kill();
      }
      if (r.status >= 400) fire(`${path} ${r.status}`);
      res.writeHead(r.status, { 'content-type': r.contentType });
      return void res.end(r.text);
    }

    if (maybe('dropRequest', faults.dropRequest)) return kill();
    const t0 = now();
    const history = sent.get(path) ?? [];
    sent.set(path, history);
    const earlier = history.length ? rng.pick(history) : null;
    history.push({ headers, body });
    if (history.length > 20) history.shift();

    if (maybe('duplicate', faults.duplicate)) sendCopy(path, { headers, body });
    let answer: Forwarded;
    try {
      answer = await forward(target.url, path, headers, body);
    } catch {
      return kill();
    }
    // The instance was killed while this was in flight: whatever it answered never left it.
    if (target.epoch !== epoch) return kill();
    if (earlier && maybe('replay', faults.replay)) sendCopy(path, earlier);
    if (path === '/sync/push') {
      for (const held of heldPushes.splice(0)) sendCopy(path, held);
      if (maybe('reorder', faults.reorder)) heldPushes.push({ headers, body });
    }
    if (maybe('dropResponse', faults.dropResponse)) {
      if (path === '/sync/pull' && answer.text.length > 2) {
        // The connection closes in the middle of the page.
        res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.text) });
        res.write(answer.text.slice(0, Math.floor(answer.text.length / 2)));
      }
      return kill();
    }

    let text = answer.text;
    if (answer.status === 200) {
      const json = JSON.parse(answer.text) as unknown;
      if (path === '/sync/push') pushes.push({ t0, t1: now(), request: JSON.parse(body) as PushRequest, response: json as PushResponse });
      else {
        const page = json as PullResponse;
        let broken = false;
        if (page.kind === 'page' && page.changes.length > 1 && maybe('brokenPage', faults.brokenPage)) {
          // A record the console's tables refuse, in the middle: the page's apply throws halfway.
          const at = Math.floor(page.changes.length / 2);
          const bad = { op: 'put', entity: 'ticket', id: uuidv7(), version: 1, row: { id: 'broken' } };
          text = JSON.stringify({ ...page, changes: [...page.changes.slice(0, at), bad, ...page.changes.slice(at)] });
          broken = true;
        }
        pulls.push({ t0, t1: now(), requestCursor: (JSON.parse(body) as { cursor: string | null }).cursor, page, broken });
      }
    }
    res.writeHead(answer.status, { 'content-type': answer.contentType });
    res.end(text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const target = route();
    if (faults.offline || !target.url) return void socket.destroy();
    const upstream = new WebSocket(`${target.url.replace(/^http/, 'ws')}${req.url ?? '/'}`);
    wss.handleUpgrade(req, socket, head, (client) => {
      const pair = { client, upstream, to: target.name, lastFrameAt: -1 };
      sockets.add(pair);
      const queued: { data: unknown; binary: boolean }[] = [];
      upstream.on('open', () => {
        for (const q of queued.splice(0)) upstream.send(q.data as Buffer, { binary: q.binary });
      });
      client.on('message', (data, binary) => {
        if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary });
        else queued.push({ data, binary });
      });
      upstream.on('message', (data, binary) => {
        pair.lastFrameAt = now();
        if (maybe('losePoke', faults.losePoke)) return;
        if (client.readyState !== WebSocket.OPEN) return;
        client.send(data, { binary });
        if (maybe('duplicatePoke', faults.duplicatePoke)) client.send(data, { binary });
      });
      const end = (code: number, reason: Buffer) => {
        sockets.delete(pair);
        for (const s of [client, upstream]) {
          if (s.readyState === WebSocket.CLOSED || s.readyState === WebSocket.CLOSING) continue;
          if (code >= 3000 || code === 1000) s.close(code, reason);
          else s.terminate();
        }
      };
      client.on('close', end);
      upstream.on('close', end);
      client.on('error', () => client.terminate());
      upstream.on('error', () => {
        sockets.delete(pair);
        client.terminate();
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    pulls,
    pushes,
    fired,
    liveSockets(name) {
      return [...sockets]
        .filter((pair) => pair.to === name && pair.upstream.readyState === WebSocket.OPEN)
        .map((pair) => ({
          get lastFrameAt() {
            return pair.lastFrameAt;
          },
          get open() {
            return sockets.has(pair) && pair.upstream.readyState === WebSocket.OPEN;
          },
        }));
    },
    pokeEarly() {
      for (const { client } of sockets) if (client.readyState === WebSocket.OPEN) client.send(JSON.stringify({ type: 'poke' }));
      fire('earlyPoke');
    },
    closeSockets() {
      for (const { client, upstream } of [...sockets]) {
        client.terminate();
        upstream.terminate();
      }
      sockets.clear();
      fire('socketClosed');
    },
    async settle() {
      for (const held of heldPushes.splice(0)) sendCopy('/sync/push', held);
      while (background.size) await Promise.all([...background]);
    },
    async close() {
      for (const { client, upstream } of sockets) {
        client.terminate();
        upstream.terminate();
      }
      wss.close();
      for (const c of connections) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
