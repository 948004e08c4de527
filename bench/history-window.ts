/**
 * The message history window (setting `historyMonths`): `node bench/history-window.ts --tickets 20000`.
 *
 * 1. Cache size of a supervisor's console (every ticket of the demo tenant, as a supervisor's
 *    scopes bring them) with every message, against the same cache after the window shrinks to
 *    6 months, and how long the shrink takes (trim, index merge, vacuum). Run on a copy of the
 *    benchmark's cached demo dataset. The service metrics of the last 90 days, as the supervisor
 *    reads them, are computed before and after and must be identical: the window drops message
 *    bodies, never the rows and events the figures count.
 * 2. POST /sync/thread over loopback: a server on PGlite seeded with `--server-tickets` tickets
 *    (at most the cache's; a 1M-ticket PGlite tenant would take hours to seed, and the thread's
 *    read is by index, so its cost does not grow with the tenant), the supervisor asking for
 *    random tickets' threads (target p95 <= 300 ms).
 */
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import { DEMO_PASSWORD } from '../shared/demo/credentials.ts';
import { SYNC_SCHEMA_VERSION } from '../shared/sync/protocol.ts';
import { uuidv7 } from '../shared/ids.ts';
import { openCore } from '../electron/core/index.ts';
import { startServer } from '../server/app.ts';
import { seedDemo } from '../server/demo/seed.ts';
import { migrate } from '../server/store/migrations.ts';
import { openPgliteDb } from '../server/store/pglite-db.ts';
import { prepareDataset } from './dataset.ts';
import { formatTiming, percentiles, sampleMany, time } from './measure.ts';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '42' },
    samples: { type: 'string', default: '200' },
    // The demo tenant spans twelve months, so a 6-month window leaves out about half of it as it
    // is; the console's clock can be moved this many months ahead to see a longer history's share.
    ahead: { type: 'string', default: '0' },
    'server-tickets': { type: 'string', default: '20000' },
  },
});
const tickets = Number(values.tickets);
const dataset = prepareDataset(tickets, Number(values.seed), console.log);

const copy = join(tmpdir(), `history-window-${process.pid}.db`);
const size = () => ['', '-wal'].reduce((n, s) => n + (statSync(`${copy}${s}`, { throwIfNoEntry: false })?.size ?? 0), 0);
copyFileSync(dataset.databasePath, copy);
const ahead = Number(values.ahead) * 30 * 24 * 3_600_000;
// One instant for the whole run, so the two reports are asked at the same moment.
const now = Date.now() + ahead;
const core = openCore({
  databasePath: copy,
  transport: 'direct',
  now: () => now,
  log: () => {},
  integrityCheckDelayMs: null,
});
const call = async (channel: string, input: unknown) => {
  const r = await core.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
};
// The metrics are the supervisor's: the copy's person is one while it is measured.
const raw = new Sqlite(copy);
raw
  .prepare(
    "UPDATE sync_state SET user_id = (SELECT id FROM users WHERE role = 'supervisor' AND active = 1 ORDER BY id LIMIT 1) WHERE id = 1",
  )
  .run();
raw.close();
const metricsBefore = await call('metrics.compute', { period: '90d' });
const full = size();
const shrinkMs = await time(() => call('settings.update', { historyMonths: 6 }));
const windowed = size();
const metricsAfter = await call('metrics.compute', { period: '90d' });
core.close();
for (const s of ['', '-wal', '-shm']) rmSync(`${copy}${s}`, { force: true });
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
console.log(`cache, ${tickets.toLocaleString('en')} tickets, every message: ${mb(full)}`);
console.log(
  `cache, 6-month window, clock ${values.ahead} months ahead: ${mb(windowed)} (${((windowed / full) * 100).toFixed(0)}% of full); shrink took ${(shrinkMs / 1000).toFixed(1)} s`,
);
console.log(
  `metrics of the last 90 days with every message and with the window: ${isDeepStrictEqual(metricsBefore, metricsAfter) ? 'identical' : 'DIFFERENT'}`,
);
if (!isDeepStrictEqual(metricsBefore, metricsAfter)) {
  process.exitCode = 1;
  console.log(JSON.stringify({ before: metricsBefore, after: metricsAfter }).slice(0, 4000));
}
const serverTickets = Math.min(tickets, Number(values['server-tickets']));

const db = await openPgliteDb();
await migrate(db);
await seedDemo(db, { tickets: serverTickets, seed: Number(values.seed) });
const server = await startServer({ db, logger: false, jobs: false });
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
const { rows } = await db.query<{ id: string }>(`SELECT id::text AS id FROM records WHERE entity = 'ticket' ORDER BY random() LIMIT $1`, [
  Number(values.samples),
]);
const threads = await sampleMany(
  rows.length,
  (i) => post('/sync/thread', { clientId, schemaVersion: SYNC_SCHEMA_VERSION, ticketId: rows[i]!.id }, session.accessToken as string),
  { warmup: 10 },
);
console.log(formatTiming(`POST /sync/thread over loopback, ${serverTickets.toLocaleString('en')}-ticket tenant`, percentiles(threads)));
await server.close();
await db.close();
