/**
 * "Apply macro" on a ticket (button, or M when not typing): a searchable list of the macros the
 * person may use; the highlighted one is previewed (its text as it will read on this ticket, and
 * each field it changes, from → to); Enter or Apply runs the field changes and puts the text into
 * the composer, where the agent can still edit it before sending.
 */
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { macroChanges, renderMacroText, type MacroChange } from '../../../../shared/domain/macros.ts';
import type { Macro, Ticket } from '../../../../shared/domain/records.ts';
import { isEditable } from '../../../../shared/domain/ticket-status.ts';
import type { Api } from '../../../../shared/contract/api.ts';
import { useApi } from '../../api/context.tsx';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSession } from '../../session/SessionGate.tsx';
import { ErrorState, Loading } from '../../ui/DataState.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { isBareShortcut } from '../../ui/keyboard.ts';
import { planMacro } from './apply-macro.ts';
import { offerUndo } from '../../ui/undo.ts';
import { useComposerInserts } from './composer-insert.ts';
import { DialogActions } from '../../ui/DialogActions.tsx';

export function ApplyMacroButton({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const editable = isEditable(ticket.status);

  useEffect(() => {
    if (!editable) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'm' || !isBareShortcut(e)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editable]);

  return (
    <>
      <button
        type="button"
        className="button button-small macro-button"
        disabled={!editable}
        aria-keyshortcuts="M"
        onClick={() => setOpen(true)}
      >
        {t('macros.apply')} <kbd aria-hidden="true">M</kbd>
      </button>
      {open && <MacroPicker ticketId={ticket.id} onClose={() => setOpen(false)} />}
    </>
  );
}

type Detail = Awaited<ReturnType<Api['tickets']['get']>>;
type Directory = Awaited<ReturnType<Api['directory']['get']>>;

export function MacroPicker({ ticketId, onClose }: { ticketId: string; onClose(): void }) {
  const { t } = useI18n();
  const macros = useQuery('macros', (api) => api.macros.list({}), ['macro']);
  const detail = useQuery(`ticket:${ticketId}`, (api) => api.tickets.get({ id: ticketId }), ['ticket']);
  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']);
  const failed = [macros, detail, directory].find((q) => q.status === 'error');
  return (
    <Dialog title={t('macros.applyTitle')} onClose={onClose} className="macro-picker">
      {macros.status === 'ready' && detail.status === 'ready' && directory.status === 'ready' ? (
        <PickerBody macros={macros.data.macros} detail={detail.data} directory={directory.data} onClose={onClose} />
      ) : failed?.error ? (
        <ErrorState error={failed.error} onRetry={failed.reload} />
      ) : (
        <Loading />
      )}
    </Dialog>
  );
}

function PickerBody({ macros, detail, directory, onClose }: { macros: Macro[]; detail: Detail; directory: Directory; onClose(): void }) {
  const api = useApi();
  const { t, l } = useI18n();
  const { user: me } = useSession();
  const ids = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // The dialog focused its first control while the data loaded; the search is where to start.
  useEffect(() => document.getElementById(`${ids}-search`)?.focus(), [ids]);

  const q = query.trim().toLowerCase();
  const shown = useMemo(
    () => (q === '' ? macros : macros.filter((m) => m.title.toLowerCase().includes(q) || m.body.toLowerCase().includes(q))),
    [macros, q],
  );
  const current = shown[Math.min(active, shown.length - 1)] ?? null;
  const { ticket } = detail;
  const preview = useMemo(() => {
    if (!current || !me) return null;
    const rendered = renderMacroText(current.body, {
      ticket,
      requester: detail.requester,
      account: detail.account,
      agent: { name: me.name },
    });
    const teamsOf = (userId: string) => directory.users.find((u) => u.id === userId)?.teamIds ?? null;
    const changes = macroChanges(current.actions, ticket, { meId: me.id, teamsOf });
    return { rendered, changes, plan: planMacro(current, ticket, changes, rendered.text) };
  }, [current, me, ticket, detail, directory]);

  const apply = async () => {
    if (!preview || busy) return;
    setBusy(true);
    setFailure(null);
    let firstError: string | null = null;
    const held: Awaited<ReturnType<Api['mutations']['run']>>[] = [];
    // Each field change is its own mutation: one refused (say, by a rule) leaves the others applied.
    // All are held for the undo window and offered back together (ui/undo.ts).
    for (const mutation of preview.plan.mutations) {
      try {
        const receipt = await api.mutations.run({ ...mutation, undoable: true } as Parameters<Api['mutations']['run']>[0]);
        held.push(receipt);
        if (receipt.outcome === 'conflict') firstError ??= t('action.conflict');
      } catch (err) {
        firstError ??= t('macros.applyFailed', { reason: l.error(asAppError(err).code) });
      }
    }
    if (preview.plan.insert) useComposerInserts.getState().insert(preview.plan.insert);
    offerUndo(api, held, ({ t }) => t('undo.macroApplied', { title: current?.title ?? '' }));
    setBusy(false);
    if (firstError) setFailure(firstError);
    else onClose();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (shown.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (Math.min(a, shown.length - 1) + step + shown.length) % shown.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void apply();
    }
  };

  const optionId = (i: number) => `${ids}-macro-${i}`;
  const activeIndex = Math.min(active, shown.length - 1);
  return (
    <>
      <div className="macro-picker-body">
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-search`}>
            {t('macros.search')}
          </label>
          <input
            id={`${ids}-search`}
            type="search"
            data-autofocus
            role="combobox"
            aria-expanded="true"
            aria-controls={`${ids}-list`}
            aria-autocomplete="list"
            aria-activedescendant={current ? optionId(activeIndex) : undefined}
            aria-describedby={`${ids}-hint`}
            autoComplete="off"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
          />
          <span id={`${ids}-hint`} className="kbd-hint">
            {t('macros.searchHint')}
          </span>
          {shown.length === 0 && (
            <p className="search-status" role="status">
              {macros.length === 0 ? t('macros.none') : t('macros.noMatch', { query: query.trim() })}
            </p>
          )}
          <ul id={`${ids}-list`} role="listbox" aria-label={t('macros.listLabel')} className="macro-list">
            {shown.map((macro, i) => (
              <li
                key={macro.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === activeIndex}
                className="macro-option"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => setActive(i)}
                onDoubleClick={() => void apply()}
              >
                <span>{macro.title}</span>
                <span className="macro-option-meta">
                  {l.messageKind(macro.replyKind)} · {macro.ownerId === null ? t('macros.shared') : t('macros.personal')}
                </span>
              </li>
            ))}
          </ul>
        </div>
        {current && preview && (
          <section className="macro-preview" aria-label={t('macros.preview')} aria-live="polite">
            <h3>{t(current.replyKind === 'reply' ? 'macros.inserts.reply' : 'macros.inserts.note')}</h3>
            {preview.plan.insert ? (
              <p className={`macro-text ${current.replyKind === 'note' ? 'macro-text-note' : ''}`}>{preview.rendered.text}</p>
            ) : (
              <p className="muted">{t('macros.noText')}</p>
            )}
            {preview.rendered.unknown.length > 0 && (
              <p className="macro-warning">
                {t('macros.unknownPlaceholders', { names: preview.rendered.unknown.map((n) => `{{${n}}}`).join(', ') })}
              </p>
            )}
            {preview.rendered.missing.length > 0 && (
              <p className="macro-warning">
                {t('macros.missingPlaceholders', { names: preview.rendered.missing.map((n) => `{{${n}}}`).join(', ') })}
              </p>
            )}
            <h3>{t('macros.changes')}</h3>
            {preview.changes.length === 0 ? (
              <p className="muted">{t('macros.noChanges')}</p>
            ) : (
              <ul className="macro-changes">
                {preview.changes.map((change) => (
                  <ChangeLine
                    key={change.field}
                    change={change}
                    directory={directory}
                    onSend={change.field === 'status' && preview.plan.statusOnSend !== null}
                  />
                ))}
              </ul>
            )}
          </section>
        )}
      </div>
      <DialogActions
        error={failure}
        onCancel={onClose}
        action={{
          label: t('macros.applyButton'),
          busyLabel: t('macros.applying'),
          busy,
          disabled: !current,
          onClick: () => void apply(),
        }}
      />
    </>
  );
}

function ChangeLine({ change, directory, onSend }: { change: MacroChange; directory: Directory; onSend: boolean }) {
  const { t, l } = useI18n();
  const person = (id: string | null) =>
    id === null ? t('inbox.unassigned') : (directory.users.find((u) => u.id === id)?.name ?? t('macros.unknownPerson'));
  const team = (id: string) => directory.teams.find((x) => x.id === id)?.name ?? t('macros.unknownTeam');
  let label: string;
  let value: string;
  switch (change.field) {
    case 'status':
      label = t('ticket.status');
      value = t('macros.change', { from: l.status(change.from), to: l.status(change.to) });
      break;
    case 'priority':
      label = t('ticket.priority');
      value = t('macros.change', { from: l.priority(change.from), to: l.priority(change.to) });
      break;
    case 'type':
      label = t('ticket.type');
      value = t('macros.change', { from: l.type(change.from), to: l.type(change.to) });
      break;
    case 'team':
      label = t('ticket.team');
      value = t('macros.change', { from: team(change.from), to: team(change.to) });
      break;
    case 'assignee':
      label = t('ticket.assignee');
      value = t('macros.change', { from: person(change.from), to: person(change.to) });
      break;
    case 'tags':
      label = t('ticket.tags');
      value = [
        change.added.length > 0 ? t('macros.tagsAdded', { tags: change.added.join(', ') }) : '',
        change.removed.length > 0 ? t('macros.tagsRemoved', { tags: change.removed.join(', ') }) : '',
      ]
        .filter(Boolean)
        .join('; ');
      break;
  }
  return (
    <li>
      <strong>{label}</strong>: {value}
      {onSend && ` (${t('macros.onSend')})`}
      {change.problem && <span className="macro-change-problem">{t(`macros.problem.${change.problem}`)}</span>}
    </li>
  );
}
