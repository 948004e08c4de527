/**
 * Creating or editing a saved view: a name, the filters (status, priority, type, channel,
 * assignee, team, tags, account, customer type, created and updated ranges), a sort, and whether
 * it is personal or shared with the whole team (supervisors and admins only, as the server
 * enforces). Saved through the view.upsert mutator, so it syncs like any other change.
 */
import { useId, useState, type ReactNode } from 'react';
import { CHANNELS, CUSTOMER_TYPES, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../../../../shared/domain/enums.ts';
import { canShareViews } from '../../../../shared/domain/permissions.ts';
import { TicketFilter, TicketSort, type SavedView, type User } from '../../../../shared/domain/records.ts';
import { uuidv7 } from '../../../../shared/ids.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { parseTags } from './BulkBar.tsx';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { Select } from '../../ui/Select.tsx';

type Filter = TicketFilter;
type Assignee = NonNullable<Filter['assigneeIds']>[number];

/** 'YYYY-MM-DD' in the person's time zone <-> the first (or last) millisecond of that day. */
export function dayToMs(day: string, end: boolean): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const start = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
  return end ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1).getTime() - 1 : start;
}
export function msToDay(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A list filter left empty means "any": the field is dropped rather than matching nothing. */
function withList<K extends keyof Filter>(filter: Filter, field: K, values: Filter[K] & unknown[]): Filter {
  const next = { ...filter };
  if (values.length) next[field] = values;
  else delete next[field];
  return next;
}

function toggle<T>(values: readonly T[] | undefined, value: T, on: boolean): T[] {
  const rest = (values ?? []).filter((v) => v !== value);
  return on ? [...rest, value] : rest;
}

function Choices<T extends string | null>(props: {
  legend: string;
  options: readonly T[];
  label(option: T): string;
  chosen: readonly T[] | undefined;
  onChange(values: T[]): void;
}) {
  return (
    <fieldset className="choice-group">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option ?? 'none'} className="choice">
          <input
            type="checkbox"
            checked={props.chosen?.includes(option) ?? false}
            onChange={(e) => props.onChange(toggle(props.chosen, option, e.target.checked))}
          />
          {props.label(option)}
        </label>
      ))}
    </fieldset>
  );
}

function Field({ label, children, id }: { label: string; children: ReactNode; id: string }) {
  return (
    <div className="editor-field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export function SavedViewEditor({
  view,
  me,
  onClose,
  onSaved,
}: {
  /** The view to edit; absent: a new view. */
  view?: SavedView;
  me: User;
  onClose(): void;
  onSaved(id: string): void;
}) {
  const { t, l } = useI18n();
  const api = useApi();
  const ids = useId();
  const directory = useQuery('directory', (a) => a.directory.get({}), ['user', 'team']);
  const mayShare = canShareViews(me);
  const [name, setName] = useState(view?.name ?? '');
  const [filter, setFilter] = useState<Filter>(view?.filter ?? {});
  const [sort, setSort] = useState<TicketSort>(view?.sort ?? 'updated_desc');
  const [shared, setShared] = useState(view ? view.ownerId === null : false);
  const [tags, setTags] = useState((view?.filter.tags ?? []).join(', '));
  const [accountQuery, setAccountQuery] = useState('');
  const [accountNames, setAccountNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const accounts = useQuery(`view-editor-accounts:${accountQuery}`, (a) =>
    accountQuery.trim() ? a.accounts.list({ query: accountQuery.trim(), limit: 8 }).then((p) => p.rows) : Promise.resolve([]),
  );

  const users = (directory.data?.users ?? []).filter((u) => u.active);
  const teams = directory.data?.teams ?? [];
  const assigneeOptions: Assignee[] = ['me', null, ...users.filter((u) => u.id !== me.id).map((u) => u.id)];
  const assigneeLabel = (a: Assignee) =>
    a === 'me' ? t('viewEditor.me') : a === null ? t('inbox.unassigned') : (users.find((u) => u.id === a)?.name ?? a);
  const setRange = (field: 'createdFrom' | 'createdTo' | 'updatedFrom' | 'updatedTo', day: string) => {
    const ms = dayToMs(day, field.endsWith('To'));
    setFilter((f) => {
      const next = { ...f };
      if (ms === undefined) delete next[field];
      else next[field] = ms;
      return next;
    });
  };

  const save = async () => {
    const tagList = parseTags(tags);
    const candidate = withList(filter, 'tags', tagList);
    const checked = TicketFilter.safeParse(candidate);
    if (!name.trim()) return setError(t('viewEditor.nameRequired'));
    if (!checked.success) return setError(t('viewEditor.invalidFilter'));
    const { createdFrom, createdTo, updatedFrom, updatedTo } = checked.data;
    if ((createdFrom ?? 0) > (createdTo ?? Infinity) || (updatedFrom ?? 0) > (updatedTo ?? Infinity))
      return setError(t('viewEditor.invalidRange'));
    setSaving(true);
    setError(null);
    const id = view?.id ?? uuidv7();
    try {
      await runMutation(api, 'view.upsert', {
        id,
        name: name.trim(),
        ownerId: shared ? null : me.id,
        filter: checked.data,
        sort,
        position: view?.position ?? 0,
      });
      onSaved(id);
    } catch (err) {
      setError(l.error(asAppError(err).code));
      setSaving(false);
    }
  };

  return (
    <Dialog title={view ? t('viewEditor.editTitle') : t('viewEditor.newTitle')} onClose={onClose} className="view-editor">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label={t('viewEditor.name')} id={`${ids}-name`}>
          <input
            id={`${ids}-name`}
            type="text"
            data-autofocus
            required
            maxLength={200}
            value={name}
            aria-invalid={error === t('viewEditor.nameRequired') || undefined}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <div className="choice-columns">
          <Choices
            legend={t('viewEditor.status')}
            options={TICKET_STATUSES}
            label={l.status}
            chosen={filter.statuses}
            onChange={(v) => setFilter((f) => withList(f, 'statuses', v))}
          />
          <Choices
            legend={t('viewEditor.priority')}
            options={TICKET_PRIORITIES}
            label={l.priority}
            chosen={filter.priorities}
            onChange={(v) => setFilter((f) => withList(f, 'priorities', v))}
          />
          <Choices
            legend={t('viewEditor.type')}
            options={TICKET_TYPES}
            label={l.type}
            chosen={filter.types}
            onChange={(v) => setFilter((f) => withList(f, 'types', v))}
          />
          <Choices
            legend={t('viewEditor.channel')}
            options={CHANNELS}
            label={l.channel}
            chosen={filter.channels}
            onChange={(v) => setFilter((f) => withList(f, 'channels', v))}
          />
          <Choices
            legend={t('viewEditor.assignee')}
            options={assigneeOptions}
            label={assigneeLabel}
            chosen={filter.assigneeIds}
            onChange={(v) => setFilter((f) => withList(f, 'assigneeIds', v))}
          />
          <Choices
            legend={t('viewEditor.team')}
            options={teams.map((team) => team.id)}
            label={(id) => teams.find((team) => team.id === id)?.name ?? id}
            chosen={filter.teamIds}
            onChange={(v) => setFilter((f) => withList(f, 'teamIds', v))}
          />
          <Choices
            legend={t('viewEditor.customerType')}
            options={CUSTOMER_TYPES}
            label={l.customerType}
            chosen={filter.customerTypes}
            onChange={(v) => setFilter((f) => withList(f, 'customerTypes', v))}
          />
        </div>
        <Field label={t('viewEditor.tags')} id={`${ids}-tags`}>
          <input
            id={`${ids}-tags`}
            type="text"
            value={tags}
            placeholder={t('bulk.tagsPlaceholder')}
            onChange={(e) => setTags(e.target.value)}
          />
        </Field>
        <fieldset className="choice-group">
          <legend>{t('viewEditor.account')}</legend>
          {(filter.accountIds ?? []).length > 0 && (
            <ul className="chosen-list">
              {(filter.accountIds ?? []).map((id) => (
                <li key={id}>
                  {accountNames[id] ?? t('viewEditor.accountUnknown')}
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={t('viewEditor.removeAccount', { name: accountNames[id] ?? id })}
                    onClick={() => setFilter((f) => withList(f, 'accountIds', toggle(f.accountIds, id, false)))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <input
            type="search"
            aria-label={t('viewEditor.accountSearch')}
            placeholder={t('viewEditor.accountSearch')}
            value={accountQuery}
            onChange={(e) => setAccountQuery(e.target.value)}
          />
          {(accounts.data ?? []).length > 0 && (
            <ul className="chosen-list" aria-label={t('viewEditor.accountResults')}>
              {(accounts.data ?? [])
                .filter((a) => !filter.accountIds?.includes(a.id))
                .map((a) => (
                  <li key={a.id}>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => {
                        setAccountNames((names) => ({ ...names, [a.id]: a.name }));
                        setFilter((f) => withList(f, 'accountIds', toggle(f.accountIds, a.id, true)));
                        setAccountQuery('');
                      }}
                    >
                      {t('viewEditor.addAccount', { name: a.name })}
                    </button>
                  </li>
                ))}
            </ul>
          )}
        </fieldset>
        <div className="range-grid">
          {(['createdFrom', 'createdTo', 'updatedFrom', 'updatedTo'] as const).map((field) => (
            <Field key={field} label={t(`viewEditor.${field}`)} id={`${ids}-${field}`}>
              <input id={`${ids}-${field}`} type="date" value={msToDay(filter[field])} onChange={(e) => setRange(field, e.target.value)} />
            </Field>
          ))}
        </div>
        <Field label={t('inbox.sortLabel')} id={`${ids}-sort`}>
          <Select id={`${ids}-sort`} options={TicketSort.options} label={l.sort} value={sort} onChange={(s) => setSort(s ?? sort)} />
        </Field>
        <fieldset className="choice-group">
          <legend>{t('viewEditor.visibility')}</legend>
          <label className="choice">
            <input type="radio" name={`${ids}-visibility`} checked={!shared} onChange={() => setShared(false)} />
            {t('viewEditor.personal')}
          </label>
          <label className="choice">
            <input type="radio" name={`${ids}-visibility`} checked={shared} disabled={!mayShare} onChange={() => setShared(true)} />
            {t('viewEditor.shared')}
          </label>
          {!mayShare && <p className="field-notice">{t('viewEditor.shareNotAllowed')}</p>}
        </fieldset>
        <DialogActions error={error} onCancel={onClose} action={{ label: t('viewEditor.save'), busy: saving }} />
      </form>
    </Dialog>
  );
}
