/**
 * GET /sync/live: a WebSocket that carries pokes. The first frame must be
 * `{ type: 'auth', accessToken }` (tokens stay out of URLs and logs); then the server sends
 * `{ type: 'poke' }` at once (something may have changed while the socket was down) and after
 * every commit in the tenant. Every frame is validated; a bad one closes the socket with 4400.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { AppError } from '../../shared/contract/errors.ts';
import { ClientFrame, LiveAuthFrame, type ServerFrame } from '../../shared/sync/protocol.ts';
import type { Auth } from '../auth/service.ts';
import type { Pokes } from './pokes.ts';

export const AUTH_TIMEOUT_MS = 5000;

/** Close codes (4000-4999 are the application's). */
export const CLOSE = { badFrame: 4400, unauthorized: 4401, unavailable: 4503 } as const;

export function registerLive(app: FastifyInstance, deps: { auth: Auth; pokes: Pokes }): void {
  app.get('/sync/live', { websocket: true }, (socket: WebSocket, req) => {
    let unsubscribe: (() => Promise<void>) | null = null;
    let closed = false;
    // Frames are handled one at a time, in order, even though authenticating is asynchronous.
    let queue = Promise.resolve();
    const timer = setTimeout(() => socket.close(CLOSE.unauthorized, 'authenticate first'), AUTH_TIMEOUT_MS);
    const send = (frame: ServerFrame) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };

    async function handle(raw: string): Promise<void> {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return socket.close(CLOSE.badFrame, 'frames are JSON');
      }
      if (!unsubscribe) {
        const frame = LiveAuthFrame.safeParse(json);
        if (!frame.success) return socket.close(CLOSE.unauthorized, 'authenticate first');
        try {
          const session = await deps.auth.authenticate(frame.data.accessToken);
          if (closed) return;
          unsubscribe = await deps.pokes.subscribe(session.tenantId, () => send({ type: 'poke' }));
          clearTimeout(timer);
          if (closed) return void (await unsubscribe());
          send({ type: 'poke' });
        } catch (err) {
          if (err instanceof AppError && err.code === 'UNAUTHORIZED')
            return socket.close(CLOSE.unauthorized, 'the access token is not valid');
          req.log.error({ err }, 'live subscription failed');
          return socket.close(CLOSE.unavailable, 'try again later');
        }
        return;
      }
      // Presence is accepted (validated) but not relayed yet; pings keep proxies from idling out.
      if (!ClientFrame.safeParse(json).success) socket.close(CLOSE.badFrame, 'unknown frame');
    }

    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.close(CLOSE.badFrame, 'frames are JSON text');
        return;
      }
      const raw = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      queue = queue.then(() => handle(raw));
    });
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      queue = queue.then(async () => {
        await unsubscribe?.();
      });
    });
  });
}
