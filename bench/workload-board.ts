/**
 * The supervisor's workload board (docs/metrics.md, "Workload board") over the bench cache: one
 * board.workload call through Core's dispatch against the bare SQL aggregate over the same rows
 * (the unsolved tickets grouped by assignee, team, status and priority). The board is for
 * supervisors, so the cache's person is a supervisor while it is measured, then put back.
 */
import type { Database } from 'better-sqlite3';
import type { Core } from '../electron/core/index.ts';
import { figure, latency, type Figure } from './figures.ts';
import { percentiles, sampleMany } from './measure.ts';

export async function workloadBoardFigure(core: Core, raw: Database, o: { rounds: number; sample: () => void }): Promise<Figure> {
  const me = raw.prepare('SELECT user_id FROM sync_state WHERE id = 1').pluck().get() as string | null;
  const supervisor = raw.prepare("SELECT id FROM users WHERE role = 'supervisor' AND active = 1 ORDER BY id LIMIT 1").pluck().get() as
    string | undefined;
  if (!supervisor) throw new Error('the bench cache has no supervisor to look at the workload board');
  const setMe = raw.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1');
  const rawAggregate = raw.prepare(
    `SELECT assignee_id, team_id, status, priority, count(*) AS n FROM tickets
     WHERE status IN ('new', 'open', 'pending', 'on_hold') GROUP BY assignee_id, team_id, status, priority`,
  );
  setMe.run(supervisor);
  try {
    const board = async () => {
      const result = await core.dispatch('board.workload', {});
      if (!result.ok) throw new Error(`board.workload: ${result.error.code} ${result.error.message}`);
    };
    const ours: number[] = [];
    const base: number[] = [];
    await board();
    rawAggregate.all();
    // Interleaved rounds, so a noisy neighbour hurts both sides alike.
    for (let r = 0; r < o.rounds; r++) {
      ours.push(...(await sampleMany(5, board, { between: o.sample })));
      base.push(...(await sampleMany(5, () => rawAggregate.all(), { between: o.sample })));
    }
    const tickets = raw.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
    return figure({
      id: 'local.workload-board',
      label: `workload board, per person and per team, ${tickets.toLocaleString('en')} tickets`,
      value: latency(percentiles(ours)),
      baseline: { label: 'raw SQL: unsolved tickets grouped by assignee, team, status and priority', value: latency(percentiles(base)) },
      note: 'board.workload adds the SLA states, age buckets, unattended counts and the customers waiting per person',
    });
  } finally {
    setMe.run(me);
  }
}
