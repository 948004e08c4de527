/**
 * A real Switchboard server seeded with the demo tenant, for the end-to-end sync test, and real
 * Cores that sync with it. The server runs on a test database (server/testing/backends.ts): the
 * PostgreSQL of DATABASE_URL when that is set, else PGlite, in a schema of its own dropped afterwards. Everything listens
 * on 127.0.0.1 only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core/index.ts';
import type { Result } from '../../shared/contract/errors.ts';
import { startServer, type RunningServer } from '../../server/app.ts';
import { seedDemo, type DemoTenant } from '../../server/demo/seed.ts';
import type { Db } from '../../server/store/db.ts';
import { backends } from '../../server/testing/backends.ts';

export interface DemoServer {
  server: RunningServer;
  db: Db;
  demo: DemoTenant;
  /** 'pglite' or 'postgres'. */
  backend: string;
  close(): Promise<void>;
}

export async function startDemoServer({ tickets, seed = 42 }: { tickets: number; seed?: number }): Promise<DemoServer> {
  // The last backend: PostgreSQL when DATABASE_URL is set, else PGlite.
  const backend = backends.at(-1)!;
  const test = await backend.open();
  const db = test.db;
  const dispose = () => test.dispose();
  try {
    const demo = await seedDemo(db, { tickets, seed, actor: 'e2e' });
    const server = await startServer({ db, host: '127.0.0.1', port: 0, logger: false });
    return {
      server,
      db,
      demo,
      backend: backend.name,
      async close() {
        await server.close();
        await dispose();
      },
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

export interface SyncingCore {
  core: Core;
  /** Dispatches and unwraps, throwing on failure (for setting up and checking, not for the UI's path). */
  call<T>(channel: string, input: unknown): Promise<T>;
  close(): void;
}

/**
 * A Core on a fresh temporary database, in sync mode. Retries back off to at most `retryCapMs`, so
 * a console whose server comes back finds it again within a bounded time (the default cap, 30 s,
 * is right for people but would make a test wait).
 */
export function openSyncingCore({ deviceName, retryCapMs = 1000 }: { deviceName: string; retryCapMs?: number }): SyncingCore {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-console-'));
  const core = openCore({
    databasePath: join(dir, 'switchboard.db'),
    transport: 'web',
    appVersion: '0.0.0-test',
    sync: { deviceName, retryBaseMs: 100, retryCapMs },
  });
  return {
    core,
    async call<T>(channel: string, input: unknown): Promise<T> {
      const result = (await core.dispatch(channel, input)) as Result<T>;
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    close() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
