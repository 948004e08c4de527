/**
 * Messages between Electron's main process and Core running in a utility process
 * (`process.parentPort` on Core's side, `UtilityProcess.postMessage` on main's). Core is started
 * with the database path as `--database=<path>`; it answers `ready` once the database is open and
 * migrated, or `fatal` (e.g. DB_NEWER_VERSION, DB_CORRUPT) and exits.
 */
import type { ErrorPayload, Result } from '../../shared/contract/errors.ts';
import type { AppInfoTransport } from './types.ts';

export type MainToCore = { kind: 'call'; id: number; channel: string; input: unknown };

export type CoreToMain =
  | { kind: 'ready'; schemaVersion: number }
  | { kind: 'fatal'; error: ErrorPayload }
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; name: string; payload: unknown };

export const CORE_DATABASE_ARG = '--database=';
/** Optional: the app's version, reported by `app.info`. */
export const CORE_APP_VERSION_ARG = '--app-version=';
export const CORE_TRANSPORT: AppInfoTransport = 'ipc';
