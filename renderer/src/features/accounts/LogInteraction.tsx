/**
 * "Log interaction" (L on the account page): a call, meeting, e-mail or note with the account,
 * its contact, summary, duration and outcome, and an NPS score the contact gave on the call, saved
 * as interaction.log (then feedback.record for the score). The record ids are made once per
 * dialog, so a retry after an error never logs the same call twice.
 */
import { useState, type FormEvent } from 'react';
import { INTERACTION_OUTCOMES, type InteractionOutcome } from '../../../../shared/domain/enums.ts';
import type { Contact } from '../../../../shared/domain/records.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { Select } from '../../ui/Select.tsx';

const LOGGED_KINDS = ['call', 'meeting', 'email', 'note'] as const;
type LoggedKind = (typeof LOGGED_KINDS)[number];
const NPS_SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

export function LogInteractionDialog({
  accountId,
  contacts,
  onClose,
}: {
  accountId: string;
  contacts: readonly Contact[];
  onClose(): void;
}) {
  const { t, l } = useI18n();
  const api = useApi();
  const [ids] = useState(() => ({ interaction: uuidv7(), feedback: uuidv7() }));
  const [kind, setKind] = useState<LoggedKind>('call');
  const [contactId, setContactId] = useState('');
  const [summary, setSummary] = useState('');
  const [minutes, setMinutes] = useState('');
  const [outcome, setOutcome] = useState<InteractionOutcome | ''>('');
  const [nps, setNps] = useState<(typeof NPS_SCORES)[number] | ''>('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!summary.trim()) return setError(t('logInteraction.summaryRequired'));
    setBusy(true);
    setError(null);
    try {
      const contact = contactId || null;
      await runMutation(api, 'interaction.log', {
        id: ids.interaction,
        accountId,
        contactId: contact,
        ticketId: null,
        kind,
        summary,
        occurredAt: Date.now(),
        ...(minutes.trim() !== '' ? { durationMinutes: Number(minutes) } : {}),
        ...(outcome ? { outcome } : {}),
      });
      if (nps !== '') {
        await runMutation(api, 'feedback.record', {
          id: ids.feedback,
          kind: 'nps',
          score: nps,
          comment,
          contactId: contact,
          accountId,
          ticketId: null,
        });
      }
      onClose();
    } catch (err) {
      setError(t('action.failed', { reason: l.error(asAppError(err).code) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('logInteraction.title')} onClose={onClose}>
      <form onSubmit={submit}>
        <div className="form-grid">
          <label className="field">
            <span>{t('logInteraction.kind')}</span>
            <Select
              options={LOGGED_KINDS}
              label={(k) => t(`timeline.kind.${k}`)}
              value={kind}
              onChange={(k) => k && setKind(k)}
              data-autofocus
            />
          </label>
          <label className="field">
            <span>{t('logInteraction.contact')}</span>
            <select value={contactId} onChange={(e) => setContactId(e.target.value)}>
              <option value="">{t('logInteraction.noContact')}</option>
              {contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('logInteraction.minutes')}</span>
            <input type="number" min={0} max={1440} step={1} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('logInteraction.outcome')}</span>
            <Select
              options={INTERACTION_OUTCOMES}
              label={(o) => t(`interaction.outcome.${o}`)}
              value={outcome}
              none={t('logInteraction.noOutcome')}
              onChange={(o) => setOutcome(o ?? '')}
            />
          </label>
          <label className="field form-grid-wide">
            <span>{t('logInteraction.summary')}</span>
            <textarea rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('logInteraction.nps')}</span>
            <Select options={NPS_SCORES} label={String} value={nps} none={t('logInteraction.noNps')} onChange={(s) => setNps(s ?? '')} />
          </label>
          {nps !== '' && (
            <label className="field form-grid-wide">
              <span>{t('logInteraction.npsComment')}</span>
              <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
            </label>
          )}
        </div>
        <DialogActions error={error} onCancel={onClose} action={{ label: t('logInteraction.save'), busy }} />
      </form>
    </Dialog>
  );
}
