/**
 * The databases every server test runs on: PGlite in memory always, and the real PostgreSQL when
 * DATABASE_URL is set. Each PostgreSQL database gets a random schema that is dropped afterwards,
 * so parallel runs (and other engineers' runs) never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { migrate } from '../store/migrations.ts';
import { dropPgSchema, openPgDb } from '../store/pg-db.ts';
import { openPgliteDb } from '../store/pglite-db.ts';

export interface Backend {
  name: string;
  /** A fresh, migrated, empty database; `dispose` drops it. */
  open(): Promise<TestDb>;
}

export interface TestDb {
  db: Db;
  /** Another connection to the same database (a second server instance). */
  openAnother(): Promise<Db>;
  dispose(): Promise<void>;
}

const pglite: Backend = {
  name: 'pglite',
  async open() {
    const db = await openPgliteDb();
    await migrate(db);
    // PGlite is one in-process session: a "second instance" shares it, as two servers in one process would.
    return { db, openAnother: async () => ({ ...db, close: async () => {} }), dispose: () => db.close() };
  },
};

function postgres(url: string): Backend {
  return {
    name: 'postgres',
    async open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const opened: Db[] = [];
      const connect = async () => {
        const db = await openPgDb({ connectionString: url, schema, max: 4 });
        opened.push(db);
        return db;
      };
      const db = await connect();
      await migrate(db);
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
