import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/fixtures.ts';
import { createReadWorker } from './read-worker.ts';

const dir = tempDir();

function openWal(name: string) {
  const db = new Sqlite(join(dir, name));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return db;
}

describe('the read worker', () => {
  it('reads on its own connection what Core committed before the call, with named parameters', async () => {
    const db = openWal('reads.db');
    const worker = createReadWorker(db.name);
    const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
    insert.run('first');
    const sql = 'SELECT id, body FROM notes WHERE id > @after ORDER BY id';
    expect(await worker.all(sql, { after: 0 })).toEqual([{ id: 1, body: 'first' }]);
    insert.run('second');
    // The same statement again (kept prepared) sees the newer commit.
    expect(await worker.all(sql, { after: 0 })).toEqual([
      { id: 1, body: 'first' },
      { id: 2, body: 'second' },
    ]);
    worker.close();
    db.close();
  });

  it('rejects a statement that fails with SQLite’s message, and answers the next one', async () => {
    const db = openWal('fails.db');
    const worker = createReadWorker(db.name);
    await expect(worker.all('SELECT body FROM nowhere', {})).rejects.toThrow(/no such table: nowhere/);
    // Read-only: a write on its connection is refused, and the file keeps its rows.
    db.prepare("INSERT INTO notes (body) VALUES ('kept')").run();
    await expect(worker.all('DELETE FROM notes RETURNING id', {})).rejects.toThrow(/readonly/);
    expect(await worker.all('SELECT count(*) AS n FROM notes', {})).toEqual([{ n: 1 }]);
    worker.close();
    db.close();
  });

  it('rejects the calls still waiting and every later one once closed', async () => {
    const db = openWal('closed.db');
    const worker = createReadWorker(db.name);
    const waiting = worker.all(
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000000) SELECT count(*) FROM n',
      {},
    );
    worker.close();
    await expect(waiting).rejects.toThrow('closed');
    await expect(worker.all('SELECT 1', {})).rejects.toThrow('closed');
    db.close();
  });

  it('keeps a worker that is still reading past its idle time, and starts a new one once it stopped', async () => {
    const db = openWal('idle.db');
    db.prepare("INSERT INTO notes (body) VALUES ('kept')").run();
    const worker = createReadWorker(db.name, { idleMs: 5 });
    // A statement far longer than the idle time: answered, not cut off.
    const slow = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT count(*) AS n FROM n';
    expect(await worker.all(slow, {})).toEqual([{ n: 3_000_000 }]);
    // Idle: stopped; the next calls start another, before and after the stopped one has exited.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await worker.all('SELECT body FROM notes', {})).toEqual([{ body: 'kept' }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await worker.all('SELECT count(*) AS n FROM notes', {})).toEqual([{ n: 1 }]);
    worker.close();
    db.close();
  });
});
