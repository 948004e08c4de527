/** Temporary directories for tests that need real SQLite files; removed when the test file ends. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type Core, openCore, seedDemo } from '../index.ts';

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-core-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fixed "now" so seeded data, and the views computed from it, are the same on every run. */
export const DEMO_NOW = Date.UTC(2026, 2, 10, 15, 30);

/** A Core over a freshly seeded demo database, closed after the file's tests. */
export function seededCore(tickets: number, seed = 7): Core {
  const core = openCore({ databasePath: join(tempDir(), 'core.db'), transport: 'direct', now: () => DEMO_NOW, log: () => {} });
  seedDemo(core, { tickets, seed, now: DEMO_NOW });
  afterAll(() => core.close());
  return core;
}

/** Calls a channel and returns its value, failing the test with the error payload otherwise. */
export async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
