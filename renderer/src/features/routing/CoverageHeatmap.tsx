/**
 * The coverage heatmap of a team's week (docs/routing.md, "Coverage heatmap"): a row per day, a
 * cell per hour, each reading "scheduled / required" agents, under-staffed hours marked in colour
 * and in words. Hours are the tenant's local hours, as the forecast counts them. Below it, the
 * team's staffing assumptions the required agents are computed with, editable.
 */
import { useState } from 'react';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { StaffingAssumptions } from './StaffingAssumptions.tsx';

const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function CoverageHeatmap({ weekOf, teams }: { weekOf: number; teams: readonly { id: string; name: string }[] }) {
  const { t, f } = useI18n();
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const data = useQuery(`routing.coverage:${teamId}:${weekOf}`, (a) => a.routing.coverage({ teamId, weekOf }), ['routing', 'ticket']);
  if (!teamId) return null;
  const one = (n: number) => f.number(Math.round(n * 10) / 10);
  return (
    <section className="panel coverage" aria-labelledby="coverage-title">
      <h2 id="coverage-title" className="panel-title">
        {t('coverage.title')}
      </h2>
      <label className="routing-check">
        {t('routing.team')}{' '}
        <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      {data.status === 'loading' && <Loading />}
      {data.status === 'error' && <ErrorState error={data.error} onRetry={data.reload} />}
      {data.status === 'ready' && (
        <>
          <p className="muted">
            {t('coverage.legend', { weeks: data.data.weeksObserved, zone: data.data.timeZone })}{' '}
            {t('coverage.under', {
              count: data.data.cells.filter((c) => c.understaffed).length,
            })}
          </p>
          <div className="roster-scroll">
            <table className="coverage-table">
              <caption className="visually-hidden">{t('coverage.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('coverage.day')}</th>
                  {Array.from({ length: 24 }, (_, h) => (
                    <th key={h} scope="col">
                      {String(h).padStart(2, '0')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {DAY_KEYS.map((day, d) => (
                  <tr key={day}>
                    <th scope="row">{t(`coverage.day.${day}`)}</th>
                    {data.data.cells.slice(d * 24, d * 24 + 24).map((c) => (
                      <td
                        key={c.hourOfWeek}
                        className={c.understaffed ? 'coverage-under' : c.required > 0 ? 'coverage-ok' : undefined}
                        title={t('coverage.cell', { scheduled: one(c.scheduled), required: c.required })}
                      >
                        {c.required > 0 || c.scheduled > 0 ? `${one(c.scheduled)}/${c.required}` : ''}
                        {c.understaffed && <span className="visually-hidden"> {t('coverage.understaffed')}</span>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <StaffingAssumptions key={teamId} assumptions={data.data.assumptions} custom={data.data.custom} />
        </>
      )}
    </section>
  );
}
