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
/** Above this many tickets the figures that read every row are left out (see metricsFigures). */
const EVERY_ROW_LIMIT = 200_000;

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
  // The events of the windows grouped by the ticket's team and the event's kind: the least any
  // program reads to count the period.
  const rawAggregate = raw.prepare(
    `SELECT t.team_id, e.kind, count(*) AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
      WHERE e.at >= ? AND e.at <= ? GROUP BY t.team_id, e.kind`,
  );
  const core = openCore({ databasePath: o.databasePath, transport: 'direct', log: () => {}, integrityCheckDelayMs: null, now: () => now });
  setMe.run(supervisor);
  try {
    const report = async (query: MetricsQueryInput) => {
      const result = await core.dispatch('metrics.compute', query);
      if (!result.ok) throw new Error(`metrics.compute: ${result.error.code} ${result.error.message}`);
    };
    const today = DateTime.fromMillis(now, { zone: 'UTC' });
    const year: MetricsQueryInput = {
      period: 'custom',
      from: today.minus({ months: 12 }).plus({ days: 1 }).toISODate()!,
      to: today.toISODate()!,
      granularity: 'week',
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
      const ours: number[] = [];
      const base: number[] = [];
      // Interleaved rounds, so a noisy neighbour hurts both sides alike. A report that takes tens of
      // seconds (1M tickets) stops after MIN_ROUNDS once the figure has had its time budget: forty
      // rounds of it would hold a full run for over an hour, and the note says how many were taken.
      const started = performance.now();
      for (let r = 0; r < rounds && (r < MIN_ROUNDS || performance.now() - started < FIGURE_BUDGET_MS); r++) {
        const query = queries[r % queries.length]!;
        ours.push(...(await sampleMany(1, () => report(query), { between: o.sample })));
        base.push(...(await sampleMany(1, () => rawAggregate.all(since, now), { between: o.sample })));
      }
      return figure({
        id,
        label: `${label}, ${tickets.toLocaleString('en')} tickets`,
        value: latency(percentiles(ours)),
        baseline: { label: 'raw SQL: the windows’ events grouped by team and kind', value: latency(percentiles(base)) },
        note:
          ours.length < rounds
            ? `${note}; ${ours.length} of ${rounds} rounds (the figure's ${FIGURE_BUDGET_MS / 60_000}-minute budget)`
            : note,
      });
    };
    const rounds = Math.max(5, o.rounds * 2);
    const month = daysBefore(now, 60);
    // What the narrowed read leaves out, and what reading every row costs.
    const repo = createMetricsRepository(raw);
    const read = async (query: MetricsQueryInput) => {
      const facts = await repo.facts(metricsRead(query, now), now);
      const fromEvents = facts.tickets.length - (facts.folded?.size ?? 0);
      return `reads ${facts.tickets.length.toLocaleString('en')} tickets, ${fromEvents.toLocaleString('en')} of them from their events`;
    };
    // Every row of a large cache (a million timelines: over 3 GB of heap at 1M) is more than the
    // bench process holds: the comparison with reading everything, and the twelve months (which
    // read everything), stop here.
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
    if (large) o.log(`  metrics over 12 months not measured: they hold all ${tickets.toLocaleString('en')} tickets' timelines at once`);
    else
      figures.push(
        await measure(
          'local.metrics-12m',
          'metrics, 12 months and the 12 before, weekly trend',
          [year],
          daysBefore(now, 2 * 366),
          Math.max(3, o.rounds),
          `a custom period of 12 months, compared; ${await read(year)}`,
        ),
      );
    return figures;
  } finally {
    setMe.run(me);
    core.close();
  }
}

function daysBefore(now: number, days: number): number {
  return now - days * DAY;
}
