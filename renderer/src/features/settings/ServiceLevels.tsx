/**
 * Settings, "Service levels" (supervisors and admins, whom slaPolicy.* allows): the SLA policies in
 * the order they are tried, moved up or down by keyboard or pointer, switched on or off, what
 * happens when one of their targets breaches, and a
 * preview computed with the shared engine: when a high-priority e-mail ticket created now is due.
 */
import { useState } from 'react';
import { canManageSla } from '../../../../shared/domain/permissions.ts';
import { addBusinessMinutes } from '../../../../shared/sla/business-time.ts';
import { matchPolicy } from '../../../../shared/sla/policy.ts';
import { toCalendarSpec, type BreachActions, type BusinessCalendar, type SlaPolicy } from '../../../../shared/sla/records.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { FormError } from '../../ui/FormError.tsx';

/** When a ticket with these facts, created at `now`, is due for first reply and resolution under the policies in order. */
export function previewDue(policies: readonly SlaPolicy[], calendars: readonly BusinessCalendar[], now: number) {
  const facts = {
    priority: 'high',
    channel: 'email',
    type: 'question',
    teamId: null,
    tags: [],
    accountTier: null,
    customerType: null,
  } as const;
  const policy = matchPolicy(
    policies.filter((p) => p.active),
    facts,
  );
  const calendar = calendars.find((c) => c.id === policy?.calendarId);
  const due = (metric: 'firstReply' | 'resolution') => {
    const target = policy?.targets.high?.[metric];
    if (!target) return null;
    if (target.hours === 'calendar') return now + target.minutes * 60_000;
    return calendar ? addBusinessMinutes(toCalendarSpec(calendar), now, target.minutes) : null;
  };
  return { policy, firstReply: due('firstReply'), resolution: due('resolution') };
}

export function ServiceLevels({ now }: { now: () => number }) {
  const api = useApi();
  const { t, f, l } = useI18n();
  const { user: me } = useSession();
  const settings = useQuery('sla.settings', (a) => a.sla.settings({}), ['sla']);
  const [error, setError] = useState<string | null>(null);
  if (!me || !canManageSla({ id: me.id, tenantId: me.tenantId, role: me.role, teamIds: me.teamIds })) return null;

  /** The policy as it is, with other breach actions: an edit like any other (a new revision). */
  const savePolicy = (p: SlaPolicy, breachActions: BreachActions) => {
    const { id, name, conditions, targets, atRiskShare, runningStatuses, position, calendarId } = p;
    return runMutation(api, 'slaPolicy.upsert', {
      id,
      name,
      conditions,
      targets,
      atRiskShare,
      runningStatuses,
      position,
      calendarId,
      breachActions,
    });
  };

  const change = (p: Promise<unknown>) => {
    setError(null);
    p.catch((err: unknown) => setError(t('sla.saveFailed', { reason: l.error(asAppError(err).code) })));
  };

  return (
    <section className="panel" aria-labelledby="sla-title">
      <h2 id="sla-title" className="panel-title">
        {t('sla.title')}
      </h2>
      {settings.status === 'loading' && <Loading />}
      {settings.status === 'error' && <ErrorState error={settings.error} onRetry={settings.reload} />}
      {settings.status === 'ready' &&
        (() => {
          const { policies, calendars } = settings.data;
          const move = (from: number, to: number) => {
            const ids = policies.map((p) => p.id);
            const [id] = ids.splice(from, 1);
            ids.splice(to, 0, id!);
            change(runMutation(api, 'slaPolicy.reorder', { ids }));
          };
          const preview = previewDue(policies, calendars, now());
          return (
            <>
              <ol className="sla-policies" aria-label={t('sla.order')}>
                {policies.map((p, i) => (
                  <li key={p.id}>
                    <span>{p.name}</span> <span className="muted">{p.active ? t('sla.active') : t('sla.inactive')}</span>{' '}
                    <button
                      type="button"
                      className="button button-small"
                      disabled={i === 0}
                      aria-label={t('sla.moveUp', { name: p.name })}
                      onClick={() => move(i, i - 1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      disabled={i === policies.length - 1}
                      aria-label={t('sla.moveDown', { name: p.name })}
                      onClick={() => move(i, i + 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => change(runMutation(api, 'slaPolicy.setActive', { id: p.id, active: !p.active }))}
                    >
                      {p.active ? t('sla.deactivate', { name: p.name }) : t('sla.activate', { name: p.name })}
                    </button>
                    <BreachActionsField policy={p} onChange={(breachActions) => change(savePolicy(p, breachActions))} />
                  </li>
                ))}
              </ol>
              <FormError>{error}</FormError>
              <p className="muted" aria-live="polite">
                {preview.policy
                  ? t('sla.preview', {
                      policy: preview.policy.name,
                      firstReply: preview.firstReply === null ? t('sla.noTarget') : f.dateTime(preview.firstReply),
                      resolution: preview.resolution === null ? t('sla.noTarget') : f.dateTime(preview.resolution),
                    })
                  : t('sla.previewNone')}
              </p>
            </>
          );
        })()}
    </section>
  );
}

const BREACH_ACTIONS = [
  'notifyAssignee',
  'notifySupervisors',
  'raisePriority',
  'escalate',
] as const satisfies readonly (keyof BreachActions)[];

/** What the server's breach job does when a timer under this policy breaches (docs/sla.md, "Breach actions"). */
function BreachActionsField({ policy, onChange }: { policy: SlaPolicy; onChange: (actions: BreachActions) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="sla-breach-actions">
      <legend>{t('sla.breachActions', { name: policy.name })}</legend>
      {BREACH_ACTIONS.map((action) => (
        <label key={action} className="checkbox-field">
          <input
            type="checkbox"
            checked={policy.breachActions[action]}
            onChange={(e) => onChange({ ...policy.breachActions, [action]: e.target.checked })}
          />{' '}
          {t(`sla.breachAction.${action}`)}
        </label>
      ))}
    </fieldset>
  );
}
