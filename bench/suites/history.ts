/**
 * History suite: the message history window (setting `historyMonths`, docs/architecture.md,
 * "Message history window"), issue 17's two figures.
 *
 * 1. The cache a supervisor carries (every ticket of the demo tenant, as a supervisor's scopes
 *    bring them) with a 6-month window, against the same cache with every message: a copy of the
 *    suite's dataset, shrunk through Core's `settings.update` (trim, search index merge, vacuum).
 *    The service metrics of the last 90 days are computed before and after at the same instant and
 *    must be identical (the window drops message bodies, never the rows and events the figures
 *    count): the suite fails when they are not.
 * 2. Opening a ticket outside the window when online: `POST /sync/thread` over loopback, the
 *    supervisor asking for random tickets' threads, against a server on PGlite seeded with at most
 *    `serverTickets` tickets (a 1M-ticket PGlite tenant would take hours to seed; the thread is
 *    read by index, so its cost does not grow with the tenant). Baseline: the same thread's
 *    messages read with one bare SQL query on the same database.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Sqlite from 'better-sqlite3';
import { openCore } from '../../electron/core/index.ts';
import { DEMO_PASSWORD } from '../../shared/demo/credentials.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol.ts';
import { startServer } from '../../server/app.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import { migrate } from '../../server/store/migrations.ts';
import { openPgliteDb } from '../../server/store/pglite-db.ts';
import type { Dataset } from '../dataset.ts';
import { amount, figure, latency, type Figure } from '../figures.ts';
import { percentiles, sampleMany, time } from '../measure.ts';

/** The window the targets name. */
const WINDOW_MONTHS = 6;

export interface HistoryOptions {
  dataset: Dataset;
  /** The thread server's demo tenant, at most the dataset's size. */
  serverTickets: number;
  /** Threads opened. */
  threads: number;
  seed: number;
  log: (line: string) => void;
}

export async function runHistorySuite(o: HistoryOptions): Promise<{ figures: Figure[]; notes: string[] }> {
  const size = await cacheSizeFigure(o);
  const thread = await threadOpenFigure(o);
  return { figures: [size, thread], notes: [] };
}

async function cacheSizeFigure(o: HistoryOptions): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-history-'));
  const copy = join(dir, 'cache.db');
  const bytes = () => ['', '-wal'].reduce((n, s) => n + (statSync(`${copy}${s}`, { throwIfNoEntry: false })?.size ?? 0), 0);
  o.log(`  copying the ${o.dataset.tickets.toLocaleString('en')}-ticket cache`);
  copyFileSync(o.dataset.databasePath, copy);
  // The metrics are the supervisor's: the copy's person is one while it is measured.
  const raw = new Sqlite(copy);
  raw
    .prepare(
      "UPDATE sync_state SET user_id = (SELECT id FROM users WHERE role = 'supervisor' AND active = 1 ORDER BY id LIMIT 1) WHERE id = 1",
    )
    .run();
  raw.close();
  // One instant for the whole figure, so the two reports are asked at the same moment.
  const now = Date.now();
  const core = openCore({ databasePath: copy, transport: 'direct', now: () => now, log: () => {}, integrityCheckDelayMs: null });
  const call = async (channel: string, input: unknown) => {
    const r = await core.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  try {
    const metricsBefore = await call('metrics.compute', { period: '90d' });
    const full = bytes();
    o.log(`  shrinking the window to ${WINDOW_MONTHS} months`);
    const shrinkMs = await time(() => call('settings.update', { historyMonths: WINDOW_MONTHS }));
    const windowed = bytes();
    const metricsAfter = await call('metrics.compute', { period: '90d' });
    if (!isDeepStrictEqual(metricsBefore, metricsAfter))
      throw new Error(`the metrics of the last 90 days differ once the window is ${WINDOW_MONTHS} months`);
    const mb = (b: number) => b / 1e6;
    return figure({
      id: 'history.cache-size',
      label: `supervisor's cache with a ${WINDOW_MONTHS}-month message window, ${o.dataset.tickets.toLocaleString('en')} tickets`,
      value: amount(mb(windowed), 'MB'),
      baseline: { label: 'the same cache with every message', value: amount(mb(full), 'MB') },
      note: `the shrink (trim, search index merge, vacuum) took ${(shrinkMs / 1000).toFixed(1)} s; the metrics of the last 90 days are identical before and after`,
    });
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function threadOpenFigure(o: HistoryOptions): Promise<Figure> {
  const tickets = Math.min(o.dataset.tickets, o.serverTickets);
  o.log(`  seeding a ${tickets.toLocaleString('en')}-ticket server tenant (PGlite) for thread reads`);
  const db = await openPgliteDb();
  await migrate(db);
  await seedDemo(db, { tickets, seed: o.seed });
  const server = await startServer({ db, logger: false, jobs: false });
  try {
    const clientId = uuidv7();
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const session = await post('/auth/sign-in', {
      email: 'supervisor@demo.switchboard',
      password: DEMO_PASSWORD,
      clientId,
      deviceName: 'bench',
    });
    const { rows } = await db.query<{ id: string; tenant_id: string }>(
      `SELECT id::text AS id, tenant_id::text AS tenant_id FROM records WHERE entity = 'ticket' ORDER BY random() LIMIT $1`,
      [o.threads],
    );
    const ids = rows.map((r) => r.id);
    const opened = await sampleMany(
      ids.length,
      (i) => post('/sync/thread', { clientId, schemaVersion: SYNC_SCHEMA_VERSION, ticketId: ids[i] }, session.accessToken as string),
      { warmup: 10 },
    );
    const bare = await sampleMany(
      ids.length,
      (i) =>
        db.query(
          `SELECT data FROM records WHERE tenant_id = $1 AND entity = 'message' AND NOT deleted AND data ->> 'ticketId' = $2
            ORDER BY (data ->> 'createdAt')::bigint, id`,
          [rows[i]!.tenant_id, ids[i]],
        ),
      { warmup: 10 },
    );
    return figure({
      id: 'history.thread-open',
      label: `opening a ticket outside the window: POST /sync/thread over loopback, ${tickets.toLocaleString('en')}-ticket tenant`,
      value: latency(percentiles(opened)),
      baseline: { label: "bare SQL: the thread's messages from the same database", value: latency(percentiles(bare)) },
    });
  } finally {
    await server.close();
    await db.close();
  }
}
