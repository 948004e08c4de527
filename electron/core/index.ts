/**
 * Core: the local cache and the contract's handlers behind one dispatch function. The same object
 * runs in Electron's utility process (utility-entry.ts), in the web host, and directly in tests.
 */
import type { Database } from 'better-sqlite3';
import { createDispatch, type Dispatch } from '../../shared/contract/dispatch.ts';
import { type EventName, type EventPayload, events } from '../../shared/contract/events.ts';
import { openDatabase } from './db/open.ts';
import { ensureSyncState } from './db/sync-state.ts';
import { seedDemoDatabase, type SeedOptions, type SeedReport } from './demo/seed.ts';
import { createHandlers } from './handlers.ts';
import { createRepositories } from './repositories/index.ts';
import type { AppInfoTransport } from './types.ts';

export type CoreListener = (name: EventName, payload: unknown) => void;

export interface Core {
  dispatch: Dispatch;
  /** Events after validation against shared/contract/events.ts; returns the unsubscribe function. */
  subscribe(listener: CoreListener): () => void;
  readonly databasePath: string;
  close(): void;
}

export interface OpenCoreOptions {
  databasePath: string;
  transport: AppInfoTransport;
  appVersion?: string;
  now?: () => number;
  log?: (msg: string, err?: unknown) => void;
}

/** Each Core's database, for seedDemo; kept out of the Core interface so callers go through dispatch. */
const databases = new WeakMap<Core, { db: Database; emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void }>();

/** Opens (creating and migrating as needed) the database; throws AppError DB_NEWER_VERSION or DB_CORRUPT. */
export function openCore(options: OpenCoreOptions): Core {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((msg: string, err?: unknown) => console.error(`[core] ${msg}`, err ?? ''));
  const db = openDatabase(options.databasePath, { now });
  ensureSyncState(db);
  const listeners = new Set<CoreListener>();

  const emit = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    const checked = events[name].safeParse(payload);
    if (!checked.success) {
      log(`event ${name} broke its schema; not sent`, checked.error);
      return;
    }
    for (const listener of [...listeners]) {
      try {
        listener(name, checked.data);
      } catch (err) {
        log(`a listener of ${name} threw`, err);
      }
    }
  };

  const repos = createRepositories(db);
  const handlers = createHandlers({
    db,
    repos,
    databasePath: options.databasePath,
    transport: options.transport,
    appVersion: options.appVersion ?? '0.0.0',
    now,
    emit,
  });
  const dispatch = createDispatch(handlers, { onInternalError: (channel, err) => log(`${channel} failed`, err) });

  let closed = false;
  const core: Core = {
    dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    databasePath: options.databasePath,
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      db.close();
    },
  };
  databases.set(core, { db, emit });
  return core;
}

/**
 * Fills an empty database with the demo tenant (see demo/seed.ts). Given a Core, its renderers are
 * told that everything changed.
 */
export function seedDemo(target: Core | Database, options: SeedOptions): SeedReport {
  const owned = databases.get(target as Core);
  const report = seedDemoDatabase(owned ? owned.db : (target as Database), options);
  if (owned)
    for (const entity of ['ticket', 'message', 'account', 'contact', 'article', 'user', 'team'] as const)
      owned.emit('data.changed', { entity, ids: [] });
  return report;
}

export type { SeedOptions, SeedReport } from './demo/seed.ts';
