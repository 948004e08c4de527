/**
 * The service metrics (docs/metrics.md) over the bench cache, through Core's dispatch: a 30-day
 * report with its previous period (the first figures a supervisor waits for), the same report
 * with a filter changed (each call reads and computes again), and twelve months. Each against one
 * raw SQL aggregate over the same rows (the events of the report's windows with their tickets'
 * team), on the same database in the same run. "Now" is pinned to the cache's latest activity, so
 * a cache seeded days ago still has a full month behind it. The report is for supervisors, so the
 * cache's person is a supervisor while it is measured, then put back.
 */
import type { Database } from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { createMetricsRepository } from '../electron/core/areas/metrics/metrics.ts';
import { openCore } from '../electron/core/index.ts';
import { computeMetrics } from '../shared/metrics/compute.ts';
import { metricsRead } from '../shared/metrics/narrow.ts';
import type { MetricsQueryInput } from '../shared/metrics/query.ts';
import { figure, latency, type Figure } from './figures.ts';
import { percentiles, sampleMany } from './measure.ts';

const DAY = 86_400_000;
/** Each figure's rounds stop once it has run this long, after at least MIN_ROUNDS. */
const FIGURE_BUDGET_MS = 3 * 60_000;
const MIN_ROUNDS = 3;
/** Above this many tickets the comparison with reading every row is left out (see metricsFigures). */
const EVERY_ROW_LIMIT = 200_000;
/**
 * The events of the windows grouped by the ticket's team and the event's kind: the least any
 * program reads to count the period (the figures' raw baseline).
 */
export const RAW_AGGREGATE_SQL = `SELECT t.team_id, e.kind, count(*) AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
  WHERE e.at >= ? AND e.at <= ? GROUP BY t.team_id, e.kind`;

/**
 * Ours and the raw side in interleaved rounds, so a noisy neighbour hurts both sides alike. A
 * report that takes tens of seconds (1M tickets) stops after MIN_ROUNDS once the figure has had
 * its time budget: forty rounds of it would hold a full run for over an hour.
 */
export async function interleavedRounds(
  rounds: number,
  ours: (round: number) => Promise<unknown>,
  base: () => unknown,
  between?: () => void,
): Promise<{ ours: number[]; base: number[] }> {
  const out = { ours: [] as number[], base: [] as number[] };
  const started = performance.now();
  for (let r = 0; r < rounds && (r < MIN_ROUNDS || performance.now() - started < FIGURE_BUDGET_MS); r++) {
    out.ours.push(...(await sampleMany(1, () => ours(r), { between })));
    out.base.push(...(await sampleMany(1, base, { between })));
  }
  return out;
}

/** Twelve months to "now" and the twelve before, weekly: the report that reads the most. */
export function yearQuery(now: number): MetricsQueryInput {
  const today = DateTime.fromMillis(now, { zone: 'UTC' });
  return {
    period: 'custom',
    from: today.minus({ months: 12 }).plus({ days: 1 }).toISODate()!,
    to: today.toISODate()!,
    granularity: 'week',
  };
}

/** What the twelve months' own process (bench/metrics-year-process.ts) is given and answers. */
export interface YearRun {
  databasePath: string;
  now: number;
  rounds: number;
}
export interface YearSamples {
  ours: number[];
  base: number[];
  /** The most V8 heap the process used, and its limit (MB). */
  heapPeakMb: number;
  heapLimitMb: number;
  /** What the report reads: "reads N tickets, M of them from their events". */
  reads: string;
}

export async function metricsFigures(
  raw: Database,
  o: { databasePath: string; rounds: number; sample: () => void; log: (line: string) => void },
): Promise<Figure[]> {
  const now = raw.prepare('SELECT max(updated_at) FROM tickets').pluck().get() as number;
  const me = raw.prepare('SELECT user_id FROM sync_state WHERE id = 1').pluck().get() as string | null;
  const supervisor = raw.prepare("SELECT id FROM users WHERE role = 'supervisor' AND active = 1 ORDER BY id LIMIT 1").pluck().get() as
    string | undefined;
  if (!supervisor) throw new Error('the bench cache has no supervisor to read the metrics');
  const teams = raw.prepare('SELECT id FROM teams ORDER BY id').pluck().all() as string[];
  const tickets = raw.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
  const setMe = raw.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1');
  const rawAggregate = raw.prepare(RAW_AGGREGATE_SQL);
  const core = openCore({ databasePath: o.databasePath, transport: 'direct', log: () => {}, integrityCheckDelayMs: null, now: () => now });
  setMe.run(supervisor);
  try {
    const report = async (query: MetricsQueryInput) => {
      const result = await core.dispatch('metrics.compute', query);
      if (!result.ok) throw new Error(`metrics.compute: ${result.error.code} ${result.error.message}`);
    };
    const measure = async (
      id: string,
      label: string,
      queries: MetricsQueryInput[],
      since: number,
      rounds: number,
      note: string,
    ): Promise<Figure> => {
      await report(queries[0]!);
      rawAggregate.all(since, now);
      const { ours, base } = await interleavedRounds(
        rounds,
        (r) => report(queries[r % queries.length]!),
        () => rawAggregate.all(since, now),
        o.sample,
      );
      return metricsFigure(id, `${label}, ${tickets.toLocaleString('en')} tickets`, { ours, base }, rounds, note);
    };
    const rounds = Math.max(5, o.rounds * 2);
    const month = daysBefore(now, 60);
    // What the narrowed read leaves out, and what reading every row costs.
    const repo = createMetricsRepository(raw);
    const read = (query: MetricsQueryInput) => whatItReads(repo, query, now);
    // Every row of a large cache (a million timelines: over 3 GB of heap at 1M) is more than the
    // bench process holds: the comparison with reading everything stops here.
    const large = tickets > EVERY_ROW_LIMIT;
    let before = '';
    if (!large) {
      const everyRow = percentiles(
        await sampleMany(3, async () => computeMetrics(await repo.facts(null, now), { period: '30d' }, now), { between: o.sample }),
      );
      before = `; every row read and computed: p50 ${Math.round(everyRow.p50)} ms`;
    }
    const figures = [
      await measure(
        'local.metrics-30d',
        'metrics, 30 days and the 30 before',
        [{ period: '30d' }],
        month,
        rounds,
        `the first figures; ${await read({ period: '30d' })}${before}`,
      ),
      await measure(
        'local.metrics-filter',
        'metrics, 30 days, a filter changed',
        teams.map((teamId, i) => ({ period: '30d', filters: i % 2 ? { teamIds: [teamId] } : { teamIds: [teamId], channels: ['email'] } })),
        month,
        rounds,
        `each call a different team (and channel): read and computed again; the first team's ${await read({ period: '30d', filters: { teamIds: teams.slice(0, 1) } })}`,
      ),
    ];
    // Twelve months read most of the cache: measured in a process of their own, with Node's default
    // heap, so the bench's own heap stays out of its heap peak and a report that runs out of memory
    // is reported as such (it held every timeline at once until reports were tallied in slices).
    const rounds12 = Math.max(MIN_ROUNDS, o.rounds);
    const year = await yearInItsOwnProcess({ databasePath: o.databasePath, now, rounds: rounds12 });
    if ('failed' in year) o.log(`  metrics over 12 months not measured: ${year.failed}`);
    else
      figures.push(
        metricsFigure(
          'local.metrics-12m',
          `metrics, 12 months and the 12 before, weekly trend, ${tickets.toLocaleString('en')} tickets`,
          year,
          rounds12,
          `a custom period of 12 months, compared, in a process of its own; ${year.reads}; its V8 heap peaked at ${year.heapPeakMb.toLocaleString('en')} MB of ${year.heapLimitMb.toLocaleString('en')} MB`,
        ),
      );
    return figures;
  } finally {
    setMe.run(me);
    core.close();
  }
}

/** What the narrowed read of `query` takes from the cache, for a figure's note. */
export async function whatItReads(
  repo: ReturnType<typeof createMetricsRepository>,
  query: MetricsQueryInput,
  now: number,
): Promise<string> {
  let tickets = 0;
  let fromEvents = 0;
  for await (const slice of repo.report(metricsRead(query, now), now).slices) {
    tickets += slice.tickets.length;
    fromEvents += slice.tickets.length - (slice.folded?.size ?? 0);
  }
  return `reads ${tickets.toLocaleString('en')} tickets, ${fromEvents.toLocaleString('en')} of them from their events`;
}

function metricsFigure(id: string, label: string, samples: { ours: number[]; base: number[] }, rounds: number, note: string): Figure {
  return figure({
    id,
    label,
    value: latency(percentiles(samples.ours)),
    baseline: { label: 'raw SQL: the windows’ events grouped by team and kind', value: latency(percentiles(samples.base)) },
    note:
      samples.ours.length < rounds
        ? `${note}; ${samples.ours.length} of ${rounds} rounds (the figure's ${FIGURE_BUDGET_MS / 60_000}-minute budget)`
        : note,
  });
}

/** Runs bench/metrics-year-process.ts; its samples, or why there are none. */
function yearInItsOwnProcess(run: YearRun): Promise<YearSamples | { failed: string }> {
  const script = fileURLToPath(new URL('./metrics-year-process.ts', import.meta.url));
  return new Promise((resolve) => {
    execFile(process.execPath, [script, JSON.stringify(run)], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve(JSON.parse(stdout) as YearSamples);
      const why = /heap out of memory/i.test(stderr) ? 'the report ran out of heap' : `its process ended with ${err.code ?? err.signal}`;
      resolve({ failed: `${why}: ${stderr.trim().split('\n').slice(-3).join(' / ')}` });
    });
  });
}

function daysBefore(now: number, days: number): number {
  return now - days * DAY;
}
