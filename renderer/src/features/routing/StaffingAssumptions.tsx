/**
 * A team's staffing assumptions, edited beside its coverage heatmap (docs/routing.md, "Coverage
 * heatmap"): average handle time per channel, the service level chat and phone are staffed to,
 * the occupancy target of the other channels, the weeks of history the forecast averages, and
 * whether shift swaps wait for a supervisor's approval. Saved
 * as one `staffing.set`; a refusal is shown beside the button and nothing is saved.
 */
import { useState, type FormEvent } from 'react';
import { CHANNELS, type Channel } from '../../../../shared/domain/enums.ts';
import type { StaffingAssumptionFields } from '../../../../shared/routing/records.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

/** Percent as typed, to the share the record keeps (80 → 0.8), without float noise. */
const share = (percent: string) => Math.round(Number(percent) * 100) / 10_000;
const percent = (value: number) => String(Math.round(value * 10_000) / 100);

export function StaffingAssumptions({ assumptions, custom }: { assumptions: StaffingAssumptionFields; custom: boolean }) {
  const api = useApi();
  const { t, l } = useI18n();
  const [aht, setAht] = useState<Record<Channel, string>>(
    () => Object.fromEntries(CHANNELS.map((c) => [c, String(assumptions.ahtSeconds[c] ?? '')])) as Record<Channel, string>,
  );
  const [serviceLevel, setServiceLevel] = useState(percent(assumptions.serviceLevel));
  const [answerSeconds, setAnswerSeconds] = useState(String(assumptions.answerSeconds));
  const [occupancy, setOccupancy] = useState(percent(assumptions.occupancyTarget));
  const [weeks, setWeeks] = useState(String(assumptions.forecastWeeks));
  const [approval, setApproval] = useState(assumptions.swapsNeedApproval);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    // An empty handle time: the channel is not staffed.
    const ahtSeconds: Partial<Record<Channel, number>> = {};
    for (const c of CHANNELS) if (aht[c].trim() !== '') ahtSeconds[c] = Number(aht[c]);
    runMutation(api, 'staffing.set', {
      teamId: assumptions.teamId,
      ahtSeconds,
      serviceLevel: share(serviceLevel),
      answerSeconds: Number(answerSeconds),
      occupancyTarget: share(occupancy),
      forecastWeeks: Number(weeks),
      swapsNeedApproval: approval,
    })
      .then(() => setMessage({ ok: true, text: t('routing.saved') }))
      .catch((err: unknown) => setMessage({ ok: false, text: t('routing.saveFailed', { reason: l.error(asAppError(err).code) }) }));
  };

  return (
    <form className="staffing-form" onSubmit={submit} aria-labelledby="staffing-title">
      <h3 id="staffing-title" className="panel-subtitle">
        {t('staffing.title')} <span className="muted">{custom ? t('staffing.own') : t('staffing.defaults')}</span>
      </h3>
      <fieldset className="routing-capacity">
        <legend>{t('staffing.aht')}</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="routing-check">
            {l.channel(c)}{' '}
            <input
              type="number"
              inputMode="numeric"
              className="routing-number"
              value={aht[c]}
              aria-label={t('staffing.ahtOf', { channel: l.channel(c) })}
              onChange={(e) => setAht((a) => ({ ...a, [c]: e.target.value }))}
            />
          </label>
        ))}
      </fieldset>
      <div className="staffing-targets">
        <label className="routing-check">
          {t('staffing.serviceLevel')}{' '}
          <input type="number" className="routing-number" value={serviceLevel} onChange={(e) => setServiceLevel(e.target.value)} />
        </label>
        <label className="routing-check">
          {t('staffing.answerSeconds')}{' '}
          <input type="number" className="routing-number" value={answerSeconds} onChange={(e) => setAnswerSeconds(e.target.value)} />
        </label>
        <label className="routing-check">
          {t('staffing.occupancy')}{' '}
          <input type="number" className="routing-number" value={occupancy} onChange={(e) => setOccupancy(e.target.value)} />
        </label>
        <label className="routing-check">
          {t('staffing.weeks')} <input type="number" className="routing-number" value={weeks} onChange={(e) => setWeeks(e.target.value)} />
        </label>
        <label className="routing-check">
          <input type="checkbox" checked={approval} onChange={(e) => setApproval(e.target.checked)} /> {t('staffing.swapsNeedApproval')}
        </label>
        <button type="submit" className="button button-small">
          {t('staffing.save')}
        </button>
        {message && (
          <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'muted' : 'field-error'}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
