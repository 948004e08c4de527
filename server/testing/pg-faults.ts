/**
 * A server's database handle that loses its connection on cue, for the tests of what an instance
 * does when PostgreSQL drops it: armed, the next transaction that runs a matching statement has its
 * backend ended (pg_terminate_backend, from a separate connection) right after that statement,
 * while the transaction is still open, as a failover or a restarted database would.
 */
import type { Db, Queryable } from '../store/db.ts';
import type { PgFaults } from './backends.ts';

export interface TerminatingDb {
  db: Db;
  /** The next transaction that runs a statement matching `trigger` loses its connection after it (null: disarm). */
  arm(trigger: RegExp | null): void;
  /** How many transactions lost their connection so far. */
  readonly terminated: number;
}

export function terminatingDb(db: Db, faults: PgFaults): TerminatingDb {
  let armed: RegExp | null = null;
  let terminated = 0;
  return {
    db: {
      ...db,
      transaction<T>(fn: (tx: Queryable) => Promise<T>, isolation?: Parameters<Db['transaction']>[1]): Promise<T> {
        return db.transaction((q) => {
          const tx: Queryable = {
            async query(sql, params) {
              const result = await q.query(sql, params);
              if (armed?.test(sql)) {
                armed = null;
                terminated++;
                const { rows } = await q.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
                await faults.terminate(rows.map((r) => r.pid));
              }
              return result as never;
            },
            exec: (sql) => q.exec(sql),
          };
          return fn(tx);
        }, isolation);
      },
    },
    arm(trigger) {
      armed = trigger;
    },
    get terminated() {
      return terminated;
    },
  };
}
