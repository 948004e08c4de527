/**
 * One PGlite per test process, shared by every test database in it: each `TestDb` is a schema of
 * its own, as on PostgreSQL. Starting PGlite is the costly part of a server test's set-up (WebAssembly
 * start and unpacking a data folder: about a second on an idle machine, over twenty on a loaded one),
 * so it happens once per process, while the test file is being loaded, and never inside a set-up
 * hook's timeout. A new database is then a CREATE SCHEMA and the migrations: a fraction of a second.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Db } from '../store/db.ts';
import { quoteIdent } from '../store/pg-db.ts';
import { dumpPglite, openPgliteDb, usedPastTransaction } from '../store/pglite-db.ts';

/**
 * An initialized, empty PGlite data folder kept in the temp folder, one per PGlite version: a
 * fresh PGlite runs initdb first, which starting from this dump skips.
 */
async function initializedCluster(): Promise<Blob> {
  const pkg = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json');
  const version = (JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update(version).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `switchboard-pglite-cluster-${key}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const dump = await dumpPglite(async () => {});
    // Written aside and renamed: parallel test processes never read half a file.
    const partial = `${file}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}

/**
 * Runs the operations of every schema one at a time, each after pointing the session's
 * search_path at its schema. PGlite has one session and runs one statement or transaction at a
 * time anyway, so this serializes nothing that was parallel before.
 */
class Session {
  private current: string | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  /** Set inside a turn: a turn that asks for another would wait for itself (pglite-db.ts says why). */
  private readonly inside = new AsyncLocalStorage<true>();

  readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** A notification's handler is not part of the turn whose statement delivered it. */
  outsideTurns(handler: (payload: string) => void): (payload: string) => void {
    return (payload) => this.inside.exit(() => handler(payload));
  }

  run<T>(schema: string | null, fn: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()) return Promise.reject(usedPastTransaction());
    const turn = this.tail.then(() =>
      this.inside.run(true, async () => {
        if (schema !== null && schema !== this.current) {
          await this.db.exec(`SET search_path TO ${quoteIdent(schema)}`);
          this.current = schema;
        }
        return fn();
      }),
    );
    this.tail = turn.catch(() => {});
    return turn;
  }
}

let session: Promise<Session> | null = null;

/** Starts the process's PGlite (once); awaiting it early keeps the start out of set-up hooks. */
export function startSharedPglite(): Promise<void> {
  session ??= initializedCluster().then(async (cluster) => new Session(await openPgliteDb(undefined, cluster)));
  return session.then(() => {});
}

/** A new, empty schema on the shared PGlite, and a `Db` that works in it; `drop` removes it. */
export async function openSchema(): Promise<{ db: Db; drop(): Promise<void> }> {
  await startSharedPglite();
  const s = await session!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await s.run(null, () => s.db.exec(`CREATE SCHEMA ${quoteIdent(schema)}`));
  let open = true;
  const use = <T>(fn: () => Promise<T>): Promise<T> => {
    // A real PGlite refuses work once closed; so does a dropped schema's handle.
    if (!open) return Promise.reject(new Error(`test database ${schema} is closed`));
    return s.run(schema, fn);
  };
  const db: Db = {
    kind: 'pglite',
    query: (sql, params) => use(() => s.db.query(sql, params)),
    exec: (sql) => use(() => s.db.exec(sql)),
    transaction: (fn, isolation) => use(() => s.db.transaction(fn, isolation)),
    async listen(channel, onNotify) {
      const unlisten = await use(() => s.db.listen(channel, s.outsideTurns(onNotify)));
      return () => s.run(null, unlisten);
    },
    // Closing one server's handle leaves the shared PGlite (and the other handles) running.
    close: async () => {},
  };
  return {
    db,
    async drop() {
      if (!open) return;
      open = false;
      await s.run(null, () => s.db.exec(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`));
    },
  };
}
