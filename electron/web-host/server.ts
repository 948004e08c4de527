/**
 * The web host: serves the renderer build and Core's handlers over HTTP + WebSocket, so the console
 * runs in a browser on a machine without Electron (and so the end-to-end tests can drive it).
 * Plain Node: it never imports `electron`. The wire format is shared/contract/web-transport.ts.
 *
 * Guards, in the order a request meets them: the Host header must name this host (DNS-rebinding
 * guard), calls and the event socket need the run's token, bodies are JSON of bounded size, and
 * Core's dispatcher validates every input against the contract.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { upgradeSockets } from '../../shared/close-sockets.ts';
import type { Dispatch } from '../../shared/contract/dispatch.ts';
import { AppError, type ErrorCode, type Result } from '../../shared/contract/errors.ts';
import {
  API_PREFIX,
  EVENTS_PATH,
  type EventFrame,
  HTTP_STATUS_BY_CODE,
  MAX_CALL_BODY_BYTES,
  TOKEN_FRAGMENT_KEY,
} from '../../shared/contract/web-transport.ts';
import { allowedHostHeaders, bearerToken, isLoopbackHost, isWildcardHost, newToken, SECURITY_HEADERS, tokenMatches } from './security.ts';

/** What the host needs of Core (electron/core's `Core` has this shape and more). */
/** A built asset's name as the renderer build writes it: `<name>-<8-character content hash>.<ext>`. */
const HASHED_ASSET = /-[A-Za-z0-9_-]{8}\.(js|css|woff2?|svg|png)$/;

export interface HostedCore {
  dispatch: Dispatch;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export interface WebHostOptions {
  core: HostedCore;
  /** Address to listen on; loopback (127.0.0.1) unless `allowRemote`. */
  host?: string;
  /** 0 picks any free port. */
  port?: number;
  /** The renderer build (`out/renderer`): must hold index.html. */
  rendererDir: string;
  /** Defaults to a fresh random token. */
  token?: string;
  /** Required to listen on a non-loopback address. */
  allowRemote?: boolean;
}

export interface WebHost {
  /** Where to open the console: the origin plus the token in the fragment (never sent to a server). */
  url: string;
  /** The origin alone, e.g. http://127.0.0.1:5180 */
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The largest frame a client may send on the event socket: clients send nothing at all. */
const MAX_CLIENT_FRAME_BYTES = 1024;
/** Close codes of the event socket: 4401 mirrors HTTP 401; 1008 is WebSocket's "policy violation". */
export const WS_CLOSE_UNAUTHORIZED = 4401;
export const WS_CLOSE_POLICY = 1008;

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function sendFailure(reply: FastifyReply, code: ErrorCode, message: string, status = HTTP_STATUS_BY_CODE[code]): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send(failure(code, message));
}

/** A body that is not usable JSON is a VALIDATION error of the whole input, like any other. */
function sendBadBody(reply: FastifyReply, status: number, message: string): FastifyReply {
  const result: Result<never> = { ok: false, error: { code: 'VALIDATION', message, issues: [{ path: '(root)', message }] } };
  return reply.code(status).header('cache-control', 'no-store').send(result);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core, rendererDir, host = '127.0.0.1', port = 0, allowRemote = false } = options;
  const token = options.token ?? newToken();
  if (!isLoopbackHost(host) && !allowRemote) {
    throw new AppError(
      'FORBIDDEN',
      `refusing to listen on ${host}: it is not a loopback address (allow it explicitly to expose the console)`,
    );
  }
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new AppError('UNAVAILABLE', 'no renderer build found (index.html is missing): run `npm run build:renderer` first');
  }

  const app = Fastify({ logger: false, bodyLimit: MAX_CALL_BODY_BYTES, forceCloseConnections: true });
  // Only JSON bodies: a text/plain POST is what an HTML form on another site can send.
  app.removeContentTypeParser('text/plain');

  // Known once listening (port 0 picks one); no request arrives before that.
  let allowedHosts: Set<string> | null = new Set();
  const hostAllowed = (value: string | undefined) =>
    allowedHosts === null || (value !== undefined && allowedHosts.has(value.toLowerCase()));

  app.addHook('onRequest', async (request, reply) => {
    if (!hostAllowed(request.headers.host))
      return sendFailure(reply, 'FORBIDDEN', 'this host answers only to its own address (Host header refused)');
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendFailure(reply, 'PAYLOAD_TOO_LARGE', `calls are limited to ${MAX_CALL_BODY_BYTES} bytes`);
    if (error.statusCode === 415) return sendBadBody(reply, 415, 'calls carry JSON: send Content-Type: application/json');
    const status = error.statusCode ?? 500;
    if (error.code?.startsWith('FST_ERR_CTP_') && status < 500) {
      return sendBadBody(reply, status, `the request body is not valid JSON (${error.message})`);
    }
    if (status >= 400 && status < 500) return sendFailure(reply, 'VALIDATION', 'the request was refused', status);
    console.error('web host: unexpected error', error);
    return sendFailure(reply, 'INTERNAL', 'Something went wrong inside Switchboard; the details are in its log.');
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/'))
      return sendFailure(reply, 'NOT_FOUND', `no such endpoint: ${request.method} ${request.url.split('?')[0]}`);
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
  });

  const upgrades = upgradeSockets(app.server);
  await app.register(fastifyWebsocket, {
    options: { maxPayload: MAX_CLIENT_FRAME_BYTES },
    // Closing: every socket is told (1001) and one whose page does not answer is cut, so a frozen
    // tab cannot hold the host open.
    preClose: async function (this: FastifyInstance) {
      await upgrades.close(this.websocketServer.clients, 1001, 'the web host is shutting down');
    },
  });
  await app.register(fastifyStatic, {
    root: rendererDir,
    index: 'index.html',
    // The build names each asset by a hash of its content, so a page may keep them for good and
    // a navigation re-reads only index.html (revalidated every time, so a new build is picked up
    // at once). Revalidating each of some fifteen scripts stood in front of every start, on
    // Core's thread, and kept Chromium from reusing their compiled code.
    setHeaders: (reply, path) =>
      reply.header('cache-control', HASHED_ASSET.test(basename(path)) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });

  // Browsers ask for /favicon.ico on their own; without one in the build, answer "no icon" rather
  // than a 404 that shows up as an error in the page's console.
  if (!existsSync(join(rendererDir, 'favicon.ico'))) app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

  const requireToken = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!tokenMatches(token, bearerToken(request.headers.authorization))) {
      return sendFailure(reply, 'UNAUTHORIZED', 'missing or wrong token: open the console with the link the web host printed');
    }
  };

  app.route({
    method: 'POST',
    url: `${API_PREFIX}/:channel`,
    // Before the body is read, so a caller without the token cannot make the host parse anything.
    onRequest: requireToken,
    handler: async (request, reply) => {
      const { channel } = request.params as { channel: string };
      const result = await core.dispatch(channel, request.body);
      return reply
        .code(result.ok ? 200 : HTTP_STATUS_BY_CODE[result.error.code])
        .header('cache-control', 'no-store')
        .send(result);
    },
  });
  app.route({
    method: ['GET', 'PUT', 'PATCH', 'DELETE'],
    url: `${API_PREFIX}/:channel`,
    handler: async (_request, reply) => sendFailure(reply.header('allow', 'POST'), 'VALIDATION', 'calls are POST requests', 405),
  });

  const sockets = new Set<WebSocket>();
  app.route({
    method: 'GET',
    url: EVENTS_PATH,
    // A plain GET (no upgrade) gets an answer with a code rather than an empty 404.
    handler: async (_request, reply) =>
      sendFailure(reply.header('upgrade', 'websocket'), 'VALIDATION', 'events are a WebSocket: connect with an upgrade request', 426),
    wsHandler: (socket, request) => {
      const presented = (request.query as Record<string, unknown>)[TOKEN_FRAGMENT_KEY];
      if (!tokenMatches(token, typeof presented === 'string' ? presented : null)) {
        socket.close(WS_CLOSE_UNAUTHORIZED, 'missing or wrong token');
        return;
      }
      // Browsers always send Origin on a WebSocket: only this host's own pages may listen.
      const origin = request.headers.origin;
      if (origin !== undefined && !hostAllowed(URL.parse(origin)?.host)) {
        socket.close(WS_CLOSE_POLICY, 'foreign origin');
        return;
      }
      sockets.add(socket);
      socket.on('message', () => socket.close(WS_CLOSE_POLICY, 'clients send nothing on this socket'));
      socket.on('close', () => sockets.delete(socket));
    },
  });

  const unsubscribe = core.subscribe((event, payload) => {
    const frame = JSON.stringify({ event, payload } satisfies EventFrame);
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(frame);
  });

  try {
    await app.listen({ host, port });
  } catch (err) {
    unsubscribe();
    await app.close();
    throw err;
  }
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  allowedHosts = allowedHostHeaders(host, boundPort);

  const shownHost = isWildcardHost(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shownHost}:${boundPort}`;
  return {
    url: `${origin}/#${TOKEN_FRAGMENT_KEY}=${token}`,
    origin,
    port: boundPort,
    token,
    async close() {
      unsubscribe();
      await app.close();
    },
  };
}
