/**
 * An account's health: its score, and where known its trend (a sparkline of its history) and the
 * reasons behind it. Today the score is the stored one; the health feature's `accounts.health`
 * channel ({ score, band, reasons, history }) fills `history` and `reasons` when it lands.
 */
import { useI18n } from '../../i18n/use-i18n.ts';

export interface HealthHistoryPoint {
  day: string;
  score: number;
}

export function HealthScore({
  score,
  history = [],
  reasons = [],
  compact = false,
}: {
  score: number | null;
  history?: readonly HealthHistoryPoint[];
  reasons?: readonly string[];
  compact?: boolean;
}) {
  const { t } = useI18n();
  if (score === null) return <span className="muted">{t('accounts.healthUnknown')}</span>;
  return (
    <span className="health">
      <meter min={0} max={100} low={40} high={70} optimum={100} value={score} aria-label={t('accounts.health')} />
      {t('accounts.healthValue', { score })}
      {history.length > 1 && <Sparkline points={history.map((p) => p.score)} label={t('accounts.healthTrend')} />}
      {!compact && reasons.length > 0 && (
        <ul className="health-reasons">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </span>
  );
}

/** Scores 0-100 as a small line, oldest on the left. */
function Sparkline({ points, label }: { points: readonly number[]; label: string }) {
  const width = 60;
  const height = 16;
  const step = width / (points.length - 1);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${(height - (p / 100) * height).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={label}>
      <path d={path} fill="none" stroke="currentColor" strokeWidth={1.5} />
    </svg>
  );
}
