/**
 * GET /sync/live: a WebSocket that carries pokes and presence. The first frame must be
 * `{ type: 'auth', accessToken }` (tokens stay out of URLs and logs); then the server sends
 * `{ type: 'poke' }` at once (something may have changed while the socket was down) and after
 * every commit in the tenant (pokes.ts), and the viewers of a ticket whenever they change
 * (presence.ts). Every frame is validated; a bad one closes the socket with 4400.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { AppError } from '../../shared/contract/errors.ts';
import { ClientFrame, LiveAuthFrame } from '../../shared/sync/protocol.ts';
import { loadUser } from '../auth/actor.ts';
import type { Auth } from '../auth/service.ts';
import type { Db } from '../store/db.ts';
import { seesScope } from '../../shared/sync/scopes.ts';
import { loadViewer } from '../sync/scopes.ts';
import { BARE_POKE, type Pokes } from './pokes.ts';
import { latestWins } from './latest-wins.ts';
import type { Presence, PresenceHandle } from './presence.ts';
import type { SessionWatch } from './session-watch.ts';
import { trackConsoles } from '../routing/console-seen.ts';

export const AUTH_TIMEOUT_MS = 5000;
/** The least time between two presence announcements of one socket. */
export const PRESENCE_INTERVAL_MS = 250;

/** Close codes (4000-4999 are the application's). */
export const CLOSE = { badFrame: 4400, unauthorized: 4401, unavailable: 4503 } as const;

export function registerLive(
  app: FastifyInstance,
  deps: { db: Db; auth: Auth; pokes: Pokes; presence: Presence; sessions: SessionWatch; now: () => number },
): void {
  // A plain request (no Upgrade) is told what this endpoint is, in the usual error body.
  app.route({ method: 'GET', url: '/sync/live', handler: upgradeRequired, wsHandler: onSocket });
  // Who has a console connected, for the routing sweep that sets the long gone offline.
  const consoles = trackConsoles(deps.db, deps.now, (err) => app.log.warn({ err }, 'console_seen refresh failed'));
  app.addHook('onClose', async () => consoles.stop());

  function onSocket(socket: WebSocket, req: FastifyRequest): void {
    let unsubscribe: (() => Promise<void>) | null = null;
    let presence: PresenceHandle | null = null;
    let stopWatching: (() => void) | null = null;
    let seenAs: { tenantId: string; userId: string } | null = null;
    let closed = false;
    // Frames are handled one at a time, in order, even though authenticating is asynchronous.
    let queue = Promise.resolve();
    const timer = setTimeout(() => socket.close(CLOSE.unauthorized, 'authenticate first'), AUTH_TIMEOUT_MS);
    // A socket lives no longer than the access token that opened it, as a request would: the
    // console reconnects with a refreshed token (close code 4401).
    let expiry: ReturnType<typeof setTimeout> | null = null;
    // A step that fails (the database went away while unsubscribing) is logged, never left as an
    // unhandled rejection, which would end the process, and never blocks the steps after it.
    const enqueue = (step: () => Promise<void>) => {
      queue = queue.then(step).catch((err: unknown) => req.log.warn({ err }, 'live socket step failed'));
    };
    // A Buffer (a poke shared by many sockets, encoded once) goes out as the text frame it holds.
    const send = (frame: string | Buffer) => {
      if (socket.readyState === socket.OPEN) socket.send(frame, { binary: false });
    };
    // Each announcement costs a query and a NOTIFY: a socket gets a few per second at most, the
    // latest one winning, however many frames it sends.
    const announcements = latestWins<{ ticketId: string | null; typing: boolean }>(
      async ({ ticketId, typing }) => presence?.announce(ticketId, typing),
      PRESENCE_INTERVAL_MS,
      // Presence is best effort: the console announces again within the TTL.
      (err) => req.log.warn({ err }, 'presence announcement failed'),
    );

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
          const accessToken = frame.data.accessToken;
          const session = await deps.auth.authenticate(accessToken);
          if (closed) return;
          // A sign-out, a password reset or a deactivation (on any instance) ends the socket at once,
          // not when its token expires: the token is checked again, as a request would be.
          stopWatching = deps.sessions.watch(session.userId, () => {
            deps.auth.authenticate(accessToken).catch((err: unknown) => {
              if (err instanceof AppError && err.code === 'UNAUTHORIZED') socket.close(CLOSE.unauthorized, 'this session has ended');
              else req.log.warn({ err }, 'live session re-check failed');
            });
          });
          const user = await loadUser(deps.db, session.userId);
          if (!user?.active) throw new AppError('UNAUTHORIZED', 'this session has ended');
          if (closed) return;
          unsubscribe = await deps.pokes.subscribe(session.tenantId, { userId: session.userId, send });
          // Who may see whose presence is fixed for the socket's life: a membership change ends
          // the person's sync cursor (reset) and their console reconnects with new scopes.
          const viewer = await loadViewer(deps.db, user);
          const seesTeam = (teamId: string) => seesScope(viewer, { id: teamId, kind: 'team' });
          presence = await deps.presence.join({
            tenantId: session.tenantId,
            userId: session.userId,
            name: await nameOf(deps.db, session.tenantId, session.userId),
            teamOf: async (ticketId) => {
              const { rows } = await deps.db.query<{ scope: string }>(
                "SELECT scope FROM records WHERE tenant_id = $1 AND entity = 'ticket' AND id = $2 AND NOT deleted",
                [session.tenantId, ticketId],
              );
              const teamId = rows[0]?.scope ?? null;
              return teamId !== null && seesTeam(teamId) ? teamId : null;
            },
            watcher: { canSee: seesTeam, send },
          });
          clearTimeout(timer);
          if (closed) return;
          seenAs = { tenantId: session.tenantId, userId: session.userId };
          await consoles.opened(seenAs.tenantId, seenAs.userId);
          expiry = setTimeout(
            () => socket.close(CLOSE.unauthorized, 'the access token expired'),
            Math.max(0, session.expiresAt - deps.now()),
          );
          send(BARE_POKE);
        } catch (err) {
          if (err instanceof AppError && err.code === 'UNAUTHORIZED')
            return socket.close(CLOSE.unauthorized, 'the access token is not valid');
          req.log.error({ err }, 'live subscription failed');
          return socket.close(CLOSE.unavailable, 'try again later');
        }
        return;
      }
      const frame = ClientFrame.safeParse(json);
      if (!frame.success) return socket.close(CLOSE.badFrame, 'unknown frame');
      // Pings only keep proxies from idling the socket out.
      if (frame.data.type !== 'presence') return;
      announcements.offer(frame.data);
    }

    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.close(CLOSE.badFrame, 'frames are JSON text');
        return;
      }
      const raw = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      enqueue(() => handle(raw));
    });
    socket.on('close', () => {
      closed = true;
      clearTimeout(timer);
      if (expiry) clearTimeout(expiry);
      stopWatching?.();
      enqueue(async () => {
        await announcements.stop();
        await unsubscribe?.();
        await presence?.leave();
        if (seenAs) await consoles.closed(seenAs.tenantId, seenAs.userId);
      });
    });
  }
}

function upgradeRequired(_req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .code(426)
    .header('upgrade', 'websocket')
    .send({ error: { code: 'VALIDATION', message: 'GET /sync/live is a WebSocket: open it with an Upgrade: websocket request' } });
}

/** The person's name as consoles show it: the synced user record's, else their email address. */
async function nameOf(db: Db, tenantId: string, userId: string): Promise<string> {
  const { rows } = await db.query<{ name: string | null }>(
    `SELECT coalesce(r.data ->> 'name', u.email) AS name
       FROM users u LEFT JOIN records r ON r.tenant_id = $1 AND r.entity = 'user' AND r.id = u.id
      WHERE u.id = $2`,
    [tenantId, userId],
  );
  return rows[0]?.name ?? '';
}
