/**
 * The ticket's complaint parts: the category picker in its properties (ticket.markComplaint; "Not
 * a complaint" takes the mark off), and the dialog that asks for the root cause when a complaint is
 * solved, by the status picker or the S shortcut. The root cause may be skipped; the review then
 * lists the complaint under "no root cause".
 */
import { useId, useRef, useState } from 'react';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { isEditable } from '../../../../shared/domain/ticket-status.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { Select } from '../../ui/Select.tsx';
import { OutcomeMessage, useTicketMutation } from '../ticket/TicketActions.tsx';

const ROOT_CAUSE_MAX = 2000;

export function useComplaintCategories() {
  return useQuery('complaints.categories', (api) => api.complaints.categories({}), ['complaint']);
}

/** Does solving this ticket ask for a root cause? A complaint without one does. */
export function asksRootCause(ticket: Pick<Ticket, 'complaintCategoryId' | 'rootCause'>): boolean {
  return ticket.complaintCategoryId !== undefined && ticket.rootCause === undefined;
}

/** Mount with `key={ticket.complaintCategoryId}`. The active categories, and the ticket's own even when retired. */
export function ComplaintPicker({ ticket, labelId }: { ticket: Ticket; labelId: string }) {
  const { t } = useI18n();
  const messageId = useId();
  const categories = useComplaintCategories().data ?? [];
  const { run, outcome, busy } = useTicketMutation();
  const [chosen, setChosen] = useState<string | null>(null);
  const current = ticket.complaintCategoryId ?? '';
  const offered = categories.filter((c) => c.active || c.id === current);
  const names = new Map(offered.map((c) => [c.id, c.name]));
  return (
    <>
      <Select
        aria-labelledby={labelId}
        aria-describedby={outcome ? messageId : undefined}
        options={offered.map((c) => c.id)}
        label={(id) => names.get(id) ?? id}
        none={t('complaints.notComplaint')}
        value={chosen ?? current}
        disabled={!isEditable(ticket.status) || busy}
        onChange={async (categoryId) => {
          setChosen(categoryId ?? '');
          if (!(await run('ticket.markComplaint', { id: ticket.id, categoryId: categoryId ?? null }))) setChosen(null);
        }}
      />
      {ticket.rootCause !== undefined && ticket.complaintCategoryId !== undefined && (
        <p className="muted complaint-root-cause">{t('complaints.rootCauseShown', { rootCause: ticket.rootCause })}</p>
      )}
      <OutcomeMessage id={messageId} outcome={outcome} />
    </>
  );
}

/**
 * Asks what caused the complaint before `solve` runs: saved first (ticket.setRootCause), then the
 * ticket solved; or solved without one. Cancel leaves the ticket as it is.
 */
export function RootCauseDialog({ ticket, solve, onClose }: { ticket: Ticket; solve: () => Promise<unknown>; onClose: () => void }) {
  const { t, l } = useI18n();
  const api = useApi();
  const ids = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [rootCause, setRootCause] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const category = useComplaintCategories().data?.find((c) => c.id === ticket.complaintCategoryId);

  const finish = async (withCause: boolean) => {
    if (withCause && rootCause.trim() === '') {
      setMissing(true);
      field.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (withCause) await runMutation(api, 'ticket.setRootCause', { id: ticket.id, rootCause: rootCause.trim() });
      onClose();
      await solve();
    } catch (err) {
      setError(t('action.failed', { reason: l.error(asAppError(err).code) }));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('complaints.rootCause.title')} onClose={onClose}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void finish(true);
        }}
      >
        <p className="muted">{t('complaints.rootCause.intro', { category: category?.name ?? t('complaints.unknownCategory') })}</p>
        <label className="field">
          {t('complaints.rootCause.label')}
          <textarea
            ref={field}
            data-autofocus
            rows={4}
            maxLength={ROOT_CAUSE_MAX}
            aria-invalid={missing}
            aria-describedby={missing ? `${ids}-missing` : undefined}
            value={rootCause}
            onChange={(e) => {
              setRootCause(e.target.value);
              if (e.target.value.trim()) setMissing(false);
            }}
          />
        </label>
        {missing && (
          <p id={`${ids}-missing`} className="form-error" role="alert">
            {t('complaints.rootCause.required')}
          </p>
        )}
        <button type="button" className="button complaint-skip" disabled={busy} onClick={() => void finish(false)}>
          {t('complaints.rootCause.skip')}
        </button>
        <DialogActions error={error} onCancel={onClose} action={{ label: t('complaints.rootCause.save'), busy }} />
      </form>
    </Dialog>
  );
}
