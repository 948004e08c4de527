/**
 * The narrowed read (only the tickets that can matter to the period and its previous one, their
 * kept folds or events, and the answers since), tallied a slice at a time, gives the same report as
 * reading every row and every event at once: random demo caches from several seeds, reports asked at several instants (before
 * some folds' latest events, so those are folded again from the events), over every kind of
 * period, with and without the previous period and filters, with late ratings of tickets quiet for
 * weeks, and writes after the folds.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { seedDemoDatabase } from '../../demo/seed.ts';
import { DEMO_NOW, tempDir } from '../../testing/fixtures.ts';
import { computeMetrics, startReport } from '../../../../shared/metrics/compute.ts';
import { metricsRead } from '../../../../shared/metrics/narrow.ts';
import type { MetricsQueryInput } from '../../../../shared/metrics/query.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { createMetricsRepository } from './metrics.ts';
import { createReadWorker, type ReadWorker } from '../../db/read-worker.ts';

const DAY = 86_400_000;

describe('the narrowed read of the metrics facts', () => {
  for (const seed of [3, 29, 101]) {
    it(`gives the report the full read gives (random cache, seed ${seed})`, async () => {
      const db = openDatabase(join(tempDir(), `narrow-${seed}.db`), { now: () => DEMO_NOW });
      seedDemoDatabase(db, { tickets: 500, seed, now: DEMO_NOW });
      // Late answers: ratings given now about tickets solved and quiet for weeks, so only the answer
      // puts them in a recent period (and a filter on their team must still find them).
      const quiet = db
        .prepare(
          `SELECT t.id, t.team_id FROM tickets t WHERE t.status IN ('solved', 'closed')
             AND (SELECT max(at) FROM ticket_events e WHERE e.ticket_id = t.id) < ? ORDER BY t.id LIMIT 12`,
        )
        .all(DEMO_NOW - 40 * DAY) as { id: string; team_id: string }[];
      expect(quiet.length).toBeGreaterThan(0);
      const answer = db.prepare(
        `INSERT INTO feedback (id, tenant_id, kind, score, ticket_id, created_at, updated_at)
         SELECT ?, tenant_id, 'csat', ?, id, ?, ? FROM tickets WHERE id = ?`,
      );
      quiet.forEach(({ id }, i) => answer.run(uuidv7(), 1 + (i % 5), DEMO_NOW - i * DAY, DEMO_NOW - i * DAY, id));
      // Early answers: ratings from long before the period about tickets solved in it (rated, reopened,
      // solved again), so the ticket counts as rated although no answer of the period is about it.
      const solvedLately = db
        .prepare(
          `SELECT DISTINCT ticket_id FROM ticket_events WHERE kind = 'status' AND to_value = '"solved"' AND at >= ? ORDER BY ticket_id LIMIT 12`,
        )
        .pluck()
        .all(DEMO_NOW - 5 * DAY) as string[];
      expect(solvedLately.length).toBeGreaterThan(0);
      solvedLately.forEach((id, i) => answer.run(uuidv7(), 1 + (i % 5), DEMO_NOW - (70 + i) * DAY, DEMO_NOW - 70 * DAY, id));
      // Slices of 37 tickets: every narrowed read here crosses slice boundaries.
      const repo = createMetricsRepository(db, { readSlice: 37 });
      // Every fold is stale after the seed: this reads every event.
      const all = await repo.facts(null, DEMO_NOW);
      expect(all.folded?.size).toBe(0);
      repo.foldEveryStale(64);
      const team = quiet[0]!.team_id;
      const agent = all.tickets.find((t) => t.assigneeId !== null)!.assigneeId!;
      const queries: MetricsQueryInput[] = [
        { period: 'today' },
        { period: '7d', granularity: 'week' },
        { period: '30d' },
        { period: '30d', compare: false, filters: { teamIds: [team] } },
        { period: '90d', timeZone: 'Asia/Shanghai', filters: { channels: ['email', 'chat'] } },
        { period: 'this_month', filters: { agentIds: [agent], priorities: ['high', 'urgent'] } },
        { period: 'this_quarter', fcr: 'no_follow_up', cesScale: 10 },
        { period: 'custom', from: '2025-06-01', to: '2026-01-15', timeZone: 'America/New_York', granularity: 'week' },
      ];
      let narrower = 0;
      let unfolded = 0;
      for (const now of [DEMO_NOW, DEMO_NOW - 11 * DAY - 3_600_000, DEMO_NOW - 45 * DAY]) {
        for (const query of queries) {
          const read = metricsRead(query, now);
          expect(read).not.toBeNull();
          const facts = await repo.facts(read, now);
          if (facts.tickets.length < all.tickets.length) narrower++;
          if (now === DEMO_NOW) expect(facts.folded!.size).toBe(facts.tickets.length);
          else unfolded += facts.tickets.length - facts.folded!.size;
          // As Core computes it: tallied a slice at a time.
          const { context, slices } = repo.report(read, now);
          const report = startReport(context, query, now);
          for await (const slice of slices) report.add(slice);
          expect(report.finish(), JSON.stringify({ query, now })).toEqual(computeMetrics(all, query, now));
        }
      }
      // The point of it: most reports leave some tickets unread, and read folds, not events.
      expect(narrower).toBeGreaterThan(queries.length);
      // A report for an earlier instant folds again the logs holding later events.
      expect(unfolded).toBeGreaterThan(0);
      db.close();
    });
  }

  it('lets other work run between its slices, so a long read does not hold the console', async () => {
    const db = openDatabase(join(tempDir(), 'narrow-turns.db'), { now: () => DEMO_NOW });
    seedDemoDatabase(db, { tickets: 300, seed: 5, now: DEMO_NOW });
    const repo = createMetricsRepository(db, { readSlice: 40 });
    let turns = 0;
    let reading = true;
    const other = () => {
      turns++;
      if (reading) setImmediate(other);
    };
    setImmediate(other);
    const facts = await repo.facts(metricsRead({ period: '90d' }, DEMO_NOW), DEMO_NOW);
    reading = false;
    expect(facts.tickets.length).toBeGreaterThan(80);
    // A turn between every two slices of 40.
    expect(turns).toBeGreaterThanOrEqual(Math.floor((facts.tickets.length - 1) / 40));
    db.close();
  });

  it('ends with UNAVAILABLE when the cache closes between its slices', async () => {
    const db = openDatabase(join(tempDir(), 'narrow-closed.db'), { now: () => DEMO_NOW });
    seedDemoDatabase(db, { tickets: 300, seed: 5, now: DEMO_NOW });
    const repo = createMetricsRepository(db, { readSlice: 40 });
    const reading = repo.facts(metricsRead({ period: '90d' }, DEMO_NOW), DEMO_NOW);
    db.close();
    await expect(reading).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('reads each slice after the first on the read worker, and reads it here when the worker fails: the same report', async () => {
    const path = join(tempDir(), 'narrow-worker.db');
    const db = openDatabase(path, { now: () => DEMO_NOW });
    seedDemoDatabase(db, { tickets: 300, seed: 5, now: DEMO_NOW });
    const worker = createReadWorker(path);
    let asked = 0;
    let failing = false;
    const reads: ReadWorker = {
      all: (sql, params) => (asked++, failing ? Promise.reject(new Error('the worker died')) : worker.all(sql, params)),
      close: () => worker.close(),
    };
    const query: MetricsQueryInput = { period: '90d', filters: { channels: ['email', 'chat'] } };
    const reportWith = async (options: Parameters<typeof createMetricsRepository>[1]) => {
      const { context, slices } = createMetricsRepository(db, options).report(metricsRead(query, DEMO_NOW), DEMO_NOW);
      const report = startReport(context, query, DEMO_NOW);
      let count = 0;
      for await (const slice of slices) {
        report.add(slice);
        count++;
      }
      return { report: report.finish(), slices: count };
    };
    const here = await reportWith({ readSlice: 30 });
    expect(here.slices).toBeGreaterThan(2);
    expect(await reportWith({ readSlice: 30, reads })).toEqual(here);
    expect(asked).toBe(here.slices - 1);
    failing = true;
    expect(await reportWith({ readSlice: 30, reads })).toEqual(here);
    expect(asked).toBe(2 * (here.slices - 1));
    worker.close();
    db.close();
  });

  it('reads everything for a query it cannot read, so the report says what is wrong', () => {
    expect(metricsRead({ period: 'custom' }, DEMO_NOW)).toBeNull();
    expect(metricsRead({ period: '30d' }, -1)).toBeNull();
  });
});
