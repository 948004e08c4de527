/**
 * Messages between Electron's main process and Core running in a utility process
 * (`process.parentPort` on Core's side, `UtilityProcess.postMessage` on main's). Core is started
 * with the database path as `--database=<path>`; it answers `ready` once the database is open and
 * migrated, or `fatal` (e.g. DB_NEWER_VERSION, DB_CORRUPT) and exits.
 *
 * Core keeps the session's refresh token sealed by Electron's safeStorage, which only main can
 * reach: Core sends `secret` (seal or open a value) and main answers `secret-result`, with null
 * when there is no keychain to seal with (the person then signs in again next start) or the
 * sealed value cannot be opened.
 */
import type { ErrorPayload, Result } from '../../shared/contract/errors.ts';
import type { AppInfoTransport } from './types.ts';

export type MainToCore =
  { kind: 'call'; id: number; channel: string; input: unknown } | { kind: 'secret-result'; id: number; value: string | null };

export type SecretOp = 'seal' | 'open';

export type CoreToMain =
  | { kind: 'ready'; schemaVersion: number }
  | { kind: 'fatal'; error: ErrorPayload }
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; name: string; payload: unknown }
  | { kind: 'secret'; id: number; op: SecretOp; value: string };

export const CORE_DATABASE_ARG = '--database=';
/** Optional: the app's version, reported by `app.info`. */
export const CORE_APP_VERSION_ARG = '--app-version=';
/** Optional: no server at all (local mode: the cache is all there is). */
export const CORE_LOCAL_ARG = '--local';
/** The server address to prefill on the sign-in screen (`--server-url=<url>`). */
export const CORE_SERVER_URL_ARG = '--server-url=';
export const CORE_TRANSPORT: AppInfoTransport = 'ipc';

/** The part of Electron's `process.parentPort` Core uses (typed here: Core never imports electron). */
export interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  postMessage(message: CoreToMain): void;
}
