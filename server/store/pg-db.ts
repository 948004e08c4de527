/**
 * Db over a `pg` connection pool (DATABASE_URL). LISTEN needs a connection of its own that stays
 * open: one per server instance, shared by every channel it listens on (pg-listener.ts). Every
 * connection's failures are handled, and those that mean "not now" leave as UNAVAILABLE
 * (pg-errors.ts): losing PostgreSQL costs requests a 503, never the process.
 */
import pg from 'pg';
import type { Db, Isolation, Queryable } from './db.ts';
import { asUnavailable } from './pg-errors.ts';
import { createPgListener } from './pg-listener.ts';

/** How long opening a connection may take before the request that needs it is answered 503. */
export const CONNECT_TIMEOUT_MS = 5000;

export interface PgDbOptions {
  connectionString: string;
  /** Puts every connection in this schema (tests: a random schema per run so runs never collide). */
  schema?: string;
  max?: number;
  /** The connections' application_name (pg_stat_activity shows it); the LISTEN connection's is `listenerName` of it. */
  name?: string;
}

export function listenerName(name: string): string {
  return `${name}/listen`;
}

export async function openPgDb(options: PgDbOptions): Promise<Db> {
  const searchPath = options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {};
  // A database that does not answer at all (a dropped network) fails a request after this long
  // instead of holding it; keep-alive finds a connection whose peer vanished without a word.
  const config = {
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    application_name: options.name ?? 'switchboard',
    ...searchPath,
  };
  if (options.schema) {
    const schema = quoteIdent(options.schema);
    await withAdminClient(options.connectionString, (admin) => admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`));
  }
  const pool = new pg.Pool(config);
  // An idle client that loses its connection emits 'error' on the pool; without a listener that
  // would crash the process. The next query gets a fresh connection.
  pool.on('error', () => {});
  const listener = createPgListener({ ...config, application_name: listenerName(config.application_name) });

  async function driver<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw asUnavailable(err);
    }
  }

  return {
    kind: 'postgres',
    async query(sql, params) {
      const r = await driver(() => pool.query(sql, params as unknown[] | undefined));
      return { rows: r.rows };
    },
    async exec(sql) {
      await driver(() => pool.query(sql));
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, isolation: Isolation = 'read committed'): Promise<T> {
      const client = await driver(() => pool.connect());
      // A checked-out client has no listener of the pool's: the connection dropping while this
      // transaction holds it (between two statements too) would otherwise end the process.
      let broken = false;
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      const tx: Queryable = {
        async query(sql, params) {
          const r = await driver(() => client.query(sql, params as unknown[] | undefined));
          return { rows: r.rows };
        },
        async exec(sql) {
          await driver(() => client.query(sql));
        },
      };
      try {
        await tx.query(`BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}`);
        const result = await fn(tx);
        await tx.query('COMMIT');
        return result;
      } catch (err) {
        if (!broken) await client.query('ROLLBACK').catch(onError);
        throw err;
      } finally {
        client.removeListener('error', onError);
        client.release(broken);
      }
    },
    listen(channel, onNotify, onGap) {
      return listener.listen(channel, { onNotify, onGap });
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}

/** A short-lived connection for schema administration, its errors handled like every other's. */
async function withAdminClient(connectionString: string, fn: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString });
  admin.on('error', () => {});
  await admin.connect();
  try {
    await fn(admin);
  } finally {
    await admin.end();
  }
}

/** Drops a schema made by `openPgDb({ schema })` (tests clean up after themselves). */
export async function dropPgSchema(connectionString: string, schema: string): Promise<void> {
  const name = quoteIdent(schema);
  await withAdminClient(connectionString, (admin) => admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`));
}

/** A schema or other name as a quoted SQL identifier; only lowercase letters, digits and underscores get through. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name ${name}`);
  return `"${name}"`;
}
