/**
 * Forecast and coverage (docs/routing.md, "Forecast" and "Coverage") for the team with the most
 * history in the bench cache, through Core's dispatch: one `routing.coverage` call reads the
 * team's arrivals of the weeks the forecast averages, forecasts every hour of the coming week per
 * channel, turns it into required agents (workload for e-mail-like channels, Erlang C for chat and
 * phone) and lays the week's roster against it. The team's assumptions are set to average 52 weeks,
 * so the forecast reads the whole twelve months the demo tenant spans (the issue's "a team with 12
 * months of history"). Against one raw SQL aggregate over the same rows: the arrivals counted per
 * UTC hour of the week and channel. The heatmap is for supervisors, so the cache's person is a
 * supervisor while it is measured, then put back along with the team's assumptions.
 */
import type { Database } from 'better-sqlite3';
import type { Core } from '../electron/core/index.ts';
import { defaultAssumptions } from '../shared/staffing/defaults.ts';
import { figure, latency, type Figure } from './figures.ts';
import { percentiles, sampleMany } from './measure.ts';

const WEEKS = 52;
const WEEK_MS = 7 * 86_400_000;

export async function forecastCoverageFigure(core: Core, raw: Database, o: { rounds: number; sample: () => void }): Promise<Figure> {
  const me = raw.prepare('SELECT user_id FROM sync_state WHERE id = 1').pluck().get() as string | null;
  const supervisor = raw.prepare("SELECT id FROM users WHERE role = 'supervisor' AND active = 1 ORDER BY id LIMIT 1").pluck().get() as
    string | undefined;
  if (!supervisor) throw new Error('the bench cache has no supervisor to look at the coverage heatmap');
  const busiest = raw.prepare('SELECT team_id AS teamId, count(*) AS n FROM tickets GROUP BY team_id ORDER BY n DESC LIMIT 1').get() as
    { teamId: string; n: number } | undefined;
  if (!busiest) throw new Error('the bench cache has no tickets to forecast from');
  const { teamId } = busiest;
  const weekOf = raw.prepare('SELECT max(created_at) FROM tickets').pluck().get() as number;
  const saved = raw.prepare('SELECT * FROM staffing_assumptions WHERE id = ?').get(teamId) as Record<string, unknown> | undefined;
  const setMe = raw.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1');
  const rawAggregate = raw.prepare(
    `SELECT channel, (CAST(strftime('%w', created_at / 1000, 'unixepoch') AS INTEGER) * 24
                      + CAST(strftime('%H', created_at / 1000, 'unixepoch') AS INTEGER)) AS hour, count(*) AS n
       FROM tickets WHERE team_id = ? AND created_at >= ? AND created_at < ? GROUP BY channel, hour`,
  );
  const call = async (channel: string, input: unknown) => {
    const result = await core.dispatch(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  setMe.run(supervisor);
  try {
    await call('mutations.run', { name: 'staffing.set', args: { ...defaultAssumptions(teamId), forecastWeeks: WEEKS } });
    const coverage = () => call('routing.coverage', { teamId, weekOf }) as Promise<{ weeksObserved: number; cells: unknown[] }>;
    const first = await coverage();
    const aggregate = () => rawAggregate.all(teamId, weekOf - WEEKS * WEEK_MS, weekOf);
    aggregate();
    const ours: number[] = [];
    const base: number[] = [];
    // Interleaved rounds, so a noisy neighbour hurts both sides alike.
    for (let r = 0; r < o.rounds; r++) {
      ours.push(...(await sampleMany(3, coverage, { between: o.sample })));
      base.push(...(await sampleMany(3, aggregate, { between: o.sample })));
    }
    const arrivals = raw
      .prepare('SELECT count(*) FROM tickets WHERE team_id = ? AND created_at >= ? AND created_at < ?')
      .pluck()
      .get(teamId, weekOf - WEEKS * WEEK_MS, weekOf) as number;
    return figure({
      id: 'local.forecast-coverage',
      label: `forecast and coverage of a week, ${WEEKS} weeks of history (${arrivals.toLocaleString('en')} tickets of one team)`,
      value: latency(percentiles(ours)),
      baseline: { label: 'raw SQL: the same arrivals counted per UTC hour of the week and channel', value: latency(percentiles(base)) },
      note: `routing.coverage for the busiest team: ${first.weeksObserved} weeks observed, ${first.cells.length} hours of the week in the heatmap`,
    });
  } finally {
    // Leave the cache as it was: the team's own assumptions back (or none), the person back.
    raw.prepare('DELETE FROM staffing_assumptions WHERE id = ?').run(teamId);
    if (saved) {
      const columns = Object.keys(saved);
      raw.prepare(`INSERT INTO staffing_assumptions (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(saved);
    }
    setMe.run(me);
  }
}
