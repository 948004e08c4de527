/**
 * The message history window (setting `historyMonths`): `node bench/history-window.ts --tickets 20000`.
 *
 * 1. Cache size of a supervisor's console (every ticket of the demo tenant, as a supervisor's
 *    scopes bring them) with every message, against the same cache after the window shrinks to
 *    6 months, and how long the shrink takes (trim, index merge, vacuum). Run on a copy of the
 *    benchmark's cached demo dataset.
 * 2. POST /sync/thread over loopback: a server on PGlite seeded with the same number of tickets,
 *    the supervisor asking for random tickets' threads (target p95 <= 300 ms).
 */
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
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
    // The demo tenant's history spans about 3 months, so a 6-month window keeps all of it: the
    // console's clock is moved this many months ahead, as if the tenant had that much more history.
    ahead: { type: 'string', default: '3' },
  },
});
const tickets = Number(values.tickets);
const dataset = prepareDataset(tickets, Number(values.seed), console.log);

const copy = join(tmpdir(), `history-window-${process.pid}.db`);
const size = () => ['', '-wal'].reduce((n, s) => n + (statSync(`${copy}${s}`, { throwIfNoEntry: false })?.size ?? 0), 0);
copyFileSync(dataset.databasePath, copy);
const ahead = Number(values.ahead) * 30 * 24 * 3_600_000;
const core = openCore({ databasePath: copy, transport: 'direct', now: () => Date.now() + ahead, log: () => {} });
const full = size();
const shrinkMs = await time(async () => {
  const r = await core.dispatch('settings.update', { historyMonths: 6 });
  if (!r.ok) throw new Error(r.error.message);
});
const windowed = size();
core.close();
for (const s of ['', '-wal', '-shm']) rmSync(`${copy}${s}`, { force: true });
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
console.log(`cache, ${tickets.toLocaleString('en')} tickets, every message: ${mb(full)}`);
console.log(
  `cache, 6-month window, clock ${values.ahead} months ahead: ${mb(windowed)} (${((windowed / full) * 100).toFixed(0)}% of full); shrink took ${(shrinkMs / 1000).toFixed(1)} s`,
);

const db = await openPgliteDb();
await migrate(db);
await seedDemo(db, { tickets, seed: Number(values.seed) });
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
console.log(formatTiming('POST /sync/thread over loopback', percentiles(threads)));
await server.close();
await db.close();
