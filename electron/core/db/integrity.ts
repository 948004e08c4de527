/**
 * The background integrity check: once the console is up and has been left alone for a while,
 * `quick_check` reads every page of the cache on a read-only connection of its own, in a worker
 * thread. Core's thread goes on answering requests meanwhile (better-sqlite3 is synchronous: on
 * Core's thread the check would hold every request for as long as it runs, ~44 s on a 1M-ticket
 * cache), and in WAL mode the check's read snapshot neither waits for nor blocks Core's writes.
 */
import type { MessagePort } from 'node:worker_threads';
import type SqliteModule from 'better-sqlite3';
import { startSqliteWorker } from './sqlite-worker.ts';

export type IntegrityResult =
  | { status: 'ok' }
  | { status: 'corrupt'; detail: string }
  /** The check could not run to the end for another reason (the file went away, I/O error): no verdict. */
  | { status: 'failed'; detail: string }
  | { status: 'stopped' };

export interface BackgroundCheck {
  /** Settles once: the check's verdict, or `stopped` if it was stopped (or its thread died) first. */
  readonly result: Promise<IntegrityResult>;
  /** Ends the check; resolves once its thread (and its connection to the file) is gone. */
  stop(): Promise<void>;
}

/** The worker's whole program (sqlite-worker.ts: it may use only `workerData` and Node). */
function workerProgram(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parentPort, workerData } = require('node:worker_threads') as {
    parentPort: MessagePort | null;
    workerData: { path: string; sqliteModule: string };
  };
  const Sqlite = require(workerData.sqliteModule) as typeof SqliteModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  try {
    const db = new Sqlite(workerData.path, { readonly: true, fileMustExist: true });
    try {
      const verdict = String(db.pragma('quick_check', { simple: true }));
      parentPort?.postMessage(verdict === 'ok' ? { status: 'ok' } : { status: 'corrupt', detail: verdict });
    } finally {
      db.close();
    }
  } catch (err) {
    // Damage bad enough to stop the check surfaces as SQLITE_CORRUPT or SQLITE_NOTADB thrown.
    const code = String((err as { code?: unknown }).code ?? '');
    const detail = err instanceof Error ? err.message : String(err);
    parentPort?.postMessage({ status: /^SQLITE_(CORRUPT|NOTADB)/.test(code) ? 'corrupt' : 'failed', detail });
  }
}

export function startIntegrityCheck(path: string): BackgroundCheck {
  const worker = startSqliteWorker(workerProgram, { path });
  let settle: (r: IntegrityResult) => void = () => {};
  const result = new Promise<IntegrityResult>((resolve) => (settle = resolve));
  worker.once('message', (r: IntegrityResult) => settle('detail' in r ? { ...r, detail: r.detail.slice(0, 500) } : r));
  worker.once('error', () => settle({ status: 'stopped' }));
  worker.once('exit', () => settle({ status: 'stopped' }));
  return {
    result,
    async stop() {
      settle({ status: 'stopped' });
      await worker.terminate();
    },
  };
}
