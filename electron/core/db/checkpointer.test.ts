import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../testing/fixtures.ts';
import { BACKSTOP_AUTOCHECKPOINT_PAGES, startCheckpointer } from './checkpointer.ts';

const dir = tempDir();

function openWal(name: string) {
  const db = new Sqlite(join(dir, name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return db;
}

/** About 2,000 pages of rows in twenty commits: past SQLite's default threshold, below the backstop. */
function writeMany(db: Sqlite.Database) {
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  for (let commit = 0; commit < 20; commit++)
    db.transaction(() => {
      for (let i = 0; i < 100; i++) insert.run('x'.repeat(3000));
    })();
}

describe('the background checkpointer', () => {
  it('copies the log back into the file on its own thread while Core’s connection only writes', async () => {
    const db = openWal('grows.db');
    const checkpointer = startCheckpointer(db, { startDelayMs: 0 });
    try {
      await vi.waitFor(() => expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_AUTOCHECKPOINT_PAGES));
      const before = statSync(db.name).size;
      writeMany(db);
      // Core's connection never reaches the backstop here: only the worker can have grown the file.
      await vi.waitFor(() => expect(statSync(db.name).size).toBeGreaterThan(before + 4_000_000), { timeout: 10_000 });
      expect(db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(2000);
    } finally {
      checkpointer.stop();
      db.close();
    }
  });

  it('lets go of the file when stopped, so closing Core’s connection removes the log, and restores the default threshold', async () => {
    const db = openWal('stops.db');
    const checkpointer = startCheckpointer(db, { startDelayMs: 0 });
    await vi.waitFor(() => expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_AUTOCHECKPOINT_PAGES));
    writeMany(db);
    checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const path = db.name;
    db.close();
    // Only the last connection to close deletes the log: the worker's is gone already.
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = new Sqlite(path, { readonly: true });
    expect(reopened.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(2000);
    reopened.close();
  });

  it('never starts when stopped before its delay is over', () => {
    const db = openWal('early.db');
    const checkpointer = startCheckpointer(db, { startDelayMs: 60_000 });
    checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });
});
