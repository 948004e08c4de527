/**
 * Db over PGlite: the whole of Postgres in-process, persisted in a data folder (or in memory for
 * tests). It has a single session, so its transactions run one at a time, which is stronger than
 * any isolation level we ask for.
 */
import { PGlite } from '@electric-sql/pglite';
import { assertChannel, type Db, type Queryable } from './db.ts';

/** `dataDir` undefined: in memory. */
export async function openPgliteDb(dataDir?: string): Promise<Db> {
  const pg = dataDir ? new PGlite(dataDir) : new PGlite();
  await pg.waitReady;
  return {
    kind: 'pglite',
    async query(sql, params) {
      const r = await pg.query(sql, params as unknown[] | undefined);
      return { rows: r.rows as never[] };
    },
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction(fn) {
      return pg.transaction(async (t) => {
        const tx: Queryable = {
          async query(sql, params) {
            const r = await t.query(sql, params as unknown[] | undefined);
            return { rows: r.rows as never[] };
          },
          async exec(sql) {
            await t.exec(sql);
          },
        };
        return fn(tx);
      });
    },
    async listen(channel, onNotify) {
      const unsubscribe = await pg.listen(assertChannel(channel), (payload) => onNotify(payload));
      return unsubscribe;
    },
    async close() {
      await pg.close();
    },
  };
}
