/**
 * The databases every server test runs on: PGlite in memory always, and the real PostgreSQL when
 * DATABASE_URL is set. Each test database is a random schema, dropped afterwards, so parallel runs
 * (and other engineers' runs) never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrations.ts';
import pg from 'pg';
import { dropPgSchema, listenerName, openPgDb } from '../store/pg-db.ts';
import { openSchema, startSharedPglite } from './shared-pglite.ts';

export interface Backend {
  name: string;
  /** A fresh, empty database, migrated unless `migrate: false`; `dispose` drops it. */
  open(options?: { migrate?: boolean }): Promise<TestDb>;
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

const pglite: Backend = {
  name: 'pglite',
  async open(options = {}) {
    const { db, drop } = await openSchema();
    if (options.migrate !== false) await migrate(db);
    // PGlite is one in-process session: a "second instance" shares it, as two servers in one process would.
    return { db, openAnother: async () => db, faults: null, dispose: drop };
  },
};

function postgres(url: string): Backend {
  return {
    name: 'postgres',
    async open(options = {}) {
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
      if (options.migrate !== false) await migrate(db);
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

// Top-level await: the shared PGlite starts while a test file is loaded, before any set-up hook
// and its timeout (see shared-pglite.ts).
await startSharedPglite();
