/**
 * A worker thread with a connection of its own to the cache: what Core hands to a second thread
 * so its own thread keeps answering requests (the background integrity check, the checkpointer).
 *
 * The program is sent as source (`eval`): a separate file would need its own entry in Core's
 * bundle. It may use nothing but what `workerData` and Node give it; `workerData.sqliteModule`
 * names the better-sqlite3 this build loads, resolved here so a build and the sources agree.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const sqliteModule = createRequire(import.meta.url).resolve('better-sqlite3');

export function startSqliteWorker(program: () => void, workerData: Record<string, unknown>): Worker {
  const worker = new Worker(`(${program.toString()})()`, { eval: true, workerData: { ...workerData, sqliteModule } });
  // Never what keeps a process alive: a Core that is closed stops it, a process that exits drops it.
  worker.unref();
  return worker;
}
