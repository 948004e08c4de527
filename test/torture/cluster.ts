/**
 * Two server instances on one database (the real PostgreSQL when DATABASE_URL is set, otherwise
 * PGlite shared in-process), each killable in the middle of a push: just before its transaction
 * commits (nothing of it survives) or just after (it committed, but its answer never leaves).
 * A killed instance is down until restarted, on a new port. On PostgreSQL the instances reach the
 * database through a proxy that can cut them off, and their connections can be ended
 * (`DatabaseFaults`).
 */
import { startServer, type RunningServer } from '../../server/app.ts';
import type { Db, Queryable } from '../../server/store/db.ts';
import { backends, type TestDb } from '../../server/testing/backends.ts';
import { terminatingDb, type TerminatingDb } from '../../server/testing/pg-faults.ts';
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy.ts';
import type { Upstream } from './faulty-proxy.ts';

export type KillPoint = 'beforeCommit' | 'afterCommit';

export interface Instance extends Upstream {
  readonly index: number;
  /** The next push that consumes mutation ids on this instance kills it at this point. */
  arm(point: KillPoint): void;
}

/**
 * What PostgreSQL can do to an instance (null on PGlite, which has no connections to lose): end
 * the connection of its next push or pull transaction, end its LISTEN connection, or become
 * unreachable for every instance for a while.
 */
export interface DatabaseFaults {
  terminateIn(index: number, what: 'push' | 'pull'): void;
  terminateListener(index: number): Promise<void>;
  /** Every instance loses the database (its connections reset, new ones refused) until `restore` or heal. */
  cut(): void;
  restore(): void;
  /** How many times each fault fired. */
  readonly fired: Map<string, number>;
}

export interface Cluster {
  kind: 'postgres' | 'pglite';
  database: DatabaseFaults | null;
  /** For administration and the checks (not through any instance). */
  db: Db;
  instances: Instance[];
  /** How many times an instance was killed, by point. */
  kills: Record<KillPoint, number>;
  restart(index: number): Promise<void>;
  /** Every instance up (a restart for those that are down). */
  healAll(): Promise<void>;
  close(): Promise<void>;
}

interface State {
  index: number;
  name: string;
  url: string | null;
  epoch: number;
  armed: KillPoint | null;
  running: RunningServer | null;
  db: Db;
  terminating: TerminatingDb | null;
}

/** Sign-ins come fast and from one address here: the per-address limit is not under test. */
const AUTH = { perAddress: { maxFailures: 1_000_000, windowMs: 60_000 }, perAccount: { maxFailures: 1_000_000, windowMs: 60_000 } };

export async function startCluster(): Promise<Cluster> {
  const backend = process.env.DATABASE_URL ? backends.at(-1) : backends[0];
  if (!backend) throw new Error('no database backend');
  const test: TestDb = await backend.open();
  const kills: Record<KillPoint, number> = { beforeCommit: 0, afterCommit: 0 };
  const states: State[] = [];
  const closing: Promise<void>[] = [];

  function kill(s: State, point: KillPoint): void {
    kills[point]++;
    s.epoch++;
    s.url = null;
    const running = s.running;
    s.running = null;
    if (running) closing.push(running.close().catch(() => {}));
  }

  /** The instance's view of the database: a push transaction that consumed ids can be killed. */
  function killable(s: State, db: Db): Db {
    return {
      ...db,
      async transaction<T>(fn: (tx: Queryable) => Promise<T>, isolation?: Parameters<Db['transaction']>[1]): Promise<T> {
        let consumed = false;
        const result = await db.transaction(async (q) => {
          const spy: Queryable = {
            query: (sql, params) => {
              if (sql.startsWith('UPDATE clients SET last_mutation_id')) consumed = true;
              return q.query(sql, params);
            },
            exec: (sql) => q.exec(sql),
          };
          const value = await fn(spy);
          if (consumed && s.armed === 'beforeCommit') {
            s.armed = null;
            kill(s, 'beforeCommit');
            throw new Error('the instance died before its commit');
          }
          return value;
        }, isolation);
        if (consumed && s.armed === 'afterCommit') {
          s.armed = null;
          kill(s, 'afterCommit');
        }
        return result;
      },
    };
  }

  async function up(s: State): Promise<void> {
    const running = await startServer({ db: killable(s, s.terminating?.db ?? s.db), logger: false, auth: AUTH });
    s.running = running;
    s.url = running.url;
  }

  // On PostgreSQL the instances reach the database through a proxy that can cut them off.
  const pg = test.faults;
  const proxy: CuttableProxy | null = pg ? await startCuttableProxy(pg.url.replace(/^postgres(ql)?:/, 'http:')) : null;
  const fired = new Map<string, number>();
  const fire = (name: string) => fired.set(name, (fired.get(name) ?? 0) + 1);
  for (let index = 0; index < 2; index++) {
    let db: Db;
    let terminating: TerminatingDb | null = null;
    if (pg && proxy) {
      const through = new URL(pg.url);
      through.host = new URL(proxy.url).host;
      db = await pg.openAt(through.toString());
      terminating = terminatingDb(db, pg);
    } else db = index === 0 ? test.db : await test.openAnother();
    const s: State = { index, name: `instance ${index}`, url: null, epoch: 0, armed: null, running: null, db, terminating };
    states.push(s);
    await up(s);
  }

  const database: DatabaseFaults | null =
    pg && proxy
      ? {
          fired,
          terminateIn(index, what) {
            const s = states[index];
            if (!s?.running) return;
            // Right after the push consumed its ids, or after the pull read the clock: mid-transaction.
            s.terminating?.arm(what === 'push' ? /^UPDATE clients SET last_mutation_id/ : /pruned_through FROM tenant_clock/);
            fire(`armedTerminateMid${what === 'push' ? 'Push' : 'Pull'}`);
          },
          async terminateListener(index) {
            const s = states[index];
            if (!s?.running) return;
            await pg.terminate(await pg.backends(s.db, 'listen'));
            fire('terminateListen');
          },
          cut() {
            if (proxy.isCut) return;
            proxy.cut();
            fire('databaseUnreachable');
          },
          restore() {
            proxy.restore();
          },
        }
      : null;

  const instances: Instance[] = states.map((s) => ({
    index: s.index,
    name: s.name,
    get url() {
      return s.url;
    },
    get epoch() {
      return s.epoch;
    },
    arm(point) {
      if (s.url) s.armed = point;
    },
  }));

  return {
    kind: test.db.kind,
    database,
    db: test.db,
    instances,
    kills,
    async restart(index) {
      const s = states[index];
      if (!s || s.running) return;
      s.armed = null;
      await up(s);
    },
    async healAll() {
      proxy?.restore();
      for (const s of states) {
        s.armed = null;
        s.terminating?.arm(null);
        if (!s.running) await up(s);
      }
      await Promise.all(closing.splice(0));
    },
    async close() {
      for (const s of states) await s.running?.close().catch(() => {});
      await Promise.all(closing.splice(0));
      await proxy?.close();
      await test.dispose();
    },
  };
}
