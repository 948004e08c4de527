/**
 * Db over PGlite: the whole of Postgres in-process, persisted in a data folder (or in memory for
 * tests). It has a single session, so its transactions run one at a time, which is stronger than
 * any isolation level we ask for.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { assertChannel, type Db, type Queryable } from './db.ts';

/**
 * `dataDir` undefined: in memory. `from`: a data folder dumped by `dumpPglite` to start from
 * instead of an empty cluster (skips initdb, which is most of a fresh start's cost). pg_trgm is
 * the contrib module the server's message search index needs (server migration 8).
 *
 * The options go in one object: `new PGlite(dataDir, options)` with `dataDir` undefined reads the
 * first argument as the options and drops the second, which once silently lost both the dumped
 * folder and the extension.
 */
export async function openPgliteDb(dataDir?: string, from?: Blob): Promise<Db> {
  const pg = new PGlite({ dataDir, loadDataDir: from, extensions: { pg_trgm } });
  await pg.waitReady;
  return wrap(pg);
}

/** An in-memory database prepared by `prepare`, dumped as a data folder for `openPgliteDb(.., from)`. */
export async function dumpPglite(prepare: (db: Db) => Promise<void>): Promise<Blob> {
  const pg = new PGlite();
  await pg.waitReady;
  try {
    await prepare(wrap(pg));
    return await pg.dumpDataDir('none');
  } finally {
    await pg.close();
  }
}

/**
 * PGlite's one session runs one transaction at a time, so work inside a transaction that reaches
 * for the database itself instead of its `tx` would wait for that transaction to end: the server
 * would hang for good. It fails at once instead, loudly, with this error (the tests' shared PGlite,
 * server/testing/shared-pglite.ts, throws the same).
 */
export function usedPastTransaction(): Error {
  return new Error('the database was used outside the transaction in progress (it would wait for it forever)');
}

/** Refuses a call made from inside a transaction of this database (see usedPastTransaction). */
function outsideTransaction(inside: AsyncLocalStorage<true>): void {
  if (inside.getStore()) throw usedPastTransaction();
}

function wrap(pg: PGlite): Db {
  const inside = new AsyncLocalStorage<true>();
  return {
    kind: 'pglite',
    async query(sql, params) {
      outsideTransaction(inside);
      const r = await pg.query(sql, params as unknown[] | undefined);
      return { rows: r.rows as never[] };
    },
    async exec(sql) {
      outsideTransaction(inside);
      await pg.exec(sql);
    },
    transaction(fn) {
      outsideTransaction(inside);
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
        return inside.run(true, () => fn(tx));
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
