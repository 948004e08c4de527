/**
 * Sidebar counts over a large cache, and what keeping them costs writes:
 * `node bench/view-counts.ts --tickets 100000`.
 *
 * 1. `views.counts` through dispatch (every built-in queue and saved view) against the raw SQL
 *    COUNT(*) of each built-in queue's filter (what a cache without maintained counts would run).
 * 2. The ticket_counts triggers' cost per write: single-row status changes, each its own
 *    transaction as a mutation is, timed with the triggers and then on the same rows without them
 *    (on a copy of the database, so the cached dataset keeps its triggers).
 */
import { copyFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import { BUILTIN_VIEWS } from '../shared/domain/views.ts';
import { openCore } from '../electron/core/index.ts';
import { prepareDataset } from './dataset.ts';
import { formatTiming, percentiles, sampleMany } from './measure.ts';
import { rawViewCounts } from './suites/local.ts';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '100000' }, seed: { type: 'string', default: '42' } } });
const dataset = prepareDataset(Number(values.tickets), Number(values.seed), console.log);

const core = openCore({ databasePath: dataset.databasePath, transport: 'direct', log: () => {} });
const counts = async () => {
  const result = await core.dispatch('views.counts', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const ours = await sampleMany(200, counts, { warmup: 5 });
core.close();

const raw = new Sqlite(dataset.databasePath);
const base = await sampleMany(50, rawViewCounts(raw), { warmup: 2 });
raw.close();

console.log(`${dataset.tickets.toLocaleString('en')} tickets`);
console.log(formatTiming('views.counts (all built-in + saved views)', percentiles(ours)));
console.log(formatTiming(`raw COUNT(*) of the ${BUILTIN_VIEWS.length} built-in queues`, percentiles(base)));

// Write cost of the triggers, on a copy.
const copy = `${dataset.databasePath}.triggers-copy`;
copyFileSync(dataset.databasePath, copy);
// Removed however the measurement ends: it is a full copy of the cached database.
try {
  const db = new Sqlite(copy);
  const ids = db.prepare("SELECT id FROM tickets WHERE status IN ('new', 'open') LIMIT 2000").pluck().all() as string[];
  const update = db.prepare('UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?');
  const now = Date.now();
  const flip = (i: number, to: string) => db.transaction(() => update.run(to, now + i, ids[i % ids.length]))();
  const run = (label: string) => {
    const samples: number[] = [];
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < ids.length; i++) {
        const start = performance.now();
        flip(i, round === 0 ? 'pending' : 'open');
        samples.push(performance.now() - start);
      }
    console.log(formatTiming(label, percentiles(samples)));
  };
  run('status change with ticket_counts triggers');
  db.exec('DROP TRIGGER ticket_counts_insert; DROP TRIGGER ticket_counts_update; DROP TRIGGER ticket_counts_delete;');
  run('status change without them');
  db.close();
} finally {
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
}
