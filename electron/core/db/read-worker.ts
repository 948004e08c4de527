/**
 * A worker thread that runs Core's long reads on a read-only connection of its own, so Core's
 * thread can write (or answer requests) while the next rows are read. A bulk job that alternates
 * reading a slice and writing it (the SLA recompute after a calendar edit) asks for slice k + 1
 * here before it writes slice k: at 1M tickets the read is the larger half of each slice, random
 * lookups in a file far larger than memory.
 *
 * The rows come from the latest commit when the worker's statement starts (WAL: a reader sees the
 * commits before it began and never blocks the writer). A caller that cannot use rows a write has
 * overtaken since it asked must check that itself (sla-recompute.ts compares the connection's
 * `total_changes()`). A statement that fails, or a worker that dies, rejects the call; the caller
 * reads on its own thread instead.
 */
import type SqliteModule from 'better-sqlite3';
import type WorkerThreads from 'node:worker_threads';
import { startSqliteWorker } from './sqlite-worker.ts';
import { CACHE_KIB, MMAP_BYTES } from './open.ts';

export interface ReadWorker {
  /** Every row of `sql` with its named `params`, read on the worker's connection. */
  all<Row>(sql: string, params: Record<string, unknown>): Promise<Row[]>;
  /** Stops the worker; calls still waiting are rejected. */
  close(): void;
}

type Answer = { id: number; rows: unknown[] } | { id: number; error: string };

/** The worker's whole program (sqlite-worker.ts: it may use only `workerData` and Node). */
function readWorkerProgram(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parentPort, workerData } = require('node:worker_threads') as typeof WorkerThreads & {
    workerData: { path: string; sqliteModule: string; cacheKib: number; mmapBytes: number };
  };
  const Sqlite = require(workerData.sqliteModule) as typeof SqliteModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = new Sqlite(workerData.path, { readonly: true, fileMustExist: true });
  db.pragma(`cache_size = -${workerData.cacheKib}`);
  db.pragma(`mmap_size = ${workerData.mmapBytes}`);
  const statements = new Map<string, SqliteModule.Statement>();
  parentPort!.on('message', ({ id, sql, params }: { id: number; sql: string; params: Record<string, unknown> }) => {
    try {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = db.prepare(sql)));
      parentPort!.postMessage({ id, rows: statement.all(params) });
    } catch (err) {
      parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
    }
  });
}

/** How long an idle worker is kept: a bulk job's slices come milliseconds apart, jobs minutes apart. */
const IDLE_STOP_MS = 30_000;

/**
 * A worker started on the first call and stopped once idle (no call waiting for `idleMs`), so a
 * console that never needs it pays nothing.
 */
export function createReadWorker(path: string, { idleMs = IDLE_STOP_MS }: { idleMs?: number } = {}): ReadWorker {
  let running: ReturnType<typeof start> | null = null;
  let idle: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  const stop = () => {
    running?.stop(new Error('the read worker was closed'));
    running = null;
  };
  const stopWhenIdle = () => {
    // A call still reading (a long statement) keeps the worker: look again later.
    if (running?.waiting()) idle = setTimeout(stopWhenIdle, idleMs).unref();
    else stop();
  };
  return {
    all<Row>(sql: string, params: Record<string, unknown>): Promise<Row[]> {
      if (closed) return Promise.reject(new Error('the read worker was closed'));
      if (idle) clearTimeout(idle);
      idle = setTimeout(stopWhenIdle, idleMs).unref();
      if (!running) {
        // A stopped worker's exit may come after the next one has started: it forgets only itself.
        const started = start(path, () => {
          if (running === started) running = null;
        });
        running = started;
      }
      return running.all<Row>(sql, params);
    },
    close() {
      closed = true;
      if (idle) clearTimeout(idle);
      stop();
    },
  };
}

function start(path: string, onExit: () => void) {
  const worker = startSqliteWorker(readWorkerProgram, { path, cacheKib: CACHE_KIB, mmapBytes: MMAP_BYTES });
  const waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (err: Error) => void }>();
  let nextId = 0;
  // Referenced only while a call waits: a process awaiting rows stays alive for them, an idle
  // worker never holds a finished one open.
  const settle = (id: number) => {
    const call = waiting.get(id);
    waiting.delete(id);
    if (!waiting.size) worker.unref();
    return call;
  };
  const failAll = (err: Error) => {
    for (const id of [...waiting.keys()]) settle(id)?.reject(err);
  };
  worker.on('message', (answer: Answer) => {
    const call = settle(answer.id);
    if ('error' in answer) call?.reject(new Error(answer.error));
    else call?.resolve(answer.rows);
  });
  worker.on('error', failAll);
  // A worker that died (or was stopped) is started again by the next call.
  worker.on('exit', () => {
    failAll(new Error('the read worker stopped'));
    onExit();
  });
  return {
    all<Row>(sql: string, params: Record<string, unknown>): Promise<Row[]> {
      const id = nextId++;
      worker.ref();
      return new Promise<Row[]>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
        worker.postMessage({ id, sql, params });
      });
    },
    waiting: () => waiting.size > 0,
    stop(err: Error) {
      failAll(err);
      void worker.terminate();
    },
  };
}
