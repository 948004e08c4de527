/**
 * The macro editor's form as data: a macro as the form shows it, the checks it must pass before
 * saving (each problem a message key next to its field), and the macro.upsert it turns into.
 */
import type { TicketPriority, TicketType } from '../../../../shared/domain/enums.ts';
import { isPlaceholder, placeholdersIn } from '../../../../shared/domain/macros.ts';
import type { Macro, MacroActions } from '../../../../shared/domain/records.ts';
import type { MutatorArgs } from '../../../../shared/sync/mutators.ts';
import { SubmitAs } from '../../../../shared/areas/tickets/channels.ts';
import type { MessageKey } from '../../i18n/catalog.ts';
import { parseTags } from '../new-ticket/form.ts';

/** The statuses a macro may set: what an agent moves a ticket to by hand (not back to new, not closed). */
export const MACRO_STATUSES = SubmitAs.options;

/** '' everywhere means "no change". */
export interface MacroForm {
  title: string;
  body: string;
  replyKind: Macro['replyKind'];
  shared: boolean;
  active: boolean;
  status: SubmitAs | '';
  priority: TicketPriority | '';
  type: TicketType | '';
  teamId: string;
  /** 'self': whoever applies it; 'none': unassign; else a person's id. */
  assignee: string;
  addTags: string;
  removeTags: string;
}

export type MacroField = 'title' | 'body' | 'addTags' | 'removeTags';
export type MacroProblems = Partial<Record<MacroField, { key: MessageKey; params?: Record<string, string> }>>;

export const EMPTY_MACRO: MacroForm = {
  title: '',
  body: '',
  replyKind: 'reply',
  shared: false,
  active: true,
  status: '',
  priority: '',
  type: '',
  teamId: '',
  assignee: '',
  addTags: '',
  removeTags: '',
};

export function formOf(macro: Macro): MacroForm {
  const a = macro.actions;
  return {
    title: macro.title,
    body: macro.body,
    replyKind: macro.replyKind,
    shared: macro.ownerId === null,
    active: macro.active,
    status: SubmitAs.safeParse(a.status).data ?? '',
    priority: a.priority ?? '',
    type: a.type ?? '',
    teamId: a.teamId ?? '',
    assignee: a.assignToSelf ? 'self' : a.assigneeId === null ? 'none' : (a.assigneeId ?? ''),
    addTags: (a.addTags ?? []).join(' '),
    removeTags: (a.removeTags ?? []).join(' '),
  };
}

function actionsOf(form: MacroForm): MacroActions {
  const actions: MacroActions = {};
  if (form.status) actions.status = form.status;
  if (form.priority) actions.priority = form.priority;
  if (form.type) actions.type = form.type;
  if (form.teamId) actions.teamId = form.teamId;
  if (form.assignee === 'self') actions.assignToSelf = true;
  else if (form.assignee === 'none') actions.assigneeId = null;
  else if (form.assignee) actions.assigneeId = form.assignee;
  const add = parseTags(form.addTags);
  const remove = parseTags(form.removeTags);
  if (add.length > 0) actions.addTags = add;
  if (remove.length > 0) actions.removeTags = remove;
  return actions;
}

const TAG = /^[^\s,]{1,64}$/;
const tagsOk = (text: string) => {
  const tags = parseTags(text);
  return tags.length <= 50 && tags.every((t) => TAG.test(t));
};

export function validateMacro(form: MacroForm): MacroProblems {
  const problems: MacroProblems = {};
  const title = form.title.trim();
  if (title === '') problems.title = { key: 'macros.error.title' };
  else if (title.length > 200) problems.title = { key: 'macros.error.titleLong' };
  const unknown = placeholdersIn(form.body).filter((name) => !isPlaceholder(name));
  if (form.body.length > 20_000) problems.body = { key: 'macros.error.bodyLong' };
  else if (unknown.length > 0)
    problems.body = { key: 'macros.error.placeholders', params: { names: unknown.map((n) => `{{${n}}}`).join(', ') } };
  else if (form.body.trim() === '' && Object.keys(actionsOf(form)).length === 0) problems.body = { key: 'macros.error.empty' };
  if (!tagsOk(form.addTags)) problems.addTags = { key: 'macros.error.tags' };
  if (!tagsOk(form.removeTags)) problems.removeTags = { key: 'macros.error.tags' };
  return problems;
}

export function toUpsert(form: MacroForm, id: string, meId: string): MutatorArgs<'macro.upsert'> {
  return {
    id,
    title: form.title.trim(),
    body: form.body,
    replyKind: form.replyKind,
    actions: actionsOf(form),
    ownerId: form.shared ? null : meId,
    active: form.active,
  };
}

/** macro.upsert with one change, for the list's activate/deactivate buttons. */
export function upsertOf(macro: Macro, patch: Partial<Pick<Macro, 'active'>>): MutatorArgs<'macro.upsert'> {
  const { tenantId: _tenant, version: _version, createdAt: _created, updatedAt: _updated, ...rest } = macro;
  return { ...rest, ...patch };
}
