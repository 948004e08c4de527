import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/contract/errors.ts';
import { tempDir } from '../testing/fixtures.ts';
import { schemaVersion } from './migrate.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.ts';
import { closeDatabase, foregroundCheckOf, openDatabase, openMarkerPath } from './open.ts';

const dir = tempDir();
const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the database to be refused');
}

describe('openDatabase', () => {
  it('creates a fresh database at the latest schema with WAL and foreign keys on', () => {
    const db = openDatabase(join(dir, 'fresh.db'));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // Incremental from its first page: a shrunk history window frees space without a full VACUUM.
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it('reopens an up-to-date database without applying anything again', () => {
    const path = join(dir, 'reopen.db');
    const first = openDatabase(path);
    first.prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')").run();
    first.close();
    const again = openDatabase(path);
    expect(schemaVersion(again)).toBe(LATEST_SCHEMA_VERSION);
    expect(again.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    expect(again.prepare("SELECT value FROM settings WHERE key = 'theme'").get()).toEqual({ value: '"dark"' });
    again.close();
  });

  it('refuses a database from a newer version and leaves it byte-for-byte untouched', () => {
    const path = join(dir, 'newer.db');
    const db = openDatabase(path);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = hash(path);
    const error = refusal(() => openDatabase(path));
    expect(error.code).toBe('DB_NEWER_VERSION');
    expect(error.message).toContain('newer Switchboard');
    expect(hash(path)).toBe(before);
  });

  it('refuses a file that is not a SQLite database and leaves it untouched', () => {
    const path = join(dir, 'not-sqlite.db');
    writeFileSync(path, 'these are the notes of someone who picked the wrong file\n'.repeat(100));
    const before = hash(path);
    expect(refusal(() => openDatabase(path)).code).toBe('DB_CORRUPT');
    expect(hash(path)).toBe(before);
  });

  it('refuses a damaged SQLite database and leaves it untouched', () => {
    const path = join(dir, 'damaged.db');
    const db = new Sqlite(path);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t(x);');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`row ${i} `.repeat(20));
    })();
    db.close();
    const bytes = readFileSync(path);
    // Overwrite the middle pages (table and index b-tree pages) with garbage, keeping the header.
    bytes.fill(0x5a, 4096 * 3, bytes.length - 4096 * 3);
    writeFileSync(path, bytes);
    const before = hash(path);
    expect(refusal(() => openDatabase(path)).code).toBe('DB_CORRUPT');
    expect(hash(path)).toBe(before);
  });

  it('rolls a failing migration back completely, keeping the previous version', () => {
    const path = join(dir, 'failing.db');
    const failing = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'half done',
      up: (db: Sqlite.Database) => {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('step failed');
      },
    };
    expect(() => openDatabase(path, { migrations: [...MIGRATIONS, failing] })).toThrow('step failed');
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses inserts that break the enum CHECK constraints', () => {
    const db = openDatabase(join(dir, 'checks.db'));
    db.prepare("INSERT INTO tenants (id, tenant_id, name, time_zone, created_at, updated_at) VALUES ('t', 't', 'T', 'UTC', 0, 0)").run();
    const feedback = db.prepare("INSERT INTO feedback (id, tenant_id, kind, score, created_at, updated_at) VALUES (?, 't', ?, ?, 0, 0)");
    expect(() => feedback.run('a', 'csat', 9)).toThrow(/CHECK/);
    expect(() => feedback.run('b', 'stars', 3)).toThrow(/CHECK/);
    expect(() => feedback.run('c', 'nps', 9)).not.toThrow();
    db.close();
  });
});

/** Overwrites every page of `table` but its root with garbage: the open reads none of them. */
function damageTable(path: string, table: string): void {
  const db = new Sqlite(path, { readonly: true });
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype != 'internal' ORDER BY pageno")
    .pluck()
    .all(table) as number[];
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  expect(pages.length).toBeGreaterThan(2);
  const bytes = readFileSync(path);
  for (const page of pages.slice(1)) bytes.fill(0x5a, (page - 1) * pageSize, page * pageSize);
  writeFileSync(path, bytes);
}

function withRows(path: string): void {
  const db = openDatabase(path);
  const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`key ${i}`, JSON.stringify(`value ${i} `.repeat(10)));
  })();
  closeDatabase(db);
}

describe('the full check in front of the first screen', () => {
  it('does not run after a clean close: a damaged table is not read at open', () => {
    const path = join(dir, 'clean-restart.db');
    withRows(path);
    expect(existsSync(openMarkerPath(path))).toBe(false);
    damageTable(path, 'settings');
    const db = openDatabase(path);
    expect(foregroundCheckOf(db)).toBeNull();
    closeDatabase(db);
  });

  it('runs after the process was killed with the database open, and refuses the damage it finds', () => {
    const path = join(dir, 'killed.db');
    withRows(path);
    const opener = `import { openDatabase } from ${JSON.stringify(new URL('./open.ts', import.meta.url).pathname)};
      openDatabase(${JSON.stringify(path)}); process.kill(process.pid, 'SIGKILL');`;
    const killed = spawnSync(process.execPath, ['--input-type=module', '-e', opener]);
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(openMarkerPath(path))).toBe(true);
    const db = openDatabase(path);
    expect(foregroundCheckOf(db)).toBe('unclean_shutdown');
    db.close(); // not a clean close either: the marker stays

    damageTable(path, 'settings');
    const before = hash(path);
    expect(refusal(() => openDatabase(path)).code).toBe('DB_CORRUPT');
    expect(hash(path)).toBe(before);
  });

  it('runs before a migration', () => {
    const path = join(dir, 'older.db');
    closeDatabase(openDatabase(path, { migrations: MIGRATIONS.slice(0, 5) }));
    const db = openDatabase(path);
    expect(foregroundCheckOf(db)).toBe('migration');
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    closeDatabase(db);
  });
});
