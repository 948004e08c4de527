/**
 * What every area's handlers (areas/<area>/handlers.ts) may use: the open cache, its repositories,
 * the local side of sync and, when signed in to a server, the sync client. index.ts builds it once
 * per open database.
 */
import type { Database } from 'better-sqlite3';
import type { SessionState } from '../../../shared/contract/channels.ts';
import type { Dispatch } from '../../../shared/contract/dispatch.ts';
import type { Emit } from '../sync/data-changed.ts';
import type { HistoryWindow } from '../sync/history-window.ts';
import type { LocalSync } from '../sync/local-sync.ts';
import type { PresenceBook } from '../sync/presence.ts';
import type { SyncClient } from '../sync/sync-client.ts';
import type { AppInfoTransport } from '../types.ts';
import type { Repositories } from './repositories.ts';

export interface HandlerContext {
  db: Database;
  repos: Repositories;
  databasePath: string;
  transport: AppInfoTransport;
  appVersion: string;
  local: LocalSync;
  /** The message history the cache keeps (the `historyMonths` setting). */
  history: HistoryWindow;
  /** Null in local mode (tests, benchmarks, a console started with --local): no server to talk to. */
  client: SyncClient | null;
  presence: PresenceBook;
  /** Settles once the session kept from the last run is picked up. */
  started: Promise<void>;
  now: () => number;
  emit: Emit;
  /** Closes and deletes the database (and the session file), then opens an empty one. */
  wipe: () => Promise<WipedCore>;
}

/** The empty cache a wipe opened: its session, and calls to it (the old handlers' database is gone). */
export interface WipedCore {
  session: () => SessionState;
  dispatch: Dispatch;
}
