/**
 * The ticket's writable properties: status, priority, type, assignee, team and tags pickers and
 * "Assign to me", each a mutation run through Core (optimistic locally, queued for the server). A
 * guarded change carries the value the person saw as its base, so a change someone else made
 * meanwhile surfaces as a conflict instead of being overwritten. Errors are shown, translated,
 * next to the control.
 */
import { useId, useState } from 'react';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
} from '../../../../shared/domain/enums.ts';
import { canMoveToTeam } from '../../../../shared/domain/permissions.ts';
import type { Team, Ticket, User } from '../../../../shared/domain/records.ts';
import { checkTransition, isEditable } from '../../../../shared/domain/ticket-status.ts';
import type { MutatorArgs, MutatorName } from '../../../../shared/sync/mutators.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Select } from '../../ui/Select.tsx';

type Outcome = { kind: 'error' | 'conflict'; text: string } | null;

/** Runs one mutation and keeps what the person needs to hear about it. */
export function useTicketMutation() {
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

export function OutcomeMessage({ id, outcome }: { id: string; outcome: Outcome }) {
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

/**
 * Mount with `key={ticket.status}`: the choice shown resets when the ticket's status really changes.
 * `onSolve`, when given, is handed the solve instead of running it (a complaint asks for its root
 * cause first).
 */
export function StatusPicker({
  ticket,
  labelId,
  onSolve,
}: {
  ticket: Ticket;
  labelId: string;
  onSolve?: (solve: () => Promise<unknown>) => void;
}) {
  const { l } = useI18n();
  const messageId = useId();
  const { run, outcome, busy } = useTicketMutation();
  const [chosen, setChosen] = useState<TicketStatus | null>(null);
  const options = TICKET_STATUSES.filter((s) => s === ticket.status || checkTransition(ticket.status, s).ok);
  return (
    <>
      <Select
        aria-labelledby={labelId}
        aria-describedby={outcome ? messageId : undefined}
        options={options}
        label={l.status}
        value={chosen ?? ticket.status}
        disabled={!isEditable(ticket.status) || busy}
        onChange={async (status) => {
          if (!status) return;
          const apply = async () => {
            setChosen(status);
            if (!(await run('ticket.setStatus', { id: ticket.id, status, base: ticket.status }))) setChosen(null);
          };
          if (status === 'solved' && onSolve) onSolve(apply);
          else await apply();
        }}
      />
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
      <Select
        aria-labelledby={labelId}
        aria-describedby={outcome ? messageId : undefined}
        options={TICKET_PRIORITIES}
        label={l.priority}
        value={chosen ?? ticket.priority}
        disabled={!isEditable(ticket.status) || busy}
        onChange={async (priority) => {
          if (!priority) return;
          setChosen(priority);
          if (!(await run('ticket.update', { id: ticket.id, priority }))) setChosen(null);
        }}
      />
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

/** Mount with `key={ticket.type}`. Like priority, the type is last-writer-wins. */
export function TypePicker({ ticket, labelId }: { ticket: Ticket; labelId: string }) {
  const { l } = useI18n();
  const messageId = useId();
  const { run, outcome, busy } = useTicketMutation();
  const [chosen, setChosen] = useState<TicketType | null>(null);
  return (
    <>
      <Select
        aria-labelledby={labelId}
        aria-describedby={outcome ? messageId : undefined}
        options={TICKET_TYPES}
        label={l.type}
        value={chosen ?? ticket.type}
        disabled={!isEditable(ticket.status) || busy}
        onChange={async (type) => {
          if (!type) return;
          setChosen(type);
          if (!(await run('ticket.update', { id: ticket.id, type }))) setChosen(null);
        }}
      />
      <OutcomeMessage id={messageId} outcome={outcome} />
    </>
  );
}

/**
 * Mount with `key={`${ticket.assigneeId}:${ticket.teamId}`}`. Anyone active in the ticket's team
 * (the person themselves first), or nobody.
 */
export function AssigneePicker({
  ticket,
  users,
  me,
  labelId,
}: {
  ticket: Ticket;
  users: readonly User[];
  me: User | null;
  labelId: string;
}) {
  const { t } = useI18n();
  const messageId = useId();
  const { run, outcome, busy } = useTicketMutation();
  const [chosen, setChosen] = useState<string | null>(null);
  const members = users
    .filter((u) => u.active && u.teamIds.includes(ticket.teamId))
    .sort((a, b) => (a.id === me?.id ? -1 : b.id === me?.id ? 1 : a.name.localeCompare(b.name)));
  // Someone who left the team (or is not in this cache) still shows as who holds the ticket.
  const holder =
    ticket.assigneeId && !members.some((u) => u.id === ticket.assigneeId) ? users.find((u) => u.id === ticket.assigneeId) : undefined;
  return (
    <>
      <select
        aria-labelledby={labelId}
        aria-describedby={outcome ? messageId : undefined}
        value={chosen ?? ticket.assigneeId ?? ''}
        disabled={!isEditable(ticket.status) || busy}
        onChange={async (e) => {
          const assigneeId = e.target.value === '' ? null : (members.find((u) => u.id === e.target.value)?.id ?? null);
          setChosen(assigneeId ?? '');
          const base = { assigneeId: ticket.assigneeId, teamId: ticket.teamId };
          if (!(await run('ticket.assign', { id: ticket.id, assigneeId, teamId: ticket.teamId, base }))) setChosen(null);
        }}
      >
        <option value="">{t('inbox.unassigned')}</option>
        {holder && <option value={holder.id}>{holder.name}</option>}
        {members.map((u) => (
          <option key={u.id} value={u.id}>
            {u.id === me?.id ? t('ticket.me', { name: u.name }) : u.name}
          </option>
        ))}
      </select>
      <OutcomeMessage id={messageId} outcome={outcome} />
    </>
  );
}

/**
 * Mount with `key={ticket.teamId}`. Moves the ticket to another team the person may move tickets
 * to; the assignee stays if they are in that team too, otherwise the ticket becomes unassigned
 * there (the mutator refuses an assignee outside the team).
 */
export function TeamPicker({
  ticket,
  teams,
  users,
  me,
  labelId,
}: {
  ticket: Ticket;
  teams: readonly Team[];
  users: readonly User[];
  me: User | null;
  labelId: string;
}) {
  const messageId = useId();
  const { run, outcome, busy } = useTicketMutation();
  const [chosen, setChosen] = useState<string | null>(null);
  const choices = teams.filter((team) => team.id === ticket.teamId || (me !== null && canMoveToTeam(me, team.id)));
  return (
    <>
      <select
        aria-labelledby={labelId}
        aria-describedby={outcome ? messageId : undefined}
        value={chosen ?? ticket.teamId}
        disabled={!isEditable(ticket.status) || busy || choices.length < 2}
        onChange={async (e) => {
          const team = choices.find((c) => c.id === e.target.value);
          if (!team) return;
          setChosen(team.id);
          const assignee = users.find((u) => u.id === ticket.assigneeId);
          const assigneeId = assignee?.teamIds.includes(team.id) ? assignee.id : null;
          const base = { assigneeId: ticket.assigneeId, teamId: ticket.teamId };
          if (!(await run('ticket.assign', { id: ticket.id, assigneeId, teamId: team.id, base }))) setChosen(null);
        }}
      >
        {choices.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
      <OutcomeMessage id={messageId} outcome={outcome} />
    </>
  );
}

const TAG_MAX = 64;

/** The ticket's tags, each removable, and a box that adds one or several ("vip, refund"). */
export function TagEditor({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  const ids = useId();
  const { run, outcome, busy } = useTicketMutation();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const editable = isEditable(ticket.status);

  const add = async () => {
    const tags = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
    if (tags.length === 0) return;
    const tooLong = tags.find((tag) => tag.length > TAG_MAX);
    if (tooLong) {
      setInvalid(t('ticket.tagTooLong', { max: TAG_MAX }));
      return;
    }
    setInvalid(null);
    const add = tags.filter((tag) => !ticket.tags.includes(tag));
    if (add.length > 0 && !(await run('ticket.tags', { id: ticket.id, add }))) return;
    setText('');
  };

  const problem = invalid ? { kind: 'error' as const, text: invalid } : outcome;
  return (
    <div className="tag-editor">
      {ticket.tags.length > 0 ? (
        <ul className="tags" aria-label={t('ticket.tags')}>
          {ticket.tags.map((tag) => (
            <li key={tag} className="tag tag-removable">
              <span>{tag}</span>
              {editable && (
                <button
                  type="button"
                  className="tag-remove"
                  aria-label={t('ticket.removeTag', { tag })}
                  disabled={busy}
                  onClick={() => void run('ticket.tags', { id: ticket.id, remove: [tag] })}
                >
                  <span aria-hidden="true">×</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">{t('ticket.noTags')}</span>
      )}
      {editable && (
        <input
          type="text"
          className="tag-input"
          aria-label={t('ticket.addTag')}
          aria-describedby={problem ? `${ids}-problem` : `${ids}-hint`}
          aria-invalid={invalid !== null}
          placeholder={t('ticket.addTagPlaceholder')}
          value={text}
          disabled={busy}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
      )}
      {editable && !problem && (
        <span id={`${ids}-hint`} className="visually-hidden">
          {t('ticket.addTagHint')}
        </span>
      )}
      <OutcomeMessage id={`${ids}-problem`} outcome={problem} />
    </div>
  );
}
