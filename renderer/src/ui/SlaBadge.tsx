import { useI18n } from '../i18n/use-i18n.ts';

/**
 * The ticket's SLA state at `now`, from its snapshot's figures: breached (a recorded breach, or a
 * timer now past due) or at risk (past the policy's share of the budget). Shown by its words and
 * a mark as well as its colour; nothing while the timers are comfortably within their targets.
 */
export function SlaBadge({
  dueAt,
  atRiskAt,
  breached,
  now,
}: {
  dueAt: number | null;
  atRiskAt: number | null;
  breached: boolean;
  now: number;
}) {
  const { t, f } = useI18n();
  const overdue = breached || (dueAt !== null && dueAt < now);
  if (!overdue && (atRiskAt === null || atRiskAt > now || dueAt === null)) return null;
  const time = dueAt === null ? null : f.duration(Math.abs(dueAt - now));
  return (
    <span className={`sla-badge ${overdue ? 'sla-overdue' : 'sla-soon'}`} title={dueAt === null ? undefined : f.dateTime(dueAt)}>
      <span aria-hidden="true">{overdue ? '✕ ' : '▲ '}</span>
      {overdue
        ? time !== null && dueAt !== null && dueAt < now
          ? t('sla.overdue', { time })
          : t('sla.breached')
        : t('sla.dueIn', { time: time ?? '' })}
    </span>
  );
}
