/**
 * Core: the local cache and the contract's handlers behind one dispatch function. The same object
 * runs in Electron's utility process (utility-entry.ts), in the web host, and directly in tests.
 */
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Database } from 'better-sqlite3';
import type { SessionState } from '../../shared/contract/channels.ts';
import { createDispatch, type Dispatch } from '../../shared/contract/dispatch.ts';
import { ENTITIES, type EventName, type EventPayload, events } from '../../shared/contract/events.ts';
import { type BackgroundCheck, startIntegrityCheck } from './db/integrity.ts';
import { startCheckpointer } from './db/checkpointer.ts';
import { createReadWorker } from './db/read-worker.ts';
import { closeDatabase, openDatabase } from './db/open.ts';
import { rebuildCache } from './db/rebuild.ts';
import { ensureSyncState } from './db/sync-state.ts';
import { seedDemoDatabase, type SeedOptions, type SeedReport } from './demo/seed.ts';
import type { WipedCore } from './areas/handler-context.ts';
import { createHandlers } from './areas/handlers.ts';
import { createRepositories } from './areas/repositories.ts';
import { createNotifier } from './notifications/notifier.ts';
import { createHistoryWindow } from './sync/history-window.ts';
import { createHealthWatch, type HealthWatch } from './notifications/health-watch.ts';
import { createReminders, type Reminders } from './notifications/reminders.ts';
import { createSlaAtRisk, type SlaAtRisk } from './notifications/sla-at-risk.ts';
import type { WatcherOptions } from './notifications/watcher.ts';
import { createLocalSync } from './sync/local-sync.ts';
import { createPresenceBook } from './sync/presence.ts';
import { createFileSecretStore, secretPathFor, type SecretStore } from './sync/secret-store.ts';
import { createSyncClient, type Timers } from './sync/sync-client.ts';
import { createSlaRecomputeRunner, type SlaRecomputeRunner } from './areas/sla/sla-recompute.ts';
import { createFoldKeeper, type FoldKeeper } from './areas/metrics/fold-keeper.ts';
import type { AppInfoTransport } from './types.ts';

/** The records an account's health score reads (docs/health-score.md, Inputs). */
const HEALTH_INPUTS = new Set<string>(['account', 'ticket', 'interaction', 'feedback']);

export type CoreListener = (name: EventName, payload: unknown) => void;

export interface Core {
  dispatch: Dispatch;
  /** Events after validation against shared/contract/events.ts; returns the unsubscribe function. */
  subscribe(listener: CoreListener): () => void;
  readonly databasePath: string;
  close(): void;
}

/**
 * How long an opened cache is left alone before its integrity check starts in the background
 * (db/integrity.ts): past the start, whose first screen it would otherwise compete with for the
 * disk and the second core.
 */
export const INTEGRITY_CHECK_DELAY_MS = 60_000;

export interface OpenCoreOptions {
  databasePath: string;
  transport: AppInfoTransport;
  appVersion?: string;
  now?: () => number;
  log?: (msg: string, err?: unknown) => void;
  /** When the background integrity check starts after an open; null: never (default INTEGRITY_CHECK_DELAY_MS). */
  integrityCheckDelayMs?: number | null;
  /**
   * Sync with a server: sessions (`session.signIn` …), the outbox pushed, pages pulled, live
   * pokes. Absent: local mode, the console is signed in as the cache's own person (the demo
   * "me"), mutations apply locally and stay queued, and `sync.status` says `local`.
   */
  sync?: CoreSyncOptions;
}

export interface CoreSyncOptions {
  /** Where the refresh token is kept. Default: a 0600 file beside the database (`<db>.session`). */
  secretStore?: SecretStore;
  /** Names this console among the person's devices. Default: the host name. */
  deviceName?: string;
  /** Prefills the sign-in form of a console that never signed in. */
  serverUrl?: string | null;
  /** Injected for tests: Node's global fetch and WebSocket, real timers and Math.random otherwise. */
  fetch?: typeof globalThis.fetch;
  WebSocket?: typeof globalThis.WebSocket;
  timers?: Timers;
  random?: () => number;
  pollIntervalMs?: number;
  pushDebounceMs?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
  /** How long desktop notifications are gathered before one announces them all (notifications/notifier.ts). */
  notificationDelayMs?: number;
}

interface Instance {
  db: Database;
  dispatch: Dispatch;
  close(): void;
  session(): SessionState;
}

/** Each Core's database, for seedDemo; kept out of the Core interface so callers go through dispatch. */
const databases = new WeakMap<Core, { db: () => Database; emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void }>();

/** Opens (creating and migrating as needed) the database; throws AppError DB_NEWER_VERSION or DB_CORRUPT. */
export function openCore(options: OpenCoreOptions): Core {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((msg: string, err?: unknown) => console.error(`[core] ${msg}`, err ?? ''));
  const { databasePath, sync } = options;
  const secretStore = sync ? (sync.secretStore ?? createFileSecretStore(secretPathFor(databasePath))) : null;
  const listeners = new Set<CoreListener>();
  /** The open database's task reminders, looked at again whenever tasks change. */
  let reminders: Reminders | null = null;
  /** The open database's "SLA at risk" notices, looked at again whenever tickets change. */
  let slaAtRisk: SlaAtRisk | null = null;
  /** The open database's watch for accounts falling into "at risk", looked at again when what a score reads changes. */
  let healthWatch: HealthWatch | null = null;
  /** The open database's recompute of every open ticket's timers after a calendar or policy edit. */
  let slaRecompute: SlaRecomputeRunner | null = null;
  /** The open database's folding of the tickets' changed event logs for the metrics, at idle. */
  let folds: FoldKeeper | null = null;

  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    const checked = events[name].safeParse(payload);
    if (!checked.success) {
      log(`event ${name} broke its schema; not sent`, checked.error);
      return;
    }
    if (name === 'data.changed' && (checked.data as EventPayload<'data.changed'>).entity === 'task') reminders?.check();
    if (name === 'data.changed' && (checked.data as EventPayload<'data.changed'>).entity === 'ticket') {
      slaAtRisk?.soon();
      folds?.soon();
    }
    if (name === 'data.changed' && (checked.data as EventPayload<'data.changed'>).entity === 'sla') void slaRecompute?.kick();
    if (name === 'data.changed' && HEALTH_INPUTS.has((checked.data as EventPayload<'data.changed'>).entity)) healthWatch?.changed();
    for (const listener of [...listeners]) {
      try {
        listener(name, checked.data);
      } catch (err) {
        log(`a listener of ${name} threw`, err);
      }
    }
  };

  function openInstance(): Instance {
    const db = openDatabase(databasePath, { now });
    const checkpointer = databasePath === ':memory:' ? null : startCheckpointer(db);
    const reads = databasePath === ':memory:' ? null : createReadWorker(db.name);
    ensureSyncState(db);
    const repos = createRepositories(db, { reads });
    const local = createLocalSync(db);
    const presence = createPresenceBook(db, { now, emit, me: () => local.identity().userId });
    const notifier = createNotifier({
      store: local.store,
      me: () => local.identity().userId,
      settings: () => repos.settings.get(),
      emit,
      ...(sync?.timers ? { timers: sync.timers } : {}),
      ...(sync?.notificationDelayMs !== undefined ? { coalesceMs: sync.notificationDelayMs } : {}),
    });
    const history = createHistoryWindow(db, local.store, () => repos.settings.get().historyMonths ?? null, now);
    const watcher: WatcherOptions = {
      db,
      now,
      me: () => repos.directory.currentUserId(),
      settings: () => repos.settings.get(),
      emit,
      // Unreferenced: a notice due later never holds a finished process (a CLI, a test) open.
      timers: sync?.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms).unref(), clearTimeout: (h) => clearTimeout(h as never) },
    };
    reminders = createReminders(watcher);
    const instanceReminders = reminders;
    slaAtRisk = createSlaAtRisk(watcher);
    const instanceSlaAtRisk = slaAtRisk;
    healthWatch = createHealthWatch({ ...watcher, health: repos.health });
    const instanceHealthWatch = healthWatch;
    slaRecompute = createSlaRecomputeRunner({
      job: local.slaRecompute,
      emit,
      ...(reads ? { readAhead: local.slaRecompute.readAheadOn(reads) } : {}),
    });
    const instanceSlaRecompute = slaRecompute;
    folds = createFoldKeeper({ foldStale: repos.metrics.foldStale, timers: watcher.timers });
    const instanceFolds = folds;
    const client =
      sync && secretStore
        ? createSyncClient({
            local,
            presence,
            observePull: (pages, quiet) => {
              const notified = notifier.observe(pages, quiet);
              return () => {
                notified();
                history.afterPull(pages);
              };
            },
            secretStore,
            deviceName: sync.deviceName ?? hostname(),
            defaultServerUrl: sync.serverUrl ?? null,
            now,
            emit,
            log,
            ...(sync.fetch ? { fetch: sync.fetch } : {}),
            ...(sync.WebSocket ? { WebSocket: sync.WebSocket } : {}),
            ...(sync.timers ? { timers: sync.timers } : {}),
            ...(sync.random ? { random: sync.random } : {}),
            ...(sync.pollIntervalMs !== undefined ? { pollIntervalMs: sync.pollIntervalMs } : {}),
            ...(sync.pushDebounceMs !== undefined ? { pushDebounceMs: sync.pushDebounceMs } : {}),
            ...(sync.retryBaseMs !== undefined ? { retryBaseMs: sync.retryBaseMs } : {}),
            ...(sync.retryCapMs !== undefined ? { retryCapMs: sync.retryCapMs } : {}),
          })
        : null;
    const started = client ? client.start().catch((err: unknown) => log('could not pick up the last session', err)) : Promise.resolve();
    const handlers = createHandlers({
      db,
      repos,
      databasePath,
      transport: options.transport,
      appVersion: options.appVersion ?? '0.0.0',
      local,
      history,
      client,
      presence,
      started,
      now,
      emit,
      wipe,
    });
    const dispatch = createDispatch(handlers, { onInternalError: (channel, err) => log(`${channel} failed`, err) });
    instanceReminders.check();
    instanceSlaAtRisk.check();
    instanceHealthWatch.start();
    // A recompute a restart interrupted goes on.
    void instanceSlaRecompute.kick();
    // Logs changed by an earlier run, a pull or a migration are folded once the start is over.
    instanceFolds.soon();
    return {
      db,
      dispatch,
      session: () =>
        client
          ? client.sessionState()
          : { status: 'signed_in', user: null, serverUrl: null, rememberedServerUrl: null, rememberedEmail: null, deviceHolder: null },
      close() {
        client?.close();
        notifier.close();
        instanceReminders.close();
        instanceSlaAtRisk.close();
        instanceHealthWatch.close();
        instanceSlaRecompute.close();
        instanceFolds.close();
        checkpointer?.stop();
        reads?.close();
        closeDatabase(db);
      },
    };
  }

  let current = openInstance();
  let closed = false;
  const checkDelayMs = options.integrityCheckDelayMs === undefined ? INTEGRITY_CHECK_DELAY_MS : options.integrityCheckDelayMs;
  let check: BackgroundCheck | null = null;
  let checkTimer: ReturnType<typeof setTimeout> | null = null;
  scheduleIntegrityCheck();

  function scheduleIntegrityCheck(): void {
    if (checkDelayMs === null || databasePath === ':memory:') return;
    checkTimer = setTimeout(() => {
      checkTimer = null;
      const running = startIntegrityCheck(databasePath);
      check = running;
      void running.result.then((r) => {
        if (check === running) check = null;
        if (r.status === 'failed') log('the background integrity check could not finish', r.detail);
        if (r.status === 'corrupt' && !closed) onDamage(r.detail);
      });
    }, checkDelayMs);
    // A Core that is never closed (a CLI that exits) is not kept alive by its check.
    checkTimer.unref();
  }

  async function stopIntegrityCheck(): Promise<void> {
    if (checkTimer) clearTimeout(checkTimer);
    checkTimer = null;
    const running = check;
    check = null;
    await running?.stop();
  }

  /**
   * A damaged cache is rebuilt from the server, keeping what only this device has (db/rebuild.ts),
   * and the renderers are told everything changed. A local console has no server to rebuild from:
   * it keeps the file as it is and says so.
   */
  function onDamage(detail: string): void {
    log(`the local cache is damaged: ${detail}`);
    if (!sync) {
      emit('cache.damaged', { rebuilt: false, keptChanges: 0, complete: true });
      return;
    }
    current.close();
    let report: ReturnType<typeof rebuildCache> | null = null;
    try {
      report = rebuildCache(databasePath, now);
    } catch (err) {
      log('could not rebuild the damaged cache; it was left as it is', err);
    }
    current = openInstance();
    for (const entity of ENTITIES) emit('data.changed', { entity, ids: [] });
    emit('session.changed', current.session());
    emit('cache.damaged', {
      rebuilt: report !== null,
      keptChanges: report?.keptChanges ?? 0,
      complete: report !== null && report.unreadable.length === 0,
    });
  }

  /** "Wipe this device": the database files and the session go; an empty cache takes their place. */
  async function wipe(): Promise<WipedCore> {
    // The check's own connection must be gone before the files are.
    await stopIntegrityCheck();
    current.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
    await secretStore?.clear();
    current = openInstance();
    for (const entity of ENTITIES) emit('data.changed', { entity, ids: [] });
    const fresh = current;
    emit('session.changed', fresh.session());
    return { session: () => fresh.session(), dispatch: fresh.dispatch };
  }

  const core: Core = {
    dispatch: (channel, input) => current.dispatch(channel, input),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    databasePath,
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      void stopIntegrityCheck();
      current.close();
    },
  };
  databases.set(core, { db: () => current.db, emit });
  return core;
}

/**
 * Fills an empty database with the demo tenant (see demo/seed.ts). Given a Core, its renderers are
 * told that everything changed.
 */
export function seedDemo(target: Core | Database, options: SeedOptions): SeedReport {
  const owned = databases.get(target as Core);
  const report = seedDemoDatabase(owned ? owned.db() : (target as Database), options);
  if (owned)
    for (const entity of ['ticket', 'message', 'account', 'contact', 'article', 'user', 'team'] as const)
      owned.emit('data.changed', { entity, ids: [] });
  return report;
}

export type { SeedOptions, SeedReport } from './demo/seed.ts';
export type { SecretStore, SecretCodec } from './sync/secret-store.ts';
export { createFileSecretStore, secretPathFor } from './sync/secret-store.ts';
