/**
 * The twelve-month metrics figure's own process (bench/metrics-report.ts starts it): a Core on the
 * bench cache, "now" pinned, the cache's person already a supervisor. It times the report through
 * Core's dispatch against the raw aggregate, as the other metrics figures do, samples its V8 heap,
 * and writes the samples to stdout as JSON. Node's default heap limit is left as it is: a report
 * that outgrows it ends this process, and the figure says so, as a console would have failed.
 */
import Sqlite from 'better-sqlite3';
import { getHeapStatistics } from 'node:v8';
import { createMetricsRepository } from '../electron/core/areas/metrics/metrics.ts';
import { openCore } from '../electron/core/index.ts';
import { interleavedRounds, RAW_AGGREGATE_SQL, whatItReads, yearQuery, type YearRun, type YearSamples } from './metrics-report.ts';

const YEARS_OF_EVENTS_MS = 2 * 366 * 86_400_000;
const MB = 1024 * 1024;

const run = JSON.parse(process.argv[2] ?? '') as YearRun;
const query = yearQuery(run.now);
const raw = new Sqlite(run.databasePath, { readonly: true });
const rawAggregate = raw.prepare(RAW_AGGREGATE_SQL);
const core = openCore({
  databasePath: run.databasePath,
  transport: 'direct',
  log: () => {},
  integrityCheckDelayMs: null,
  now: () => run.now,
});
let heapPeak = 0;
const sampleHeap = () => {
  heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size);
};
// The report yields to Core's other requests between slices: the timer samples during it too.
const heapTimer = setInterval(sampleHeap, 100);
try {
  // The facts read once for the note also warm the pages and the code: no untimed report before
  // the rounds (at 1M one is a minute and a half).
  const reads = await whatItReads(createMetricsRepository(raw), query, run.now);
  const samples = await interleavedRounds(
    run.rounds,
    async () => {
      const result = await core.dispatch('metrics.compute', query);
      if (!result.ok) throw new Error(`metrics.compute: ${result.error.code} ${result.error.message}`);
    },
    () => rawAggregate.all(run.now - YEARS_OF_EVENTS_MS, run.now),
    sampleHeap,
  );
  const out: YearSamples = {
    ...samples,
    heapPeakMb: Math.round(heapPeak / MB),
    heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / MB),
    reads,
  };
  process.stdout.write(JSON.stringify(out));
} finally {
  clearInterval(heapTimer);
  core.close();
  raw.close();
}
