/**
 * Db over a `pg` connection pool (DATABASE_URL). LISTEN needs a connection of its own that stays
 * open: one per server instance, shared by every channel it listens on.
 */
import pg from 'pg';
import { assertChannel, type Db, type Isolation, type Queryable } from './db.ts';

export interface PgDbOptions {
  connectionString: string;
  /** Puts every connection in this schema (tests: a random schema per run so runs never collide). */
  schema?: string;
  max?: number;
}

export async function openPgDb(options: PgDbOptions): Promise<Db> {
  const searchPath = options.schema ? { options: `-c search_path=${quoteIdent(options.schema)}` } : {};
  const config = { connectionString: options.connectionString, max: options.max ?? 10, ...searchPath };
  if (options.schema) {
    const admin = new pg.Client({ connectionString: options.connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(options.schema)}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool(config);
  // An idle client that loses its connection emits 'error' on the pool; without a listener that
  // would crash the process. The next query gets a fresh connection.
  pool.on('error', () => {});

  let listener: pg.Client | null = null;
  const handlers = new Map<string, Set<(payload: string) => void>>();

  async function listenerClient(): Promise<pg.Client> {
    if (listener) return listener;
    const client = new pg.Client(config);
    client.on('notification', (msg) => {
      for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
    });
    client.on('error', () => {});
    await client.connect();
    listener = client;
    return client;
  }

  return {
    kind: 'postgres',
    async query(sql, params) {
      const r = await pool.query(sql, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, isolation: Isolation = 'read committed'): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}`);
        const tx: Queryable = {
          async query(sql, params) {
            const r = await client.query(sql, params as unknown[] | undefined);
            return { rows: r.rows };
          },
          async exec(sql) {
            await client.query(sql);
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async listen(channel, onNotify) {
      const name = assertChannel(channel);
      const client = await listenerClient();
      let set = handlers.get(name);
      if (!set) {
        handlers.set(name, (set = new Set()));
        await client.query(`LISTEN ${name}`);
      }
      set.add(onNotify);
      return async () => {
        set.delete(onNotify);
        if (set.size === 0 && handlers.get(name) === set) {
          handlers.delete(name);
          await client.query(`UNLISTEN ${name}`);
        }
      };
    },
    async close() {
      await listener?.end();
      listener = null;
      await pool.end();
    },
  };
}

/** Drops a schema made by `openPgDb({ schema })` (tests clean up after themselves). */
export async function dropPgSchema(connectionString: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await admin.end();
  }
}

/** A schema or other name as a quoted SQL identifier; only lowercase letters, digits and underscores get through. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name ${name}`);
  return `"${name}"`;
}
