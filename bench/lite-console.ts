/**
 * A lightweight console for the sync suite's crowd figures: what a real console does on the wire,
 * without a SQLite cache. It holds a live WebSocket (auth frame first, as the server requires). A
 * poke that carries changes from exactly its cursor is applied as is (as Core does); any other
 * poke makes it pull from its own cursor until the server has nothing more, coalescing pokes that
 * arrive while a pull runs. It reports every ticket row it receives. Many of them share one
 * signed-in device session (one sign-in is an argon2id hash; 500 of them would measure sign-in).
 *
 * They stand in for consoles on machines of their own, so what they cost here is kept small: the
 * `ws` client (its framing costs a fraction of the built-in WebSocket's), and a poke parsed once
 * for all the consoles that receive the same bytes (the server sends one frame per scope set).
 * Their CPU is still measured and reported apart from the server's.
 */
import WebSocket from 'ws';
import { type PullResponse, type ServerFrame, SYNC_SCHEMA_VERSION, type SessionResponse } from '../shared/sync/protocol.ts';

export interface Session {
  serverUrl: string;
  clientId: string;
  session: SessionResponse;
}

export async function signIn(serverUrl: string, email: string, password: string, clientId: string): Promise<Session> {
  const res = await fetch(`${serverUrl}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, clientId, deviceName: 'bench' }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: HTTP ${res.status} ${await res.text()}`);
  return { serverUrl, clientId, session: (await res.json()) as SessionResponse };
}

export async function pull(s: Session, cursor: string | null, limit = 1000): Promise<Extract<PullResponse, { kind: 'page' }>> {
  const res = await fetch(`${s.serverUrl}/sync/pull`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.session.accessToken}` },
    body: JSON.stringify({ clientId: s.clientId, schemaVersion: SYNC_SCHEMA_VERSION, cursor, limit }),
  });
  const body = (await res.json()) as PullResponse;
  if (res.status !== 200 || body.kind !== 'page') throw new Error(`pull failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return body;
}

/** Pulls until the server has nothing more; returns the head cursor and every ticket row seen. */
export async function pullToHead(
  s: Session,
  cursor: string | null,
): Promise<{ cursor: string; tickets: Map<string, Record<string, unknown>> }> {
  const tickets = new Map<string, Record<string, unknown>>();
  let at = cursor;
  for (;;) {
    const page = await pull(s, at, 10_000);
    for (const c of page.changes) if (c.op === 'put' && c.entity === 'ticket') tickets.set(c.id, c.row);
    at = page.cursor;
    if (!page.more) return { cursor: at, tickets };
  }
}

export interface LiteConsole {
  /** Resolves once the socket is authenticated and the first poke's pull is done. */
  ready: Promise<void>;
  /** Pulls that failed (each tried again, as Core's sync client would). */
  failedPulls(): number;
  close(): void;
}

/** The last poke parsed, for the consoles that receive the same bytes after it. */
let lastFrame: { bytes: Buffer; frame: ServerFrame } | null = null;

function parseFrame(bytes: Buffer): ServerFrame {
  if (lastFrame?.bytes.equals(bytes)) return lastFrame.frame;
  const frame = JSON.parse(bytes.toString('utf8')) as ServerFrame;
  lastFrame = { bytes, frame };
  return frame;
}

/** How long a console waits before pulling again after a failed pull. */
const RETRY_MS = 200;

export function openLiteConsole(s: Session, cursor: string, onTicket: (id: string, row: Record<string, unknown>) => void): LiteConsole {
  const socket = new WebSocket(`${s.serverUrl.replace(/^http/, 'ws')}/sync/live`);
  let at = cursor;
  let pulling = false;
  let again = false;
  let failed = 0;
  let closed = false;
  let markReady: () => void = () => {};
  let fail: (err: unknown) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  const catchUp = async () => {
    if (pulling) {
      again = true;
      return;
    }
    pulling = true;
    try {
      do {
        again = false;
        for (;;) {
          const page = await pull(s, at);
          for (const c of page.changes) if (c.op === 'put' && c.entity === 'ticket') onTicket(c.id, c.row);
          at = page.cursor;
          if (!page.more) break;
        }
      } while (again);
      markReady();
    } catch (err) {
      fail(err);
      // After the first pull a failure (a busy server's timeout, say) is tried again: waiting for
      // the next poke would leave the changes unseen if none comes.
      failed++;
      if (!closed) setTimeout(() => void catchUp(), RETRY_MS).unref();
    } finally {
      pulling = false;
    }
  };
  socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', accessToken: s.session.accessToken })));
  socket.on('message', (data: Buffer) => {
    const frame = parseFrame(data);
    if (frame.type !== 'poke') return;
    if (!pulling && frame.base !== undefined && frame.base === at && frame.cursor !== undefined && frame.changes) {
      for (const c of frame.changes) if (c.op === 'put' && c.entity === 'ticket') onTicket(c.id, c.row);
      at = frame.cursor;
      return;
    }
    void catchUp();
  });
  socket.on('error', () => fail(new Error('live socket failed')));
  return {
    ready,
    failedPulls: () => failed,
    close: () => {
      closed = true;
      socket.close();
    },
  };
}
