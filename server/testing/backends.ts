/**
 * The databases every server test runs on: PGlite in memory always, and the real PostgreSQL when
 * DATABASE_URL is set. Each test database is a random schema, dropped afterwards, so parallel runs
 * (and other engineers' runs) never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrations.ts';
import { dropPgSchema, openPgDb } from '../store/pg-db.ts';
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
  dispose(): Promise<void>;
}

const pglite: Backend = {
  name: 'pglite',
  async open(options = {}) {
    const { db, drop } = await openSchema();
    if (options.migrate !== false) await migrate(db);
    // PGlite is one in-process session: a "second instance" shares it, as two servers in one process would.
    return { db, openAnother: async () => db, dispose: drop };
  },
};

function postgres(url: string): Backend {
  return {
    name: 'postgres',
    async open(options = {}) {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const opened: Db[] = [];
      const connect = async () => {
        const db = await openPgDb({ connectionString: url, schema, max: 4 });
        opened.push(db);
        return db;
      };
      const db = await connect();
      if (options.migrate !== false) await migrate(db);
      return {
        db,
        openAnother: connect,
        async dispose() {
          for (const d of opened) await d.close().catch(() => {});
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
