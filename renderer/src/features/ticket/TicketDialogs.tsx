/**
 * The ticket's dialogs: moving it to another escalation tier (a reason is required, it goes into
 * the history), and picking another ticket by number or subject to merge this one into (this
 * one is the duplicate: it closes, its messages move over) or to link as related.
 */
import { useId, useRef, useState } from 'react';
import { ESCALATION_TIERS, type EscalationTier } from '../../../../shared/domain/enums.ts';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { StatusChip } from '../../ui/Chips.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';
import { OutcomeMessage, useTicketMutation } from './TicketActions.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { Select } from '../../ui/Select.tsx';

const REASON_MAX = 2000;

/**
 * Moves a ticket to another escalation tier, up (`escalate`, any higher tier) or back down
 * (`deescalate`, any lower one, from the escalation queue), with a required reason that goes into
 * the history. The nearest tier in that direction is offered first.
 */
export function TierDialog({
  ticketId,
  currentTier,
  direction,
  onClose,
}: {
  ticketId: string;
  currentTier: EscalationTier;
  direction: 'escalate' | 'deescalate';
  onClose: () => void;
}) {
  const { t, l } = useI18n();
  const ids = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const { run, outcome, busy } = useTicketMutation();
  const options =
    direction === 'escalate'
      ? ESCALATION_TIERS.filter((tier) => tier > currentTier)
      : ESCALATION_TIERS.filter((tier) => tier < currentTier).reverse();
  const [tier, setTier] = useState<EscalationTier | undefined>(options[0]);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = async () => {
    if (!tier) return;
    if (reason.trim() === '') {
      setMissing(true);
      reasonRef.current?.focus();
      return;
    }
    if (await run(`ticket.${direction}`, { id: ticketId, tier, reason: reason.trim() })) onClose();
  };

  return (
    <Dialog title={t(`${direction}.title`)} onClose={onClose}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted">{t(`${direction}.current`, { tier: l.escalation(currentTier) })}</p>
        <label className="field">
          {t(`${direction}.tier`)}
          <Select options={options} label={l.escalation} value={tier ?? ''} onChange={setTier} disabled={options.length === 0} />
        </label>
        <label className="field">
          {t(`${direction}.reason`)}
          <textarea
            ref={reasonRef}
            data-autofocus
            rows={4}
            maxLength={REASON_MAX}
            aria-required="true"
            aria-invalid={missing}
            aria-describedby={missing ? `${ids}-missing` : undefined}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setMissing(false);
            }}
          />
        </label>
        {missing && (
          <p id={`${ids}-missing`} className="form-error" role="alert">
            {t(`${direction}.reasonRequired`)}
          </p>
        )}
        <OutcomeMessage id={`${ids}-outcome`} outcome={outcome} />
        <DialogActions onCancel={onClose} action={{ label: t(`${direction}.submit`), busy, disabled: !tier }} />
      </form>
    </Dialog>
  );
}

/** Picks another ticket and merges this one into it ('merge') or links the two ('link'). */
export function TicketPickerDialog({ ticket, action, onClose }: { ticket: Ticket; action: 'merge' | 'link'; onClose: () => void }) {
  const { t, l } = useI18n();
  const ids = useId();
  const { run, outcome, busy } = useTicketMutation();
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const settled = useDebounced(query.trim(), 250);
  const found = useQuery(`tickets.find:${ticket.id}:${settled}`, (api) =>
    settled ? api.tickets.find({ query: settled, excludeId: ticket.id }) : Promise.resolve({ tickets: [] }),
  );
  const results = found.data?.tickets ?? [];
  const target = results.find((r) => r.id === picked) ?? null;
  const submit = async () => {
    if (!target) return;
    const done =
      action === 'merge'
        ? await run('ticket.merge', { sourceId: ticket.id, targetId: target.id })
        : await run('ticket.link', { id: ticket.id, otherId: target.id });
    if (done) onClose();
  };

  const numberOf = (n: number | null) => (n === null ? t('ticket.unsynced') : `#${n}`);
  return (
    <Dialog title={t(action === 'merge' ? 'merge.title' : 'link.title')} onClose={onClose} className="picker-dialog">
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          {t('merge.search')}
          <input
            type="search"
            data-autofocus
            placeholder={t('merge.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <fieldset className="picker-results" aria-busy={found.status === 'loading'}>
          <legend className="visually-hidden">{t('merge.results')}</legend>
          {settled && found.status === 'ready' && results.length === 0 && (
            <p className="muted" role="status">
              {t('merge.noResults', { query: settled })}
            </p>
          )}
          {found.status === 'error' && (
            <p className="form-error" role="alert">
              {l.error(found.error.code)}
            </p>
          )}
          {results.map((r) => {
            // Merging into a closed ticket is refused: the thread could not take the messages.
            const closed = action === 'merge' && r.status === 'closed';
            return (
              <label key={r.id} className={`picker-result${closed ? ' picker-result-disabled' : ''}`}>
                <input
                  type="radio"
                  name={`${ids}-target`}
                  value={r.id}
                  checked={picked === r.id}
                  disabled={closed}
                  onChange={() => setPicked(r.id)}
                />
                {/* Spaces between the parts keep the radio's accessible name readable. */}
                <span className="picker-number">{numberOf(r.number)}</span> <span className="picker-subject">{r.subject}</span>{' '}
                <span className="muted">{r.requesterName}</span> <StatusChip status={r.status} />
              </label>
            );
          })}
        </fieldset>
        {target && action === 'merge' && (
          <p className="merge-warning" role="status">
            {t('merge.warning', { source: numberOf(ticket.number), target: numberOf(target.number) })}
          </p>
        )}
        <OutcomeMessage id={`${ids}-outcome`} outcome={outcome} />
        <DialogActions
          onCancel={onClose}
          action={{
            label: t(action === 'merge' ? 'merge.submit' : 'link.submit'),
            busy,
            disabled: !target,
            destructive: action === 'merge',
          }}
        />
      </form>
    </Dialog>
  );
}
