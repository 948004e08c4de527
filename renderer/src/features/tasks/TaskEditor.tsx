/**
 * Creating or editing a task: title, notes, due and reminder time, assignee, the account, contact
 * or ticket it is about, and whether it repeats; saved as task.upsert (deleted as task.delete).
 * A new task's id is made once per dialog, so a retry after an error never creates it twice.
 * The assignees offered are the people the signed-in person may give the task to
 * (canAssignTask); the contacts and tickets, the chosen account's.
 */
import { useState, type FormEvent } from 'react';
import { TASK_RECURRENCES, type TaskRecurrence } from '../../../../shared/domain/enums.ts';
import { canAssignTask } from '../../../../shared/domain/permissions.ts';
import type { Task } from '../../../../shared/domain/records.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import type { MessageKey } from '../../i18n/catalog.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { Select } from '../../ui/Select.tsx';
import { fromLocalInput, toLocalInput, tomorrowMorning } from './local-time.ts';

/** What the dialog starts from: an existing task, or a new one, maybe about an account already. */
export type TaskDraft = { task: Task; accountName?: string | null } | { task: null; accountId?: string; accountName?: string | null };

const EXPLAINED_FAILURES = new Set(['RULE_VIOLATION', 'FORBIDDEN', 'NOT_FOUND']);

export function TaskEditor({ draft, onClose }: { draft: TaskDraft; onClose(): void }) {
  const { t, l } = useI18n();
  const api = useApi();
  const existing = draft.task;
  const [id] = useState(() => existing?.id ?? uuidv7());
  const [title, setTitle] = useState(existing?.title ?? '');
  const [notes, setNotes] = useState(existing?.notes ?? '');
  const [due, setDue] = useState(() => toLocalInput(existing?.dueAt ?? tomorrowMorning(Date.now())));
  const [remind, setRemind] = useState(existing?.remindAt != null ? toLocalInput(existing.remindAt) : '');
  const [accountId, setAccountId] = useState(existing ? (existing.accountId ?? '') : draft.task === null ? (draft.accountId ?? '') : '');
  const [contactId, setContactId] = useState(existing?.contactId ?? '');
  const [ticketId, setTicketId] = useState(existing?.ticketId ?? '');
  const [recurrence, setRecurrence] = useState<TaskRecurrence | ''>(existing?.recurrence ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']);
  const me = directory.data?.me ?? null;
  const [assigneeId, setAssigneeId] = useState(existing?.assigneeId ?? '');
  const assignee = assigneeId || me?.id || '';
  // The accounts a task can be about: the person's own, and the one it is already about.
  const mine = useQuery(
    'tasks:accounts',
    (api) => api.accounts.portfolio({ owner: 'me', sort: 'name', today: toLocalInput(Date.now()).slice(0, 10), limit: 200 }),
    ['account'],
  );
  const accountOptions = new Map((mine.data?.rows ?? []).map((a) => [a.id, a.name]));
  const startAccount = existing?.accountId ?? (draft.task === null ? draft.accountId : undefined);
  if (startAccount && !accountOptions.has(startAccount)) accountOptions.set(startAccount, draft.accountName ?? startAccount);
  const chosen = useQuery(`account:${accountId}`, (api) => (accountId ? api.accounts.get({ id: accountId }) : Promise.resolve(null)), [
    'account',
    'contact',
    'ticket',
    'task',
  ]);
  const account = chosen.data?.account ?? null;
  const users = (directory.data?.users ?? []).filter(
    (u) => u.id === existing?.assigneeId || (u.active && me !== null && canAssignTask(me, u.id, account)),
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return setError(t('taskEdit.titleRequired'));
    const dueAt = fromLocalInput(due);
    if (dueAt === null) return setError(t('taskEdit.dueRequired'));
    setBusy(true);
    setError(null);
    try {
      await runMutation(api, 'task.upsert', {
        id,
        title,
        notes,
        accountId: accountId || null,
        contactId: contactId || null,
        ticketId: ticketId || null,
        assigneeId: assignee,
        dueAt,
        remindAt: fromLocalInput(remind),
        recurrence: recurrence || null,
      });
      onClose();
    } catch (err) {
      setError(failure(asAppError(err).code));
    } finally {
      setBusy(false);
    }
  };

  const failure = (code: string) =>
    EXPLAINED_FAILURES.has(code) ? t(`taskEdit.failed.${code}` as MessageKey) : t('action.failed', { reason: l.error(code as never) });

  const remove = async () => {
    setBusy(true);
    try {
      await runMutation(api, 'task.delete', { id });
      onClose();
    } catch (err) {
      setError(failure(asAppError(err).code));
      setBusy(false);
    }
  };

  return (
    <Dialog title={existing ? t('taskEdit.titleEdit') : t('taskEdit.titleNew')} onClose={onClose}>
      <form onSubmit={submit} aria-label={existing ? t('taskEdit.titleEdit') : t('taskEdit.titleNew')}>
        <div className="form-grid">
          <label className="field form-grid-wide">
            <span>{t('taskEdit.taskTitle')}</span>
            <input type="text" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} data-autofocus />
          </label>
          <label className="field">
            <span>{t('taskEdit.due')}</span>
            <input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
          </label>
          <div className="field">
            <label className="field" htmlFor="task-remind">
              <span>{t('taskEdit.remind')}</span>
            </label>
            <input
              id="task-remind"
              type="datetime-local"
              value={remind}
              onChange={(e) => setRemind(e.target.value)}
              aria-describedby="task-remind-hint"
            />
            <small id="task-remind-hint" className="muted">
              {t('taskEdit.remindHint')}
            </small>
          </div>
          <label className="field">
            <span>{t('taskEdit.assignee')}</span>
            <select value={assignee} onChange={(e) => setAssigneeId(e.target.value)}>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('taskEdit.repeat')}</span>
            <Select
              options={TASK_RECURRENCES}
              label={(r) => t(`tasks.repeats.${r}`)}
              value={recurrence}
              none={t('taskEdit.once')}
              onChange={(r) => setRecurrence(r ?? '')}
            />
          </label>
          <label className="field">
            <span>{t('taskEdit.account')}</span>
            <select
              value={accountId}
              onChange={(e) => {
                setAccountId(e.target.value);
                setContactId('');
                setTicketId('');
              }}
            >
              <option value="">{t('taskEdit.noAccount')}</option>
              {[...accountOptions].map(([value, name]) => (
                <option key={value} value={value}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('taskEdit.contact')}</span>
            <select value={contactId} onChange={(e) => setContactId(e.target.value)} disabled={!accountId}>
              <option value="">{t('taskEdit.noContact')}</option>
              {(chosen.data?.contacts ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('taskEdit.ticket')}</span>
            <select value={ticketId} onChange={(e) => setTicketId(e.target.value)} disabled={!accountId && !ticketId}>
              <option value="">{t('taskEdit.noTicket')}</option>
              {ticketId && !(chosen.data?.recentTickets ?? []).some((k) => k.id === ticketId) && (
                <option value={ticketId}>{ticketId}</option>
              )}
              {(chosen.data?.recentTickets ?? []).map((k) => (
                <option key={k.id} value={k.id}>
                  {t('tasks.ticketLink', { number: k.number ?? '', subject: k.subject })}
                </option>
              ))}
            </select>
          </label>
          <label className="field form-grid-wide">
            <span>{t('taskEdit.notes')}</span>
            <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </label>
        </div>
        {existing && (
          <button type="button" className="button button-danger button-small" onClick={() => void remove()} disabled={busy}>
            {t('taskEdit.delete')}
          </button>
        )}
        <DialogActions error={error} onCancel={onClose} action={{ label: t('taskEdit.save'), busy }} />
      </form>
    </Dialog>
  );
}
