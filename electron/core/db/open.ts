/**
 * Opens the local cache. An existing file is first inspected read-only: if it is not a SQLite
 * database or was written by a newer schema than this build knows, we throw a typed AppError
 * before anything could write to it, so the person's data stays byte-for-byte as it was (a newer
 * Switchboard can still read it; a damaged file can still be recovered).
 *
 * The full `quick_check` reads every page, which on a 1M-ticket cache (13 GB) took ~44 s: run in
 * front of every start it kept the console from opening. It runs here only when a migration is
 * about to write to the file, or when the last session did not close cleanly (the open marker
 * below is still there: a crash or a kill may have left a torn page). Otherwise the check runs in
 * the background once the console is up (integrity.ts).
 */
import { closeSync, existsSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Why an open ran the full check in front of the first screen (null: it did not). */
export type ForegroundCheck = 'migration' | 'unclean_shutdown' | null;

/** Which opens ran the full check, for the tests and the benchmark; kept beside the handle. */
const foregroundChecks = new WeakMap<Database, ForegroundCheck>();

/**
 * Present from the open until a clean close (closeDatabase): found at an open, the process that
 * had the file last died with it open. Beside the file rather than in it, so writing it never
 * touches a database that may be refused.
 */
export const openMarkerPath = (path: string) => `${path}.open`;

const isFile = (path: string) => path !== '' && path !== ':memory:' && !path.startsWith('file:');

/**
 * Pages of the file's first 2 GB are read through a memory map instead of a read into SQLite's
 * page cache: the reads that walk many rows at random (every open ticket's timers after a calendar
 * edit, a month's metrics) spent a third of their time in those copies and system calls at 1M
 * tickets. 2 GB is the most this build of SQLite maps (SQLITE_MAX_MMAP_SIZE); the rest of a larger
 * file is read as before. Writes still go through the write-ahead log. The map's pages are the
 * operating system's file cache, not the process's memory.
 */
export const MMAP_BYTES = 0x7fff0000;
/** SQLite's page cache of each connection to the cache, in KiB (a negative `cache_size`). */
export const CACHE_KIB = 32_000;

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  const migrations = options.migrations ?? MIGRATIONS;
  const existing = fileHasContent(path);
  const check = existing ? inspectExisting(path, migrations.length) : null;
  const db = new Sqlite(path);
  try {
    // Only before the first table: a new cache gives freed pages back to the file system with an
    // incremental vacuum (a shrunk history window, sync/history-window.ts) instead of needing a
    // full VACUUM, which rewrites the whole file (tens of minutes on a 1M-ticket cache).
    if (!existing) db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    migrate(db, migrations, options.now);
    if (isFile(path)) writeFileSync(openMarkerPath(path), `${JSON.stringify({ pid: process.pid, openedAt: Date.now() })}\n`);
    foregroundChecks.set(db, check);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Closes the database, then clears the open marker: the next open needs no check in front. */
export function closeDatabase(db: Database): void {
  const path = db.name;
  db.close();
  if (isFile(path)) rmSync(openMarkerPath(path), { force: true });
}

export const foregroundCheckOf = (db: Database): ForegroundCheck => foregroundChecks.get(db) ?? null;

function fileHasContent(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}

function inspectExisting(path: string, knownVersion: number): ForegroundCheck {
  if (!hasSqliteHeader(path)) throw corrupt(path, 'it is not a SQLite database');
  let db: Database | undefined;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > knownVersion) {
      throw new AppError(
        'DB_NEWER_VERSION',
        `The local database ${path} was written by a newer Switchboard (schema ${version}; this version knows up to ${knownVersion}). ` +
          'It was left untouched: update Switchboard to open it.',
      );
    }
    const reason: ForegroundCheck = version < knownVersion ? 'migration' : existsSync(openMarkerPath(path)) ? 'unclean_shutdown' : null;
    if (reason) {
      const check = String(db.pragma('quick_check', { simple: true }));
      if (check !== 'ok') throw corrupt(path, `integrity check failed: ${check.slice(0, 200)}`);
    }
    return reason;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw corrupt(path, err instanceof Error ? err.message : String(err));
  } finally {
    db?.close();
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

export function corrupt(path: string, reason: string): AppError {
  return new AppError(
    'DB_CORRUPT',
    `The local database ${path} cannot be read (${reason}). It was left untouched; move it aside to start afresh.`,
  );
}
