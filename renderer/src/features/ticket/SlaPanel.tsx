/**
 * The ticket's service levels (docs/sla.md, "The ticket's SLA panel"): each target its policy sets
 * (first reply, next reply, resolution) with its state read against the clock, by words and a mark
 * as well as colour; its due time; a countdown in the target's kind of hours (business hours on the
 * policy's calendar), live; since when it is paused; and the policy that applies.
 */
import { useId } from 'react';
import type { SlaTimerSnapshot, Ticket } from '../../../../shared/domain/records.ts';
import { businessMsBetween } from '../../../../shared/sla/business-time.ts';
import type { CalendarSpec } from '../../../../shared/sla/calendar.ts';
import { toCalendarSpec } from '../../../../shared/sla/records.ts';
import { SLA_METRICS } from '../../../../shared/sla/target.ts';
import { slaStateAt, type SlaLiveState } from '../../../../shared/sla/ticket-sla.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { slaMetricLabel } from './event-text.ts';

const MINUTE = 60_000;

/**
 * Whole minutes left before the timer's due instant at `now` (negative: overdue by that much),
 * counted in the target's kind of hours: open time on the calendar for business hours, clock time
 * otherwise. Null when there is no due instant (paused) or the calendar is not held here.
 */
export function remainingMinutes(timer: SlaTimerSnapshot, calendar: CalendarSpec | null, now: number): number | null {
  if (timer.dueAt === null) return null;
  if (timer.target.hours === 'calendar') return Math.trunc((timer.dueAt - now) / MINUTE);
  if (!calendar) return null;
  const ms = now <= timer.dueAt ? businessMsBetween(calendar, now, timer.dueAt) : -businessMsBetween(calendar, timer.dueAt, now);
  return Math.trunc(ms / MINUTE);
}

/** The mark each state carries besides its colour and words. */
const MARK: Record<SlaLiveState, string> = { running: '●', at_risk: '▲', paused: '❚❚', met: '✓', breached: '✕' };

export function SlaPanel({ ticket, now }: { ticket: Ticket; now: number }) {
  const { t, f } = useI18n();
  const ids = useId();
  const settings = useQuery('sla.settings', (api) => api.sla.settings({}), ['sla']);
  const sla = ticket.sla;
  const policy = settings.data?.policies.find((p) => p.id === sla?.policyId) ?? null;
  const calendarRecord = settings.data?.calendars.find((c) => c.id === sla?.calendarId) ?? null;
  const calendar = calendarRecord ? toCalendarSpec(calendarRecord) : null;

  const hm = (minutes: number) => {
    const size = Math.abs(minutes);
    const hours = Math.floor(size / 60);
    return hours ? t('slaPanel.hoursMinutes', { hours, minutes: size % 60 }) : t('slaPanel.minutes', { minutes: size });
  };
  const countdown = (timer: SlaTimerSnapshot, state: SlaLiveState): string | null => {
    if (state === 'met' || state === 'paused' || (state === 'breached' && timer.stoppedAt !== null)) return null;
    const left = remainingMinutes(timer, calendar, now);
    if (left === null) return null;
    const hours = timer.target.hours === 'business' ? t('slaPanel.businessHours') : t('slaPanel.calendarHours');
    return left >= 0 ? t('slaPanel.left', { time: hm(left), hours }) : t('slaPanel.overdue', { time: hm(left), hours });
  };

  const timers = sla ? SLA_METRICS.flatMap((metric) => (sla[metric] ? [{ metric, timer: sla[metric] }] : [])) : [];
  return (
    <section className="panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="panel-title">
        {t('slaPanel.title')}
      </h2>
      {!sla ? (
        <p className="muted">{t('slaPanel.none')}</p>
      ) : (
        <>
          <p className="sla-policy">{t('slaPanel.policy', { name: policy?.name ?? t('slaPanel.unknownPolicy') })}</p>
          {timers.length === 0 && <p className="muted">{t('slaPanel.noTargets')}</p>}
          <ul className="sla-targets" aria-label={t('slaPanel.targets')}>
            {timers.map(({ metric, timer }) => {
              const state = slaStateAt(timer, now);
              const left = countdown(timer, state);
              return (
                <li key={metric} className="sla-target" aria-labelledby={`${ids}-${metric}`}>
                  <span id={`${ids}-${metric}`} className="sla-target-name">
                    {slaMetricLabel(metric, t)}
                  </span>
                  <span className={`sla-state sla-state-${state}`}>
                    <span aria-hidden="true">{MARK[state]} </span>
                    {t(`slaPanel.state.${state}`)}
                  </span>
                  {timer.dueAt !== null && state !== 'met' && <span>{t('slaPanel.due', { at: f.dateTime(timer.dueAt) })}</span>}
                  {state === 'met' && timer.stoppedAt !== null && <span>{t('slaPanel.metAt', { at: f.dateTime(timer.stoppedAt) })}</span>}
                  {left && <span className="sla-countdown">{left}</span>}
                  {timer.pausedSince !== null && state === 'paused' && (
                    <span>{t('slaPanel.pausedSince', { at: f.dateTime(timer.pausedSince) })}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
