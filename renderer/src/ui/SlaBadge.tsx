import { SLA_AT_RISK_HORIZON_MS } from '../../../shared/domain/views.ts';
import { useI18n } from '../i18n/use-i18n.ts';

/** The next SLA due time, shown only when it is close or already past. */
export function SlaBadge({ dueAt, now }: { dueAt: number | null; now: number }) {
  const { t, f } = useI18n();
  if (dueAt === null || dueAt - now > SLA_AT_RISK_HORIZON_MS) return null;
  const overdue = dueAt <= now;
  const time = f.duration(dueAt - now);
  return (
    <span className={`sla-badge ${overdue ? 'sla-overdue' : 'sla-soon'}`} title={f.dateTime(dueAt)}>
      {overdue ? t('sla.overdue', { time }) : t('sla.dueIn', { time })}
    </span>
  );
}
