/**
 * The account's editable fields: owner, tier, stage, renewal date, annual value and notes, saved
 * as one account.update. The notes carry the text the person started from, so an edit someone
 * made meanwhile surfaces as a conflict (Sync issues) instead of being overwritten, as on a ticket.
 * A renewal date in the past on an active account is allowed and flagged; a negative value or an
 * unknown owner is refused by the mutator with its code, and nothing is saved.
 */
import { useId, useState, type FormEvent } from 'react';
import { AccountTier, LifecycleStage } from '../../../../shared/domain/enums.ts';
import type { Account, User } from '../../../../shared/domain/records.ts';
import type { MutatorArgs } from '../../../../shared/sync/mutators.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Select } from '../../ui/Select.tsx';
import { useNow } from '../../ui/time.tsx';
import { OutcomeMessage, useTicketMutation } from '../ticket/TicketActions.tsx';
import { localDate, renewalOverdue } from './renewal.ts';

type Changes = MutatorArgs<'account.update'>['changes'];

/** Mount with `key={account.updatedAt}`: the form starts again from what the account now is. */
export function AccountEditor({ account, managers }: { account: Account; managers: readonly User[] }) {
  const { t, l } = useI18n();
  const today = localDate(useNow());
  const messageId = useId();
  const { run, outcome, busy } = useTicketMutation();
  const [ownerId, setOwnerId] = useState(account.ownerId ?? '');
  const [tier, setTier] = useState(account.tier);
  const [stage, setStage] = useState(account.lifecycleStage);
  const [renewalDate, setRenewalDate] = useState(account.renewalDate ?? '');
  const [value, setValue] = useState(String(account.annualValueMinor / 100));
  const [notes, setNotes] = useState(account.notes);

  const changes: Changes = {};
  if (ownerId !== (account.ownerId ?? '') && ownerId) changes.ownerId = ownerId;
  if (tier !== account.tier) changes.tier = tier;
  if (stage !== account.lifecycleStage) changes.lifecycleStage = stage;
  if (renewalDate !== (account.renewalDate ?? '')) changes.renewalDate = renewalDate || null;
  const minor = Math.round(Number(value) * 100);
  if (value.trim() !== '' && minor !== account.annualValueMinor) changes.annualValueMinor = minor;
  if (notes !== account.notes) changes.notes = notes;
  const dirty = Object.keys(changes).length > 0;
  const overdue = renewalOverdue({ lifecycleStage: stage, renewalDate: renewalDate || null }, today);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!dirty) return;
    await run('account.update', { id: account.id, changes, ...(changes.notes !== undefined ? { baseNotes: account.notes } : {}) });
  };

  return (
    <form className="panel account-editor" aria-labelledby="account-edit-title" onSubmit={submit}>
      <h2 id="account-edit-title" className="panel-title">
        {t('accountEdit.title')}
      </h2>
      <div className="form-grid">
        <label className="field">
          <span>{t('accounts.owner')}</span>
          <select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            {!account.ownerId && <option value="">{t('accounts.noOwner')}</option>}
            {managers.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('accounts.tier')}</span>
          <Select options={AccountTier.options} label={l.tier} value={tier} onChange={(v) => v && setTier(v)} />
        </label>
        <label className="field">
          <span>{t('accounts.stage')}</span>
          <Select options={LifecycleStage.options} label={l.lifecycle} value={stage} onChange={(v) => v && setStage(v)} />
        </label>
        <label className="field">
          <span>{t('accounts.renewal')}</span>
          <input
            type="date"
            value={renewalDate}
            onChange={(e) => setRenewalDate(e.target.value)}
            aria-describedby={overdue ? `${messageId}-renewal` : undefined}
          />
          {overdue && (
            <span id={`${messageId}-renewal`} className="field-notice" role="status">
              {t('accountEdit.renewalPast')}
            </span>
          )}
        </label>
        <label className="field">
          <span>{t('accountEdit.annualValue', { currency: account.currency })}</span>
          <input type="number" step="0.01" value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <label className="field form-grid-wide">
          <span>{t('accounts.notes')}</span>
          <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
      </div>
      <div className="dialog-actions">
        <OutcomeMessage id={messageId} outcome={outcome} />
        <button type="submit" className="button button-primary" disabled={!dirty || busy}>
          {t('accountEdit.save')}
        </button>
      </div>
    </form>
  );
}
