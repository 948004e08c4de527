/**
 * The HTTP and WebSocket server. Stateless between requests: any number of instances can serve
 * one PostgreSQL database, and any instance can serve any client.
 */
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { upgradeSockets } from '../shared/close-sockets.ts';
import { AppError, validationError } from '../shared/contract/errors.ts';
import {
  NextTicketRequest,
  PullRequest,
  PUSH_MAX_MUTATIONS,
  PushRequest,
  RefreshRequest,
  REQUEST_BODY_LIMIT_BYTES,
  ServerSearchRequest,
  ThreadRequest,
  type ServerInfo,
} from '../shared/sync/protocol.ts';
import { createAuth, DEFAULT_AUTH_CONFIG, type Auth, type AuthConfig } from './auth/service.ts';
import { loadServerSecret } from './auth/tokens.ts';
import { adminRoutes } from './http/admin-routes.ts';
import { toHttpError } from './http/errors.ts';
import { metricsRoutes } from './http/metrics-routes.ts';
import { createJobRunner, type RunnerOptions } from './jobs/runner.ts';
import { SERVER_JOB_KINDS, SERVER_SCHEDULES } from './jobs/server-jobs.ts';
import { registerLive } from './live/socket.ts';
import { takeNextTicket } from './routing/next-ticket.ts';
import { createPokes } from './live/pokes.ts';
import { createPresence, type Presence } from './live/presence.ts';
import { createSessionWatch } from './live/session-watch.ts';
import type { Db } from './store/db.ts';
import { searchMessages, thread } from './sync/history.ts';
import { pull, pullResponseJson } from './sync/pull.ts';
import { push } from './sync/push.ts';
import { SCHEMA_VERSIONS } from './sync/schema-version.ts';

export const SERVER_VERSION = '0.1.0';
export const FRAME_LIMIT = 16 * 1024;

export interface StartOptions {
  db: Db;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Options for Fastify's pino logger (JSON lines on stdout), or false for none (tests). */
  logger?: { level: string } | false;
  /** The clock (tests move it to expire tokens). */
  now?: () => number;
  auth?: Partial<AuthConfig>;
  /** How long a presence entry lasts without being announced again (tests shorten it). */
  presenceTtlMs?: number;
  /** The durable job runner's settings, or false for an instance that runs no jobs (tests that drive a runner themselves). */
  jobs?: false | Pick<RunnerOptions, 'instanceId' | 'pollMs' | 'leaseMs'>;
  /** A server on an embedded database: the id GET /info reports and the token of the local admin routes (server-marker.ts). */
  marker?: { instance: string; adminToken: string };
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts one server instance on `db` (already migrated); `close` leaves the database open. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { db } = options;
  const now = options.now ?? Date.now;
  const secret = await loadServerSecret(db);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: REQUEST_BODY_LIMIT_BYTES,
    // Closing destroys open connections instead of waiting out keep-alive (up to 72 s) for busy
    // ones: every sync request is safe to retry (push is exactly-once by mutation id, pull by
    // cursor), so an instance that stops should stop now, not a minute later.
    forceCloseConnections: true,
  });
  const log = app.log;
  const auth: Auth = createAuth(db, secret, now, { ...DEFAULT_AUTH_CONFIG, ...options.auth });
  const pokes = createPokes(db, secret, (err) => log.warn({ err }, 'poke delivery failed'));
  const presence: Presence = createPresence(db, {
    now,
    ...(options.presenceTtlMs !== undefined ? { ttlMs: options.presenceTtlMs } : {}),
    onError: (err) => log.warn({ err }, 'presence delivery failed'),
  });
  const sessions = await createSessionWatch(db);
  const jobs =
    options.jobs === false
      ? null
      : createJobRunner({
          db,
          kinds: SERVER_JOB_KINDS,
          schedules: SERVER_SCHEDULES,
          now,
          ...options.jobs,
          onError: (err, context) => log.warn({ err }, `job runner: ${context}`),
        });

  app.setErrorHandler((err, req, reply) => {
    const { status, payload } = toHttpError(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    return reply.code(status).send({ error: payload });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such endpoint' } }));

  const upgrades = upgradeSockets(app.server);
  await app.register(websocket, {
    options: { maxPayload: FRAME_LIMIT },
    // Closing: every live socket is told (1001, its console reconnects to another instance) and
    // one whose peer does not answer is cut, so no socket holds the instance open.
    preClose: async function (this: FastifyInstance) {
      await upgrades.close(this.websocketServer.clients, 1001, 'the server is shutting down');
    },
  });

  const info: z.infer<typeof ServerInfo> = {
    name: 'switchboard',
    version: SERVER_VERSION,
    schemaVersions: { ...SCHEMA_VERSIONS },
    pushMaxMutations: PUSH_MAX_MUTATIONS,
    ...(options.marker ? { instance: options.marker.instance } : {}),
  };
  if (options.marker) await app.register(adminRoutes, { db, adminToken: options.marker.adminToken });
  app.get('/info', async () => info);

  app.post('/auth/sign-in', async (req) => auth.signIn(req.body, req.ip));
  app.post('/auth/refresh', async (req) => auth.refresh(parse(RefreshRequest, req.body, 'refresh')));
  app.post('/auth/sign-out', async (req, reply) => {
    await auth.signOut(parse(RefreshRequest, req.body, 'sign-out'));
    return reply.code(204).send();
  });

  app.post('/sync/push', async (req, reply) => {
    const session = await auth.authenticate(req.headers.authorization);
    const body = parse(PushRequest, req.body, 'push');
    const outcome = await unavailableOnFailure(req, () =>
      push({ db, now, onBug: (err) => req.log.error({ err }, 'a mutator threw'), poke: pokes.changed }, session, body),
    );
    if (outcome.kind === 'gap') return reply.code(409).send({ code: 'MUTATION_GAP', expected: outcome.expected });
    return outcome.response;
  });

  app.post('/sync/pull', async (req, reply) => {
    const session = await auth.authenticate(req.headers.authorization);
    const body = parse(PullRequest, req.body, 'pull');
    const page = await unavailableOnFailure(req, () => pull({ db, secret }, session, body));
    // The rows are the stored JSON text, spliced in unparsed: a string body is sent as it is.
    return reply.type('application/json; charset=utf-8').send(pullResponseJson(page));
  });

  app.post('/sync/thread', async (req) => {
    const session = await auth.authenticate(req.headers.authorization);
    const body = parse(ThreadRequest, req.body, 'thread');
    return unavailableOnFailure(req, () => thread(db, session, body));
  });

  app.post('/sync/search', async (req) => {
    const session = await auth.authenticate(req.headers.authorization);
    const body = parse(ServerSearchRequest, req.body, 'search');
    return unavailableOnFailure(req, () => searchMessages(db, session, body));
  });

  app.post('/routing/next', async (req) => {
    const session = await auth.authenticate(req.headers.authorization);
    const body = parse(NextTicketRequest, req.body, 'next ticket');
    return unavailableOnFailure(req, () =>
      takeNextTicket(db, { now, onBug: (err) => req.log.error({ err }, 'a mutator threw'), poke: pokes.changed }, session, body),
    );
  });

  await app.register(metricsRoutes, { db, auth, now });
  registerLive(app, { db, auth, pokes, presence, sessions, now });

  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  jobs?.start();
  return {
    url: address,
    async close() {
      // First, so no job starts while the rest shuts down; a running one finishes.
      await jobs?.stop();
      await app.close();
      await pokes.close();
      await presence.close();
      await sessions.close();
    },
  };
}

function parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw validationError(what, r.error);
  return r.data;
}

/**
 * Sync transactions roll back on any failure, so nothing was consumed: the client may retry. A
 * failure that is not a refusal (the database went away, a deadlock, a bug) is answered 503.
 */
async function unavailableOnFailure<T>(req: FastifyRequest, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw err;
    req.log.error({ err }, 'sync transaction failed; nothing was consumed');
    throw new AppError('UNAVAILABLE', 'the server could not complete this now; nothing was changed, try again');
  }
}
