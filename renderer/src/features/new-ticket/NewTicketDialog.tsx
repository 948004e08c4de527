/**
 * Logging a phone call, a walk-in, an email or a chat by hand. The dialog creates the contact
 * first when the requester is new (contact.upsert), then the ticket (ticket.create); both are
 * mutations, so this works offline, and the new ticket opens at once (numbered once the server
 * has it). Problems are shown next to their fields and the first one takes the focus.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { CHANNELS, TICKET_PRIORITIES, TICKET_TYPES } from '../../../../shared/domain/enums.ts';
import { canMoveToTeam } from '../../../../shared/domain/permissions.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import type { MessageKey } from '../../i18n/catalog.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { navigate } from '../../shell/router.ts';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import {
  FIELD_ORDER,
  NEW_TICKET_STATUSES,
  defaultStatus,
  firstMessageKind,
  toMutations,
  validate,
  type Field,
  type Ids,
  type NewTicketForm,
  type Problems,
} from './form.ts';
import { FormField } from './FormField.tsx';
import { RequesterPicker } from './RequesterPicker.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { Select } from '../../ui/Select.tsx';

export function NewTicketDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']);
  return (
    <Dialog title={t('newTicket.title')} onClose={onClose} className="dialog-wide">
      {directory.status === 'ready' ? (
        <NewTicketFormView directory={directory.data} onClose={onClose} />
      ) : directory.status === 'error' ? (
        <ErrorState error={directory.error} onRetry={directory.reload} />
      ) : (
        <Loading />
      )}
    </Dialog>
  );
}

type Directory = Awaited<ReturnType<ReturnType<typeof useApi>['directory']['get']>>;

function NewTicketFormView({ directory, onClose }: { directory: Directory; onClose(): void }) {
  const api = useApi();
  const { t, l } = useI18n();
  const { user: me } = useSession();
  const ids = useId();
  const fieldId = (field: Field) => `${ids}-${field}`;

  const actor = me && { id: me.id, tenantId: me.tenantId, role: me.role, teamIds: me.teamIds };
  const teams = directory.teams.filter((team) => actor && canMoveToTeam(actor, team.id));
  const firstTeam = me?.teamIds.find((id) => teams.some((team) => team.id === id)) ?? teams[0]?.id ?? '';
  const membersOf = (teamId: string) => directory.users.filter((u) => u.active && u.teamIds.includes(teamId));
  const [form, setForm] = useState<NewTicketForm>(() => ({
    channel: 'phone',
    requester: null,
    subject: '',
    body: '',
    priority: 'normal',
    type: 'question',
    teamId: firstTeam,
    assigneeId: me && membersOf(firstTeam).some((u) => u.id === me.id) ? me.id : null,
    tags: '',
    status: null,
  }));
  // Made once per dialog: a retry after a failure re-sends the same records instead of duplicating them.
  const [recordIds] = useState<Ids>(() => ({ ticketId: uuidv7(), messageId: uuidv7(), contactId: uuidv7() }));
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const members = membersOf(form.teamId);

  // The dialog focused its first control while the directory loaded; the requester is where to start.
  useEffect(() => document.getElementById(`${ids}-requester`)?.focus(), [ids]);

  const set = (patch: Partial<NewTicketForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    // A problem goes away as soon as its field is touched; the rest stay until the next submit.
    if (Object.keys(problems).length > 0) setProblems((p) => withoutFieldsOf(p, patch));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found = validate(form);
    setProblems(found);
    setFailure(null);
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) {
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    setBusy(true);
    const { contact, ticket } = toMutations(form, recordIds);
    try {
      if (contact) {
        await runMutation(api, 'contact.upsert', contact);
        // The contact exists now: a retry after a failed ticket must not send it again as new.
        setForm((f) => ({ ...f, requester: { kind: 'existing', contact } }));
      }
      await runMutation(api, 'ticket.create', ticket);
      onClose();
      navigate({ name: 'ticket', id: recordIds.ticketId });
    } catch (err) {
      setFailure(t('newTicket.failed', { reason: l.error(asAppError(err).code) }));
    } finally {
      setBusy(false);
    }
  };

  const problem = (field: Field) => {
    const key: MessageKey | undefined = problems[field];
    return key ? t(key) : null;
  };
  const count = Object.keys(problems).length;
  const kind = firstMessageKind(form.channel);

  return (
    <form className="new-ticket" noValidate onSubmit={submit} aria-describedby={count > 0 ? `${ids}-summary` : undefined}>
      {count > 0 && (
        <p id={`${ids}-summary`} className="form-error" role="alert">
          {t('newTicket.problems', { count })}
        </p>
      )}
      <fieldset className="choice">
        <legend>{t('ticket.channel')}</legend>
        <div className="segmented">
          {CHANNELS.map((channel) => (
            <label key={channel} className="segment">
              <input
                type="radio"
                name={`${ids}-channel`}
                value={channel}
                checked={form.channel === channel}
                onChange={() => set({ channel })}
              />
              <span>{l.channel(channel)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <RequesterPicker
        value={form.requester}
        onChange={(requester) => set({ requester })}
        problems={problems}
        inputIds={{
          search: fieldId('requester'),
          name: fieldId('contactName'),
          email: fieldId('contactEmail'),
          phone: fieldId('contactPhone'),
        }}
      />

      <FormField id={fieldId('subject')} label={t('ticket.subject')} error={problem('subject')}>
        <input value={form.subject} maxLength={500} onChange={(e) => set({ subject: e.target.value })} />
      </FormField>

      <FormField
        id={fieldId('body')}
        label={t(kind === 'note' ? 'newTicket.bodyNote' : 'newTicket.bodyInbound')}
        hint={t(kind === 'note' ? 'newTicket.bodyNoteHint' : 'newTicket.bodyInboundHint')}
        error={problem('body')}
      >
        <textarea rows={5} value={form.body} onChange={(e) => set({ body: e.target.value })} />
      </FormField>

      <div className="form-grid">
        <FormField id={`${ids}-priority`} label={t('ticket.priority')}>
          <Select
            options={TICKET_PRIORITIES}
            label={l.priority}
            value={form.priority}
            onChange={(p) => set({ priority: p ?? form.priority })}
          />
        </FormField>
        <FormField id={`${ids}-type`} label={t('ticket.type')}>
          <Select options={TICKET_TYPES} label={l.type} value={form.type} onChange={(type) => set({ type: type ?? form.type })} />
        </FormField>
        <FormField id={fieldId('team')} label={t('ticket.team')} error={problem('team')}>
          <select
            value={form.teamId}
            onChange={(e) => {
              const teamId = e.target.value;
              // The assignee must be in the team: keep them if they are, else leave it unassigned.
              const stays = membersOf(teamId).some((u) => u.id === form.assigneeId);
              set({ teamId, assigneeId: stays ? form.assigneeId : null });
            }}
          >
            {teams.length === 0 && <option value="">{t('newTicket.noTeams')}</option>}
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={`${ids}-assignee`} label={t('ticket.assignee')}>
          <select value={form.assigneeId ?? ''} onChange={(e) => set({ assigneeId: e.target.value || null })}>
            <option value="">{t('inbox.unassigned')}</option>
            {members.map((u) => (
              <option key={u.id} value={u.id}>
                {u.id === me?.id ? t('newTicket.me', { name: u.name }) : u.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={`${ids}-status`} label={t('newTicket.status')}>
          <Select
            options={NEW_TICKET_STATUSES}
            label={l.status}
            value={form.status ?? defaultStatus(form)}
            onChange={(status) => set({ status: status ?? null })}
          />
        </FormField>
        <FormField id={fieldId('tags')} label={t('ticket.tags')} error={problem('tags')}>
          <input value={form.tags} placeholder={t('newTicket.tagsPlaceholder')} onChange={(e) => set({ tags: e.target.value })} />
        </FormField>
      </div>

      <DialogActions
        error={failure}
        onCancel={onClose}
        action={{ label: t('newTicket.create'), busyLabel: t('newTicket.creating'), busy }}
      />
    </form>
  );
}

/** Problems minus those of the fields a change touched. */
function withoutFieldsOf(problems: Problems, patch: Partial<NewTicketForm>): Problems {
  const touched = new Set<Field>();
  if ('requester' in patch) for (const f of ['requester', 'contactName', 'contactEmail', 'contactPhone'] as const) touched.add(f);
  if ('subject' in patch) touched.add('subject');
  if ('body' in patch) touched.add('body');
  if ('teamId' in patch) touched.add('team');
  if ('tags' in patch) touched.add('tags');
  return Object.fromEntries(Object.entries(problems).filter(([field]) => !touched.has(field as Field)));
}
