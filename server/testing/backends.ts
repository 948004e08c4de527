/**
 * The databases every server test runs on: PGlite in memory always, and the real PostgreSQL when
 * DATABASE_URL is set. Each PostgreSQL database gets a random schema that is dropped afterwards,
 * so parallel runs (and other engineers' runs) never see each other's rows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../store/db.ts';
import { migrate, MIGRATIONS } from '../store/migrations.ts';
import pg from 'pg';
import { dropPgSchema, listenerName, openPgDb } from '../store/pg-db.ts';
import { dumpPglite, openPgliteDb } from '../store/pglite-db.ts';

export interface Backend {
  name: string;
  /** A fresh, migrated, empty database; `dispose` drops it. */
  open(): Promise<TestDb>;
}

export interface TestDb {
  db: Db;
  /** Another connection to the same database (a second server instance). */
  openAnother(): Promise<Db>;
  /** Faults only a database server can have (PostgreSQL); null on PGlite, which has no connections to lose. */
  faults: PgFaults | null;
  dispose(): Promise<void>;
}

export interface PgFaults {
  /** Where PostgreSQL listens (a test may put a proxy in between and pass its address to `openAt`). */
  url: string;
  /** Another handle on this database whose connections go to `url` instead. */
  openAt(url: string): Promise<Db>;
  /** The backends in use by `db` (one opened here): its pooled connections and its LISTEN connection. */
  backends(db: Db, which: 'pool' | 'listen'): Promise<number[]>;
  /** Ends backends with pg_terminate_backend from a separate connection, as a failover or a restart would. */
  terminate(pids: number[]): Promise<void>;
}

/**
 * A migrated, empty PGlite data folder, made once per set of migrations and kept in the temp
 * folder. A fresh PGlite runs initdb and then every migration: seconds on an idle machine, tens
 * of seconds on a loaded one, once per test file. Starting from this dump skips both.
 */
let template: Promise<Blob> | null = null;

function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const key = createHash('sha256').update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 16);
    const file = join(tmpdir(), `switchboard-pglite-${key}.tar`);
    try {
      return new Blob([await readFile(file)]);
    } catch {
      const dump = await dumpPglite(async (db) => void (await migrate(db)));
      // Written aside and renamed: parallel test workers never read half a file.
      const partial = `${file}.${randomBytes(4).toString('hex')}`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, file);
      return dump;
    }
  })();
  return template;
}

const pglite: Backend = {
  name: 'pglite',
  async open() {
    const db = await openPgliteDb(undefined, await migratedTemplate());
    await migrate(db);
    // PGlite is one in-process session: a "second instance" shares it, as two servers in one process would.
    return { db, openAnother: async () => ({ ...db, close: async () => {} }), faults: null, dispose: () => db.close() };
  },
};

function postgres(url: string): Backend {
  return {
    name: 'postgres',
    async open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      // Each handle's connections carry a name of their own, so a test can find and end them.
      const names = new Map<Db, string>();
      const connect = async (at = url) => {
        const name = `${schema}_${names.size}`;
        const db = await openPgDb({ connectionString: at, schema, max: 4, name });
        names.set(db, name);
        return db;
      };
      const db = await connect();
      await migrate(db);
      const admin = new pg.Client({ connectionString: url });
      admin.on('error', () => {});
      await admin.connect();
      const faults: PgFaults = {
        url,
        openAt: (at) => connect(at),
        async backends(of, which) {
          const name = names.get(of);
          if (!name) throw new Error('not a handle of this test database');
          const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
            which === 'listen' ? listenerName(name) : name,
          ]);
          return rows.map((r) => r.pid);
        },
        async terminate(pids) {
          await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
        },
      };
      return {
        db,
        openAnother: () => connect(),
        faults,
        async dispose() {
          for (const d of names.keys()) await d.close().catch(() => {});
          await admin.end().catch(() => {});
          await dropPgSchema(url, schema);
        },
      };
    },
  };
}

export const backends: Backend[] = process.env.DATABASE_URL ? [pglite, postgres(process.env.DATABASE_URL)] : [pglite];
