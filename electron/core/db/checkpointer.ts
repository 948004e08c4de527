/**
 * Checkpoints the cache's write-ahead log on a thread of its own. In WAL mode SQLite copies the
 * log back into the database file (a checkpoint, with two fsyncs) inside whichever commit finds
 * the log past `wal_autocheckpoint` pages: on Core's thread, in front of the next request. A bulk
 * job (the SLA recompute after a calendar edit, a bootstrap's pages, the fold keeper) met it at
 * nearly every slice: at 100k tickets the recompute ran at ~12,000 tickets/s with it and ~18,500
 * without it. Here a worker's own connection runs a PASSIVE checkpoint (it never waits for, nor
 * blocks, Core's reads and writes) whenever the log has grown, and Core's connection checkpoints
 * only past a far larger backstop, should the worker fall behind or stop.
 */
import type { Database } from 'better-sqlite3';
import type SqliteModule from 'better-sqlite3';
import { startSqliteWorker } from './sqlite-worker.ts';

/** SQLite's default threshold, restored on Core's connection when no checkpointer runs. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** Core's own threshold while the worker checkpoints: 64 MB of 4 KB pages. */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 16_384;
/** The worker's pause between looks at a growing log, and the longest once the log is quiet. */
const ACTIVE_INTERVAL_MS = 250;
const QUIET_INTERVAL_MS = 4000;
/** How long a close waits for the worker to let go of its connection (a checkpoint may be running). */
const STOP_WAIT_MS = 5000;

/** Slots of the shared signal array. */
const STOP = 0;
const STOPPED = 1;

export interface CheckpointerOptions {
  /** How long after the open the worker starts: a start's first screen never competes with it. */
  startDelayMs?: number;
}

export interface Checkpointer {
  /** Stops the worker and waits (briefly) for it to close its connection; Core's thresholds are restored. */
  stop(): void;
}

/** The worker's whole program (sqlite-worker.ts: it may use only `workerData` and Node). */
function checkpointerProgram(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { workerData } = require('node:worker_threads') as {
    workerData: { path: string; sqliteModule: string; signals: SharedArrayBuffer; active: number; quiet: number };
  };
  const Sqlite = require(workerData.sqliteModule) as typeof SqliteModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const signals = new Int32Array(workerData.signals);
  let db: SqliteModule.Database | null = null;
  try {
    if (Atomics.load(signals, 0) === 0) db = new Sqlite(workerData.path, { fileMustExist: true });
    let pause = workerData.active;
    let frames = 0;
    while (db && Atomics.load(signals, 0) === 0) {
      // The log's frames after the checkpoint: unchanged since the last look, nobody is writing.
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      const grew = result !== undefined && result.log !== frames;
      frames = result?.log ?? 0;
      pause = grew ? workerData.active : Math.min(pause * 2, workerData.quiet);
      Atomics.wait(signals, 0, 0, pause);
    }
  } catch {
    // The file went away or cannot be written: Core's own backstop threshold still bounds the log.
  } finally {
    db?.close();
    Atomics.store(signals, 1, 1);
    Atomics.notify(signals, 1);
  }
}

export function startCheckpointer(db: Database, options: CheckpointerOptions = {}): Checkpointer {
  const signals = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  let worker: ReturnType<typeof startSqliteWorker> | null = null;
  const restore = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  };
  const timer = setTimeout(() => {
    worker = startSqliteWorker(checkpointerProgram, {
      path: db.name,
      signals: signals.buffer,
      active: ACTIVE_INTERVAL_MS,
      quiet: QUIET_INTERVAL_MS,
    });
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
    // A worker that ends on its own (the file went away) hands checkpoints back to Core's connection.
    worker.once('exit', restore);
  }, options.startDelayMs ?? 1000);
  timer.unref();

  return {
    stop() {
      clearTimeout(timer);
      if (!worker) return;
      Atomics.store(signals, STOP, 1);
      Atomics.notify(signals, STOP);
      // Synchronous, so the caller may close or replace the file as soon as this returns.
      Atomics.wait(signals, STOPPED, 0, STOP_WAIT_MS);
      void worker.terminate();
      worker = null;
      restore();
    },
  };
}
