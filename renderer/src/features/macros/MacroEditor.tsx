/**
 * Creating or editing a macro: its title, who may use it (shared needs a supervisor or admin), the
 * text it inserts (placeholders picked from a list, so they are spelled right), and the fields it
 * sets. Saved through macro.upsert, so it works offline like any other change.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Api } from '../../../../shared/contract/api.ts';
import { TICKET_PRIORITIES, TICKET_TYPES } from '../../../../shared/domain/enums.ts';
import { PLACEHOLDERS } from '../../../../shared/domain/macros.ts';
import { Macro } from '../../../../shared/domain/records.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { FormField } from '../new-ticket/FormField.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import {
  EMPTY_MACRO,
  MACRO_STATUSES,
  formOf,
  toUpsert,
  validateMacro,
  type MacroField,
  type MacroForm,
  type MacroProblems,
} from './editor-form.ts';
import { Select } from '../../ui/Select.tsx';

const REPLY_KINDS = Macro.shape.replyKind.options;

type Directory = Awaited<ReturnType<Api['directory']['get']>>;

export function MacroEditor(props: {
  /** Null: a new macro. */
  macro: Macro | null;
  meId: string;
  /** Whether the person may share macros with everyone (supervisors and admins). */
  canShare: boolean;
  directory: Directory;
  onClose(): void;
}) {
  const { macro, meId, canShare, directory, onClose } = props;
  const api = useApi();
  const { t, l } = useI18n();
  const ids = useId();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [form, setForm] = useState<MacroForm>(() => (macro ? formOf(macro) : { ...EMPTY_MACRO, shared: canShare }));
  // Made once: a retried save updates the same macro instead of creating a second one.
  const [id] = useState(() => macro?.id ?? uuidv7());
  const [problems, setProblems] = useState<MacroProblems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = (field: MacroField) => `${ids}-${field}`;

  useEffect(() => document.getElementById(`${ids}-title`)?.focus(), [ids]);

  const set = (patch: Partial<MacroForm>) => setForm((f) => ({ ...f, ...patch }));
  const problem = (field: MacroField) => {
    const p = problems[field];
    return p ? t(p.key, p.params) : null;
  };

  const insertPlaceholder = (name: string) => {
    const box = bodyRef.current;
    const token = `{{${name}}}`;
    const at = box ? box.selectionStart : form.body.length;
    const end = box ? box.selectionEnd : form.body.length;
    set({ body: form.body.slice(0, at) + token + form.body.slice(end) });
    box?.focus();
    requestAnimationFrame(() => box?.setSelectionRange(at + token.length, at + token.length));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found = validateMacro(form);
    setProblems(found);
    setFailure(null);
    const first = (['title', 'body', 'addTags', 'removeTags'] as const).find((f) => found[f]);
    if (first) {
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    setBusy(true);
    try {
      await runMutation(api, 'macro.upsert', toUpsert(form, id, meId));
      onClose();
    } catch (err) {
      setFailure(t('macros.saveFailed', { reason: l.error(asAppError(err).code) }));
    } finally {
      setBusy(false);
    }
  };

  const teamMembers = directory.users.filter((u) => u.active && (form.teamId === '' || u.teamIds.includes(form.teamId)));
  return (
    <Dialog title={t(macro ? 'macros.editTitle' : 'macros.createTitle')} onClose={onClose} className="dialog-wide">
      <form className="macro-editor" noValidate onSubmit={save}>
        <FormField id={fieldId('title')} label={t('macros.field.title')} error={problem('title')}>
          <input value={form.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} />
        </FormField>
        <div className="form-grid">
          <FormField id={`${ids}-visibility`} label={t('macros.field.visibility')}>
            <select
              value={form.shared ? 'shared' : 'personal'}
              // Only supervisors and admins may share; an agent's macros are their own.
              disabled={!canShare}
              onChange={(e) => set({ shared: e.target.value === 'shared' })}
            >
              <option value="shared">{t('macros.visibility.shared')}</option>
              <option value="personal">{t('macros.visibility.personal')}</option>
            </select>
          </FormField>
          <FormField id={`${ids}-kind`} label={t('macros.field.kind')}>
            <Select
              options={REPLY_KINDS}
              label={l.messageKind}
              value={form.replyKind}
              onChange={(kind) => set({ replyKind: kind ?? form.replyKind })}
            />
          </FormField>
          <FormField id={`${ids}-placeholder`} label={t('macros.insertPlaceholder')}>
            <Select
              options={PLACEHOLDERS}
              label={(name) => t(`macros.placeholder.${name}`)}
              value=""
              none="—"
              onChange={(name) => {
                if (name) insertPlaceholder(name);
              }}
            />
          </FormField>
        </div>
        <FormField id={fieldId('body')} label={t('macros.field.body')} hint={t('macros.bodyHint')} error={problem('body')}>
          <textarea ref={bodyRef} rows={6} value={form.body} onChange={(e) => set({ body: e.target.value })} />
        </FormField>
        <fieldset>
          <legend>{t('macros.actionsLegend')}</legend>
          <div className="form-grid">
            <FormField id={`${ids}-status`} label={t('ticket.status')}>
              <Select
                options={MACRO_STATUSES}
                label={l.status}
                value={form.status}
                none={t('macros.noChange')}
                onChange={(status) => set({ status: status ?? '' })}
              />
            </FormField>
            <FormField id={`${ids}-priority`} label={t('ticket.priority')}>
              <Select
                options={TICKET_PRIORITIES}
                label={l.priority}
                value={form.priority}
                none={t('macros.noChange')}
                onChange={(priority) => set({ priority: priority ?? '' })}
              />
            </FormField>
            <FormField id={`${ids}-type`} label={t('ticket.type')}>
              <Select
                options={TICKET_TYPES}
                label={l.type}
                value={form.type}
                none={t('macros.noChange')}
                onChange={(type) => set({ type: type ?? '' })}
              />
            </FormField>
            <FormField id={`${ids}-team`} label={t('ticket.team')}>
              <select value={form.teamId} onChange={(e) => set({ teamId: e.target.value })}>
                <option value="">{t('macros.noChange')}</option>
                {directory.teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id={`${ids}-assignee`} label={t('ticket.assignee')}>
              <select value={form.assignee} onChange={(e) => set({ assignee: e.target.value })}>
                <option value="">{t('macros.noChange')}</option>
                <option value="self">{t('macros.assignSelf')}</option>
                <option value="none">{t('inbox.unassigned')}</option>
                {teamMembers.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id={fieldId('addTags')} label={t('macros.field.addTags')} error={problem('addTags')}>
              <input value={form.addTags} placeholder={t('newTicket.tagsPlaceholder')} onChange={(e) => set({ addTags: e.target.value })} />
            </FormField>
            <FormField id={fieldId('removeTags')} label={t('macros.field.removeTags')} error={problem('removeTags')}>
              <input
                value={form.removeTags}
                placeholder={t('newTicket.tagsPlaceholder')}
                onChange={(e) => set({ removeTags: e.target.value })}
              />
            </FormField>
          </div>
        </fieldset>
        <label className="checkbox-field">
          <input type="checkbox" checked={form.active} onChange={(e) => set({ active: e.target.checked })} />
          {t('macros.field.active')}
        </label>
        <DialogActions error={failure} onCancel={onClose} action={{ label: t('macros.save'), busyLabel: t('macros.saving'), busy }} />
      </form>
    </Dialog>
  );
}
