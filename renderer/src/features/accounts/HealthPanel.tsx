/**
 * The account's health on its page (docs/health-score.md): the score now with its band, every
 * point lost in words, the daily history as a chart with the band lines, and the 7-day trend
 * ("-12 in 7 days", flagged when it is a fall). Read through accounts.health, so it is live from
 * the cache for the account's owner, supervisors and admins, and the server's daily score for
 * anyone else.
 */
import { healthFell, healthTrend, TREND_DAYS, type HealthDay } from '../../../../shared/health/trend.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { HealthScore } from './HealthScore.tsx';

/** The account's health as accounts.health gives it, kept up to date with what the score reads. */
export function useAccountHealth(accountId: string) {
  return useQuery(`account-health:${accountId}`, (api) => api.accounts.health({ accountId }), [
    'account',
    'ticket',
    'interaction',
    'feedback',
    'task',
  ]);
}

export function HealthPanel({ accountId }: { accountId: string }) {
  const { t, locale } = useI18n();
  const health = useAccountHealth(accountId);
  const data = health.data;
  const trend = data ? healthTrend(data.history) : null;
  return (
    <section className="panel health-panel" aria-labelledby="health-title">
      <h2 id="health-title" className="panel-title">
        {t('accounts.health')}
      </h2>
      {!data ? (
        <p className="muted">{health.status === 'error' ? t('health.unavailable') : t('state.loading')}</p>
      ) : (
        <>
          <p className="health-now">
            <HealthScore score={data.score} />
            {data.band && <span className={`chip chip-band-${data.band}`}>{t(`health.band.${data.band}`)}</span>}
            <TrendFigure trend={trend} />
            {data.source === 'daily' && <span className="muted">{t('health.dailyOnly')}</span>}
          </p>
          {data.reasons.length > 0 && (
            <ul className="health-reasons" aria-label={t('health.reasons')}>
              {data.reasons.map((r) => (
                <li key={r.code}>{locale === 'zh-CN' ? r.text.zh : r.text.en}</li>
              ))}
            </ul>
          )}
          <HealthChart history={data.history} />
        </>
      )}
    </section>
  );
}

/** "-12 in 7 days" (a fall in the warning colour), "+3 in 7 days", or "No trend yet". */
export function TrendFigure({ trend, compact = false }: { trend: number | null; compact?: boolean }) {
  const { t, f } = useI18n();
  if (trend === null) return compact ? <span className="muted">—</span> : <span className="muted">{t('health.noTrend')}</span>;
  const signed = `${trend > 0 ? '+' : trend < 0 ? '−' : '±'}${f.number(Math.abs(trend))}`;
  const fell = healthFell(trend);
  return (
    <span className={fell ? 'health-trend health-fell' : 'health-trend'} title={t('health.trendHelp', { days: TREND_DAYS })}>
      {compact ? signed : t('health.trend', { change: signed, days: TREND_DAYS })}
      {fell && !compact && <> · {t('health.fell')}</>}
    </span>
  );
}

const WIDTH = 560;
const HEIGHT = 140;
const PAD = { left: 28, right: 8, top: 8, bottom: 20 };

/**
 * The daily scores as a line over time (a gap in the days is a longer segment), with the
 * "watch" (70) and "at risk" (40) lines; a summary for screen readers, the first and last day
 * under the axis.
 */
function HealthChart({ history }: { history: readonly HealthDay[] }) {
  const { t, f } = useI18n();
  const first = history[0];
  const last = history.at(-1);
  if (!first || !last || history.length < 2) return <p className="muted">{t('health.noHistory')}</p>;
  const dayOf = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const span = Math.max(1, dayOf(last.day) - dayOf(first.day));
  const x = (d: string) => PAD.left + ((dayOf(d) - dayOf(first.day)) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (score: number) => PAD.top + (1 - score / 100) * (HEIGHT - PAD.top - PAD.bottom);
  const path = history.map((h, i) => `${i === 0 ? 'M' : 'L'}${x(h.day).toFixed(1)},${y(h.score).toFixed(1)}`).join(' ');
  const summary = t('health.chartSummary', {
    count: history.length,
    from: f.calendarDate(first.day),
    fromScore: first.score,
    to: f.calendarDate(last.day),
    toScore: last.score,
  });
  return (
    <figure className="health-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        {[100, 70, 40, 0].map((line) => (
          <g key={line}>
            <line
              className={`health-chart-line health-chart-line-${line}`}
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(line)}
              y2={y(line)}
            />
            <text className="health-chart-label" x={PAD.left - 4} y={y(line) + 4} textAnchor="end">
              {line}
            </text>
          </g>
        ))}
        <path className="health-chart-score" d={path} />
        <text className="health-chart-label" x={PAD.left} y={HEIGHT - 4}>
          {f.calendarDate(first.day)}
        </text>
        <text className="health-chart-label" x={WIDTH - PAD.right} y={HEIGHT - 4} textAnchor="end">
          {f.calendarDate(last.day)}
        </text>
      </svg>
      <figcaption className="muted">{t('accounts.healthTrend')}</figcaption>
    </figure>
  );
}
