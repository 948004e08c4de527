/**
 * Opens the local cache. An existing file is first inspected read-only: if it is not a SQLite
 * database, fails `quick_check`, or was written by a newer schema than this build knows, we throw
 * a typed AppError before anything could write to it, so the person's data stays byte-for-byte
 * as it was (a newer Switchboard can still read it; a damaged file can still be recovered).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Sqlite, { type Database } from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { Migration } from './migrations/types.ts';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenDatabaseOptions {
  /** Defaults to every migration this build has; tests pass their own list. */
  migrations?: readonly Migration[];
  now?: () => number;
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  const migrations = options.migrations ?? MIGRATIONS;
  if (fileHasContent(path)) inspectExisting(path, migrations.length);
  const db = new Sqlite(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -32000');
    migrate(db, migrations, options.now);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function fileHasContent(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}

function inspectExisting(path: string, knownVersion: number): void {
  if (!hasSqliteHeader(path)) throw corrupt(path, 'it is not a SQLite database');
  let version: number;
  let check: string;
  let db: Database | undefined;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true });
    check = String(db.pragma('quick_check', { simple: true }));
    version = db.pragma('user_version', { simple: true }) as number;
  } catch (err) {
    throw corrupt(path, err instanceof Error ? err.message : String(err));
  } finally {
    db?.close();
  }
  if (check !== 'ok') throw corrupt(path, `integrity check failed: ${check.slice(0, 200)}`);
  if (version > knownVersion) {
    throw new AppError(
      'DB_NEWER_VERSION',
      `The local database ${path} was written by a newer Switchboard (schema ${version}; this version knows up to ${knownVersion}). ` +
        'It was left untouched: update Switchboard to open it.',
    );
  }
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

function corrupt(path: string, reason: string): AppError {
  return new AppError(
    'DB_CORRUPT',
    `The local database ${path} cannot be read (${reason}). It was left untouched; move it aside to start afresh.`,
  );
}
