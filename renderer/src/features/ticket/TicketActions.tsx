/**
 * The ticket's writable properties: status and priority pickers and "Assign to me", each a
 * mutation run through Core (optimistic locally, queued for the server). A guarded change carries
 * the value the person saw as its base, so a change someone else made meanwhile surfaces as a
 * conflict instead of being overwritten. Errors are shown, translated, next to the control.
 */
import { useId, useState } from 'react';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from '../../../../shared/domain/enums.ts';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { checkTransition, isEditable } from '../../../../shared/domain/ticket-status.ts';
import type { MutatorArgs, MutatorName } from '../../../../shared/sync/mutators.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';

type Outcome = { kind: 'error' | 'conflict'; text: string } | null;

/** Runs one mutation and keeps what the person needs to hear about it. */
function useTicketMutation() {
  const api = useApi();
  const { t, l } = useI18n();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const run = async <N extends MutatorName>(name: N, args: MutatorArgs<N>): Promise<boolean> => {
    setOutcome(null);
    setBusy(true);
    try {
      const receipt = await runMutation(api, name, args);
      if (receipt.outcome === 'conflict') setOutcome({ kind: 'conflict', text: t('action.conflict') });
      return true;
    } catch (err) {
      setOutcome({ kind: 'error', text: t('action.failed', { reason: l.error(asAppError(err).code) }) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, outcome, busy };
}

function OutcomeMessage({ id, outcome }: { id: string; outcome: Outcome }) {
  if (!outcome) return null;
  return (
    <span
      id={id}
      className={outcome.kind === 'error' ? 'field-error' : 'field-notice'}
      role={outcome.kind === 'error' ? 'alert' : 'status'}
    >
      {outcome.text}
    </span>
  );
}

/** Mount with `key={ticket.status}`: the choice shown resets when the ticket's status really changes. */
export function StatusPicker({ ticket, labelId }: { ticket: Ticket; labelId: string }) {
  const { l } = useI18n();
  const messageId = useId();
  const { run, outcome, busy } = useTicketMutation();
  const [chosen, setChosen] = useState<TicketStatus | null>(null);
  const options = TICKET_STATUSES.filter((s) => s === ticket.status || checkTransition(ticket.status, s).ok);
  return (
    <>
      <select
        aria-labelledby={labelId}
        aria-describedby={outcome ? messageId : undefined}
        value={chosen ?? ticket.status}
        disabled={!isEditable(ticket.status) || busy}
        onChange={async (e) => {
          const status = options.find((s) => s === e.target.value);
          if (!status) return;
          setChosen(status);
          if (!(await run('ticket.setStatus', { id: ticket.id, status, base: ticket.status }))) setChosen(null);
        }}
      >
        {options.map((s) => (
          <option key={s} value={s}>
            {l.status(s)}
          </option>
        ))}
      </select>
      <OutcomeMessage id={messageId} outcome={outcome} />
    </>
  );
}

/** Mount with `key={ticket.priority}`. Priority is last-writer-wins, so it carries no base. */
export function PriorityPicker({ ticket, labelId }: { ticket: Ticket; labelId: string }) {
  const { l } = useI18n();
  const messageId = useId();
  const { run, outcome, busy } = useTicketMutation();
  const [chosen, setChosen] = useState<TicketPriority | null>(null);
  return (
    <>
      <select
        aria-labelledby={labelId}
        aria-describedby={outcome ? messageId : undefined}
        value={chosen ?? ticket.priority}
        disabled={!isEditable(ticket.status) || busy}
        onChange={async (e) => {
          const priority = TICKET_PRIORITIES.find((p) => p === e.target.value);
          if (!priority) return;
          setChosen(priority);
          if (!(await run('ticket.update', { id: ticket.id, priority }))) setChosen(null);
        }}
      >
        {TICKET_PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {l.priority(p)}
          </option>
        ))}
      </select>
      <OutcomeMessage id={messageId} outcome={outcome} />
    </>
  );
}

export function AssignToMe({ ticket, meId }: { ticket: Ticket; meId: string }) {
  const { t } = useI18n();
  const messageId = useId();
  const { run, outcome, busy } = useTicketMutation();
  if (ticket.assigneeId === meId && !outcome) return null;
  return (
    <>
      {ticket.assigneeId !== meId && (
        <button
          type="button"
          className="button button-small"
          disabled={!isEditable(ticket.status) || busy}
          aria-describedby={outcome ? messageId : undefined}
          onClick={() =>
            run('ticket.assign', {
              id: ticket.id,
              assigneeId: meId,
              teamId: ticket.teamId,
              base: { assigneeId: ticket.assigneeId, teamId: ticket.teamId },
            })
          }
        >
          {t('ticket.assignToMe')}
        </button>
      )}
      <OutcomeMessage id={messageId} outcome={outcome} />
    </>
  );
}
