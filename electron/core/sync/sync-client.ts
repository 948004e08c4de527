/**
 * Core's sync client (SYNC.md, docs/sync-protocol.md): the session with the server (sign-in,
 * refresh-token rotation, sign-out), pushing the outbox, pulling pages, the live socket whose
 * pokes trigger pulls, a poll as the safety net, retries with exponential backoff and jitter, and
 * the connection status the renderer shows. The SQLite side is local-sync.ts.
 *
 * Everything asynchronous belongs to one "connection" (a generation): signing out, wiping or
 * closing ends it, aborting its requests and timers, and a continuation of an ended connection
 * never touches the database again.
 */
import type { DeviceHolder } from '../../../shared/areas/session/channels.ts';
import type { SessionState, SyncStatus } from '../../../shared/contract/channels.ts';
import { AppError, toErrorPayload, type ErrorPayload } from '../../../shared/contract/errors.ts';
import type { Message, User } from '../../../shared/domain/records.ts';
import {
  PUSH_MAX_MUTATIONS,
  PUSH_MAX_MUTATIONS_UNSAID,
  ServerFrame,
  SYNC_SCHEMA_VERSION,
  type NextTicketResponse,
  type ServerSearchHit,
} from '../../../shared/sync/protocol.ts';
import { createBackoff } from './backoff.ts';
import { pushBatch } from './push-batch.ts';
import { emitEverythingChanged, emitTouched, type Emit } from './data-changed.ts';
import type { LocalSync, Page } from './local-sync.ts';
import type { PresenceBook } from './presence.ts';
import type { SecretStore } from './secret-store.ts';
import { createServerApi, type Fetch, type ServerApi, type ServerSession } from './server-api.ts';
import type { Touched } from './sqlite-tx.ts';

/** Looks at a batch of server changes before it is applied; the function it returns runs once the batch is applied. */
export type PullObserver = (pages: readonly Page[], quiet: boolean) => () => void;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncClientOptions {
  local: LocalSync;
  secretStore: SecretStore;
  /** Shown to the person among their signed-in devices. */
  deviceName: string;
  /** Prefills the sign-in form of a console that never signed in. */
  defaultServerUrl: string | null;
  now: () => number;
  emit: Emit;
  /** Where relayed presence goes (and where it is answered from offline). */
  presence: PresenceBook;
  /** Shown each batch of server changes before it is applied (`quiet` during a bootstrap); what it returns runs after. */
  observePull?: PullObserver;
  log: (msg: string, err?: unknown) => void;
  fetch?: Fetch;
  WebSocket?: typeof globalThis.WebSocket;
  timers?: Timers;
  random?: () => number;
  /** The safety-net pull while the socket is quiet. */
  pollIntervalMs?: number;
  /** How long after a local change the push waits for more changes to send together. */
  pushDebounceMs?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
}

/** Changes per pulled page: large enough that a bootstrap's per-request work is small beside its rows. */
const PAGE_LIMIT = 5000;
/** Changes applied per local transaction when pages queue up (a catch-up or a bootstrap). */
const APPLY_CHANGES = 20_000;
/** Refresh this long before the access token expires (client clocks drift; 401 is the backstop). */
const EXPIRY_MARGIN_MS = 30_000;
const SIGN_OUT_TIMEOUT_MS = 3000;
/** Presence is announced again this often: well inside the server's 60 s expiry (server/live/presence.ts). */
const PRESENCE_REFRESH_MS = 20_000;
/** WebSocket.OPEN, spelled out: injected socket implementations need not carry the constants. */
const SOCKET_OPEN = 1;

interface Connection {
  serverUrl: string;
  api: ServerApi;
  controller: AbortController;
  timers: Set<unknown>;
  socket: WebSocket | null;
  /** The socket is authenticated (its first poke arrived): frames sent now are heard. */
  liveReady: boolean;
  ended: boolean;
}

export function createSyncClient(options: SyncClientOptions) {
  const { local, secretStore, now, emit, log } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const WebSocketImpl = options.WebSocket ?? globalThis.WebSocket;
  const timers: Timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as never) };
  const random = options.random ?? Math.random;
  const pollIntervalMs = options.pollIntervalMs ?? 30_000;
  const pushDebounceMs = options.pushDebounceMs ?? 5;
  const retry = createBackoff({ baseMs: options.retryBaseMs ?? 500, capMs: options.retryCapMs ?? 30_000, random });
  const liveRetry = createBackoff({ baseMs: options.retryBaseMs ?? 500, capMs: options.retryCapMs ?? 30_000, random });

  let refreshToken: string | null = null;
  let access: { token: string; expiresAt: number } | null = null;
  let signedIn = false;
  let updateRequired = false;
  let infoChecked = false;
  /** The most mutations a push carries: this console's limit or the server's, whichever is lower. */
  let pushMax = PUSH_MAX_MUTATIONS_UNSAID;
  let syncing = false;
  /**
   * Whether the server answered lately: null until the connection's first round ends, false from
   * a failed request or a closed socket on (at once, not after the retry that confirms it), true
   * from a round that succeeded.
   */
  let reachable: boolean | null = null;
  let lastError: ErrorPayload | null = null;
  let conn: Connection | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let refreshing: Promise<string> | null = null;
  let pushTimer: unknown = null;
  let retryTimer: unknown = null;
  /** Wakes the push when the first change held for undo is released. */
  let releaseTimer: unknown = null;
  let lastStatus = '';
  let statusQueued = false;
  let closed = false;
  /** What this console announces: the ticket open on it and whether its person is typing. */
  let presenceWanted: { ticketId: string | null; typing: boolean } = { ticketId: null, typing: false };

  // ---- status ----

  function status(): SyncStatus {
    const id = local.identity();
    const connection: SyncStatus['connection'] = updateRequired
      ? 'update_required'
      : !signedIn || reachable === false
        ? 'offline'
        : syncing
          ? 'syncing'
          : reachable
            ? 'online'
            : 'offline';
    return {
      connection,
      pendingMutations: local.pendingCount(),
      openIssues: local.issueCount(),
      lastSyncedAt: id.lastPulledAt,
      lastError,
    };
  }

  /** Coalesced: several changes in one tick make one event, and an unchanged status none. */
  function statusChanged(): void {
    if (statusQueued || closed) return;
    statusQueued = true;
    queueMicrotask(() => {
      statusQueued = false;
      if (closed) return;
      const s = status();
      const key = JSON.stringify(s);
      if (key === lastStatus) return;
      lastStatus = key;
      emit('sync.changed', s);
    });
  }

  /** The server address of this run's latest sign-in attempt. */
  let triedServerUrl: string | null = null;

  function sessionState(): SessionState {
    const id = local.identity();
    let user: User | null = null;
    if (signedIn && id.sessionUser) user = (id.userId ? local.store.get('user', id.userId) : null) ?? userFromSession(id.sessionUser);
    return {
      status: signedIn ? 'signed_in' : 'signed_out',
      user,
      serverUrl: signedIn ? id.serverUrl : null,
      rememberedServerUrl: id.serverUrl ?? triedServerUrl ?? options.defaultServerUrl,
      rememberedEmail: id.rememberedEmail,
      deviceHolder: deviceHolder(),
    };
  }

  function deviceHolder(): DeviceHolder | null {
    if (local.isEmpty()) return null;
    const id = local.identity();
    const person = id.userId ? local.store.get('user', id.userId) : null;
    return {
      name: person?.name ?? id.sessionUser?.name ?? null,
      email: person?.email ?? id.rememberedEmail,
      serverUrl: id.serverUrl,
      unsentChanges: local.pendingCount(),
    };
  }

  // ---- connection lifetime ----

  function later(c: Connection, fn: () => void, ms: number): unknown {
    const handle = timers.setTimeout(() => {
      c.timers.delete(handle);
      if (!c.ended) fn();
    }, ms);
    c.timers.add(handle);
    return handle;
  }

  function cancel(c: Connection, handle: unknown): void {
    if (handle === null) return;
    timers.clearTimeout(handle);
    c.timers.delete(handle);
  }

  function connect(serverUrl: string): Connection {
    const controller = new AbortController();
    const c: Connection = {
      serverUrl,
      api: createServerApi(serverUrl, fetchImpl, controller.signal),
      controller,
      timers: new Set(),
      socket: null,
      liveReady: false,
      ended: false,
    };
    conn = c;
    infoChecked = false;
    reachable = null;
    retry.reset();
    liveRetry.reset();
    schedulePoll(c);
    schedulePresenceRefresh(c);
    openLive(c);
    requestSync();
    return c;
  }

  function disconnect(): void {
    const c = conn;
    conn = null;
    pushTimer = null;
    retryTimer = null;
    releaseTimer = null;
    if (!c) return;
    c.ended = true;
    c.controller.abort();
    for (const handle of c.timers) timers.clearTimeout(handle);
    c.timers.clear();
    c.socket?.close(1000, 'signed out');
    c.socket = null;
    c.liveReady = false;
    options.presence.disconnected();
    reachable = null;
    statusChanged();
  }

  // ---- tokens ----

  async function accessToken(c: Connection): Promise<string> {
    if (access && now() < access.expiresAt - EXPIRY_MARGIN_MS) return access.token;
    return refresh(c);
  }

  /** One refresh at a time: presenting a refresh token twice would look like theft (reuse detection). */
  function refresh(c: Connection): Promise<string> {
    refreshing ??= (async () => {
      try {
        if (!refreshToken) throw new AppError('UNAUTHORIZED', 'this session has ended; sign in again');
        const session = await c.api.refresh(refreshToken);
        if (c.ended) throw new AppError('UNAVAILABLE', 'signed out meanwhile');
        await adopt(session);
        return session.accessToken;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  async function adopt(session: ServerSession): Promise<void> {
    refreshToken = session.refreshToken;
    // The expiry is on the server's clock; this console's may be days off (SYNC.md). Judged on the
    // local clock as is, a clock running ahead would make every token look expired: a refresh
    // (and a rotation) before every request.
    const skew = session.serverNow === null ? 0 : now() - session.serverNow;
    access = { token: session.accessToken, expiresAt: session.accessTokenExpiresAt + skew };
    // Without a safe place to keep it, the token lives in memory only: sign in again next start.
    if (!(await secretStore.set(session.refreshToken))) log('no secure storage for the session: it will not outlive this run');
  }

  /** A request with a valid access token; a 401 is answered by one refresh and one retry. */
  async function authed<T>(c: Connection, fn: (token: string) => Promise<T>): Promise<T> {
    const token = await accessToken(c);
    try {
      return await fn(token);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'UNAUTHORIZED') throw err;
      access = null;
      return fn(await refresh(c));
    }
  }

  /** The server ended the session (revoked, reused, expired): signed out, the cache and outbox kept. */
  async function sessionEnded(reason: ErrorPayload): Promise<void> {
    disconnect();
    signedIn = false;
    refreshToken = null;
    access = null;
    lastError = reason;
    local.forgetSession();
    await secretStore.clear();
    emit('session.changed', sessionState());
    statusChanged();
  }

  /**
   * The live socket closed or could not open: offline now. The socket's reconnection is what learns
   * that the server is back (its first poke starts a round), so nothing else is asked here.
   */
  function unreachable(): void {
    reachable = false;
    statusChanged();
  }

  /** The connection to ask the server on the person's behalf; UNAVAILABLE while there is none that works. */
  function online(): Connection {
    const c = conn;
    if (!c || c.ended || !signedIn || updateRequired || reachable === false)
      throw new AppError('UNAVAILABLE', 'this console is not connected to its server');
    return c;
  }

  // ---- the sync loop ----

  /** Push and pull as soon as possible; a request during a round makes one more round. */
  function requestSync(): void {
    const c = conn;
    if (!c || c.ended || !signedIn || updateRequired) return;
    if (running) {
      again = true;
      return;
    }
    cancel(c, retryTimer);
    retryTimer = null;
    running = runRounds(c).finally(() => {
      running = null;
    });
  }

  async function runRounds(c: Connection): Promise<void> {
    syncing = true;
    statusChanged();
    try {
      do {
        again = false;
        await round(c);
      } while (again && !c.ended && !updateRequired);
      if (c.ended) return;
      retry.reset();
      reachable = true;
      lastError = null;
    } catch (err) {
      if (c.ended) return;
      reachable = false;
      infoChecked = false;
      const payload = toErrorPayload(err);
      if (!(err instanceof AppError)) log('sync failed', err);
      if (payload.code === 'UNAUTHORIZED') return void (await sessionEnded(payload));
      lastError = payload;
      retryTimer = later(c, requestSync, retry.next());
    } finally {
      syncing = false;
      statusChanged();
    }
  }

  async function round(c: Connection): Promise<void> {
    if (!infoChecked) {
      const info = await c.api.info();
      if (c.ended) return;
      if (SYNC_SCHEMA_VERSION < info.schemaVersions.min) {
        // Keep the outbox, stop syncing, ask the person to update (SYNC.md: schema evolution).
        updateRequired = true;
        c.socket?.close(1000, 'update required');
        return;
      }
      if (SYNC_SCHEMA_VERSION > info.schemaVersions.max)
        throw new AppError('UNAVAILABLE', `the server speaks sync versions up to ${info.schemaVersions.max}; it needs an update`);
      pushMax = Math.min(PUSH_MAX_MUTATIONS, info.pushMaxMutations ?? PUSH_MAX_MUTATIONS_UNSAID);
      infoChecked = true;
    }
    await pushAll(c);
    await pullAll(c);
  }

  async function pushAll(c: Connection): Promise<void> {
    let gaps = 0;
    for (;;) {
      const mutations = pushBatch(local.unsent(0, pushMax, now()));
      if (!mutations.length || c.ended) return scheduleRelease(c);
      const clientId = local.identity().clientId;
      const outcome = await authed(c, (t) => c.api.push(t, { clientId, schemaVersion: SYNC_SCHEMA_VERSION, mutations }));
      if (c.ended) return;
      if (outcome.kind === 'gap') {
        // The server expects an earlier (or later) id: resend from there. A server that keeps
        // answering gaps is not making progress: back off instead of spinning.
        if (++gaps > 3) throw new AppError('UNAVAILABLE', `the server keeps expecting mutation ${outcome.expected}`);
        local.recordGap(outcome.expected);
        continue;
      }
      gaps = 0;
      const added = local.recordPush(outcome.response.results, outcome.response.lastMutationId, now());
      if (added) emit('data.changed', { entity: 'sync_issue', ids: [] });
      statusChanged();
      if (outcome.response.lastMutationId < (mutations.at(-1)?.id ?? 0))
        throw new AppError('UNAVAILABLE', 'the server did not process the whole batch');
    }
  }

  /** A change held for undo goes out when its window passes (sooner if undone: nothing to send then). */
  function scheduleRelease(c: Connection): void {
    cancel(c, releaseTimer);
    releaseTimer = null;
    const at = local.nextRelease(now());
    if (at === null) return;
    releaseTimer = later(
      c,
      () => {
        releaseTimer = null;
        requestSync();
      },
      Math.max(0, at - now()),
    );
  }

  /**
   * Pulls to the head, with the next page in flight while one is applied. While mutations are
   * queued, pages are applied together, up to APPLY_CHANGES changes per local transaction: each
   * transaction still holds whole server transactions and the cursor after them, and the queue of
   * pending mutations is replayed once per transaction.
   */
  async function pullAll(c: Connection): Promise<void> {
    let pages: Page[] = [];
    const cursor = local.identity().cursor;
    // A bootstrap (first, resumed or after a reset) brings history, not news.
    let quiet = cursor === null || local.identity().lastPulledAt === null;
    const apply = () => {
      const touched: Touched = new Map();
      const applied = options.observePull?.(pages, quiet);
      local.applyPages(pages, now(), touched, { mostlyNew: quiet });
      pages = [];
      emitTouched(emit, touched);
      statusChanged();
      applied?.();
    };
    const fetchPage = (from: string | null) => {
      const { clientId } = local.identity();
      const request = authed(c, (t) => c.api.pull(t, { clientId, schemaVersion: SYNC_SCHEMA_VERSION, cursor: from, limit: PAGE_LIMIT }));
      // Awaited below, unless the round ends first (an apply threw, or the connection ended):
      // then its failure is nobody's to report.
      request.catch(() => {});
      return request;
    };
    let next = fetchPage(cursor);
    for (let resets = 0; ;) {
      const page = await next;
      if (c.ended) return;
      if (page.kind === 'reset') {
        if (++resets > 2) throw new AppError('UNAVAILABLE', `the server keeps asking for a fresh start (${page.reason})`);
        pages = [];
        local.resetCache();
        quiet = true;
        emitEverythingChanged(emit);
        next = fetchPage(null);
        continue;
      }
      pages.push(page);
      if (!page.more) return apply();
      // The server reads the next page while this one is applied. The apply is synchronous, so the
      // request must be on the wire before it starts: fetch takes more than one turn of the event
      // loop to write it (with one turn, 100 of 101 bootstrap requests reached the server only
      // after the apply had ended, and the server's time was added to every page's); with two,
      // all of them arrived during the apply. Three, for margin: an idle turn costs microseconds.
      next = fetchPage(page.cursor);
      for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
      if (c.ended) return;
      // With nothing queued a page costs no replay, so it is applied at once; otherwise pages wait
      // for each other, and the queue is replayed once per APPLY_CHANGES changes.
      if (local.pendingCount() === 0 || pages.reduce((n, p) => n + p.changes.length, 0) >= APPLY_CHANGES) apply();
    }
  }

  function schedulePoll(c: Connection): void {
    later(
      c,
      () => {
        requestSync();
        schedulePoll(c);
      },
      pollIntervalMs,
    );
  }

  // ---- live pokes and presence ----

  /**
   * A poke that carries changes from exactly this console's cursor is applied as the pull would
   * apply it. Only while nothing else is in flight: a running round would race it for the cursor,
   * and mutations the server has not confirmed must be dropped by a pulled page's lastMutationId
   * (which a poke does not carry) before their effects arrive, or they would be replayed twice.
   */
  function applyPoke(poke: Extract<ServerFrame, { type: 'poke' }>): boolean {
    if (poke.base === undefined || poke.cursor === undefined || !poke.changes) return false;
    if (running || !signedIn || updateRequired || local.pendingCount() > 0) return false;
    if (local.identity().cursor !== poke.base) return false;
    const touched: Touched = new Map();
    const page: Page = { kind: 'page', changes: poke.changes, cursor: poke.cursor, lastMutationId: 0, more: false };
    const applied = options.observePull?.([page], local.identity().lastPulledAt === null);
    local.applyPages([page], now(), touched);
    emitTouched(emit, touched);
    statusChanged();
    applied?.();
    return true;
  }

  function sendPresence(c: Connection): void {
    const socket = c.socket;
    if (!socket || !c.liveReady || socket.readyState !== SOCKET_OPEN) return;
    socket.send(JSON.stringify({ type: 'presence', ...presenceWanted }));
  }

  function schedulePresenceRefresh(c: Connection): void {
    later(
      c,
      () => {
        if (presenceWanted.ticketId !== null) sendPresence(c);
        schedulePresenceRefresh(c);
      },
      PRESENCE_REFRESH_MS,
    );
  }

  function openLive(c: Connection): void {
    if (c.ended || updateRequired || c.socket) return;
    const reconnect = () => {
      c.socket = null;
      if (!c.ended && !updateRequired) later(c, () => openLive(c), liveRetry.next());
    };
    accessToken(c).then(
      (token) => {
        if (c.ended) return;
        const url = new URL('/sync/live', c.serverUrl);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        const socket = new WebSocketImpl(url);
        c.socket = socket;
        socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', accessToken: token }));
        socket.onmessage = (event) => {
          if (c.socket !== socket) return;
          const frame = ServerFrame.safeParse(typeof event.data === 'string' ? safeJson(event.data) : null);
          if (!frame.success) return;
          if (frame.data.type === 'presence') return options.presence.relayed(frame.data.ticketId, frame.data.viewers);
          liveRetry.reset();
          if (!c.liveReady) {
            c.liveReady = true;
            // A new socket is a new presence entry on the server: say again where this console is.
            if (presenceWanted.ticketId !== null) sendPresence(c);
          }
          if (!applyPoke(frame.data)) requestSync();
        };
        socket.onclose = (event) => {
          if (c.socket !== socket) return;
          c.liveReady = false;
          options.presence.disconnected();
          // 4401: the token expired meanwhile; the next attempt refreshes it. Any other close means
          // the server may be gone: shown at once, until a round or a new socket says otherwise.
          if (event.code === 4401) access = null;
          else unreachable();
          reconnect();
        };
      },
      (err: unknown) => {
        if (c.ended) return;
        if (err instanceof AppError && err.code === 'UNAUTHORIZED') return void sessionEnded(err.toPayload());
        unreachable();
        reconnect();
      },
    );
  }

  return {
    /** Picks up the session kept from the last run (offline-first: signed in even if the server is away). */
    async start(): Promise<void> {
      const id = local.identity();
      if (!id.serverUrl || !id.sessionUser) return;
      refreshToken = await secretStore.get();
      if (closed || !refreshToken) return;
      signedIn = true;
      connect(id.serverUrl);
    },

    status,
    sessionState,

    async signIn(input: { serverUrl: string; email: string; password: string }): Promise<SessionState> {
      const serverUrl = new URL(input.serverUrl).origin;
      // Kept if it fails: the sign-in screen then offers the address tried (the web host's
      // automatic demo sign-in, refused or timed out, leaves the person its server's address).
      triedServerUrl = serverUrl;
      const id = local.identity();
      if (id.serverUrl !== serverUrl && !local.isEmpty())
        throw new AppError(
          'OTHER_PERSON_ON_DEVICE',
          'this console holds the data of another server; sign in there, or wipe this device first',
        );
      const controller = new AbortController();
      const session = await createServerApi(serverUrl, fetchImpl, controller.signal).signIn({
        email: input.email,
        password: input.password,
        clientId: id.clientId,
        deviceName: options.deviceName,
      });
      if (closed) throw new AppError('UNAVAILABLE', 'Switchboard is closing');
      if (id.userId && id.userId !== session.user.id && !local.isEmpty()) {
        // The server let them in (this device was never bound to the other person there): the
        // session it just gave is not used, so it is revoked rather than left to expire.
        void createServerApi(serverUrl, fetchImpl, controller.signal)
          .signOut(session.refreshToken)
          .catch((err: unknown) => log('could not revoke an unused session', err));
        throw new AppError(
          'OTHER_PERSON_ON_DEVICE',
          'this console holds the data of another person; sign in as them, or wipe this device first',
        );
      }
      disconnect();
      local.rememberSession(serverUrl, session.user, input.email);
      await adopt(session);
      signedIn = true;
      updateRequired = false;
      lastError = null;
      connect(serverUrl);
      const state = sessionState();
      emit('session.changed', state);
      return state;
    },

    /** Revokes the session on the server if it answers soon, and forgets the tokens here. */
    async signOut(): Promise<void> {
      const c = conn;
      const token = refreshToken;
      disconnect();
      signedIn = false;
      refreshToken = null;
      access = null;
      lastError = null;
      if (c && token) {
        const controller = new AbortController();
        const timer = timers.setTimeout(() => controller.abort(), SIGN_OUT_TIMEOUT_MS);
        await createServerApi(c.serverUrl, fetchImpl, controller.signal)
          .signOut(token)
          .catch((err: unknown) => log('could not revoke the session on the server (it ends when it expires)', err))
          .finally(() => timers.clearTimeout(timer));
      }
      if (!closed) local.forgetSession();
      await secretStore.clear();
      statusChanged();
    },

    /** Push and pull now; resolves when this round (or the one running) is over. */
    async syncNow(): Promise<SyncStatus> {
      if (updateRequired && conn) {
        updateRequired = false;
        infoChecked = false;
        openLive(conn);
      }
      requestSync();
      while (running) await running;
      return status();
    },

    /** A local mutation was queued: push it shortly (changes made together go together). */
    mutated(): void {
      statusChanged();
      const c = conn;
      if (!c || pushTimer !== null) return;
      pushTimer = later(
        c,
        () => {
          pushTimer = null;
          requestSync();
        },
        pushDebounceMs,
      );
    },

    issuesChanged: statusChanged,

    /** presence.set: remembered, sent now if the socket is up, and announced again on every reconnect. */
    setPresence(ticketId: string | null, typing: boolean): void {
      presenceWanted = { ticketId, typing: ticketId !== null && typing };
      if (conn) sendPresence(conn);
    },

    /**
     * The messages of a ticket, from the server (a thread the cache no longer keeps). UNAVAILABLE
     * when there is no server to ask: signed out, offline, or a console without one.
     */
    async thread(ticketId: string): Promise<Message[]> {
      const c = online();
      const { clientId } = local.identity();
      return (await authed(c, (t) => c.api.thread(t, { clientId, schemaVersion: SYNC_SCHEMA_VERSION, ticketId }))).messages;
    },

    /** Messages on the server whose body holds every word of `query` (each at least 3 characters), newest first. */
    async search(query: string, limit: number): Promise<ServerSearchHit[]> {
      const c = online();
      const { clientId } = local.identity();
      return (await authed(c, (t) => c.api.search(t, { clientId, schemaVersion: SYNC_SCHEMA_VERSION, query, limit }))).hits;
    },

    /**
     * "Next ticket" (pull mode): the server assigns the person the most urgent ticket they may
     * take, then this console pulls, so the ticket is in the cache, theirs, when this resolves.
     * UNAVAILABLE offline: it is decided on the server alone, and nothing is queued.
     */
    async nextTicket(): Promise<NextTicketResponse> {
      const c = online();
      const { clientId } = local.identity();
      const outcome = await authed(c, (t) => c.api.nextTicket(t, { clientId, schemaVersion: SYNC_SCHEMA_VERSION }));
      if (outcome.outcome === 'taken') {
        requestSync();
        while (running) await running;
      }
      return outcome;
    },

    /** Resolves once no round is running (tests and shutdown wait on it). */
    async idle(): Promise<void> {
      while (running) await running;
    },

    close(): void {
      closed = true;
      disconnect();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The signed-in person before their user row reached the cache: what sign-in told us. */
function userFromSession(u: { id: string; tenantId: string; name: string; email: string; role: string; teamIds: string[] }): User {
  return {
    id: u.id,
    tenantId: u.tenantId,
    name: u.name,
    email: u.email,
    role: u.role as User['role'],
    teamIds: u.teamIds,
    skills: [],
    capacity: 0,
    locale: 'en',
    active: true,
    version: 0,
    createdAt: 0,
    updatedAt: 0,
  };
}

export type SyncClient = ReturnType<typeof createSyncClient>;
