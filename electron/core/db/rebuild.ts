/**
 * Replaces a damaged cache by a fresh one that keeps what exists only on this device: the outbox
 * (with its id sequence: mutation ids are never reused), this console's sync identity and session
 * facts, its settings, drafts and sync issues. Everything else came from the server and comes back
 * by a bootstrap: the sync state is carried without its cursor, so the next pull starts afresh and
 * replays the kept outbox over the server's rows, as after a `reset` page.
 *
 * The fresh file is written beside the old one and renamed over it, so a crash at any point leaves
 * either the damaged file (the next check finds it again) or the complete new one.
 */
import { renameSync, rmSync } from 'node:fs';
import Sqlite, { type Database } from 'better-sqlite3';
import { closeDatabase, openDatabase } from './open.ts';

/** The tables written on this device and nowhere else, in the order they are carried. */
export const LOCAL_TABLES = ['sync_state', 'settings', 'outbox', 'drafts', 'sync_issues'] as const;
/** Sync progress that belongs to the data being dropped. */
const FORGOTTEN_SYNC_STATE = { cursor: null, last_pulled_at: null };

export interface RebuildReport {
  /** Outbox entries carried into the new file: the person's changes not yet acknowledged. */
  keptChanges: number;
  /** Local tables whose rows could not be read from the damaged file (their rows are lost). */
  unreadable: string[];
}

type Row = Record<string, unknown>;

/** Rebuilds the closed cache at `path`; nothing may have it open. */
export function rebuildCache(path: string, now: () => number = Date.now): RebuildReport {
  const carried = new Map<string, Row[]>();
  let outboxSequence = 0;
  const read = <T>(fn: () => T): T | null => {
    try {
      return fn();
    } catch {
      return null;
    }
  };
  const old = read(() => new Sqlite(path, { readonly: true, fileMustExist: true }));
  try {
    for (const table of LOCAL_TABLES) {
      const rows = old && read(() => old.prepare(`SELECT * FROM ${table}`).all() as Row[]);
      if (rows) carried.set(table, rows);
    }
    // Unreadable, the outbox's own rows still bound the next id.
    outboxSequence = (old && read(() => old.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get() as number)) ?? 0;
  } finally {
    old?.close();
  }

  const fresh = `${path}.rebuild`;
  for (const suffix of ['', '-wal', '-shm', '.open']) rmSync(fresh + suffix, { force: true });
  const db = openDatabase(fresh, { now });
  try {
    db.transaction(() => {
      for (const [table, rows] of carried)
        insertRows(db, table, table === 'sync_state' ? rows.map((r) => ({ ...r, ...FORGOTTEN_SYNC_STATE })) : rows);
      // Inserting the rows moved the sequence to their highest id; an emptied outbox had gone further.
      if (
        outboxSequence > 0 &&
        db.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'outbox'").run(outboxSequence).changes === 0
      )
        db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)").run(outboxSequence);
    })();
  } finally {
    closeDatabase(db);
  }
  // The old file's journal belongs to it alone: left beside the new file, SQLite would apply it.
  for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
  renameSync(fresh, path);
  return { keptChanges: carried.get('outbox')?.length ?? 0, unreadable: LOCAL_TABLES.filter((t) => !carried.has(t)) };
}

function insertRows(db: Database, table: string, rows: Row[]): void {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  for (const row of rows) insert.run(row);
}
