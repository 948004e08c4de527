/**
 * A queue of tickets (a built-in view or a saved view): virtualized, paged by keyset cursor,
 * keyboard-first (INBOX_SHORTCUTS: J/K to move, Enter to open, X to tick, Mod+A to tick every
 * loaded row, Esc to clear), with a bulk action bar over the ticked tickets, refreshed when Core
 * reports ticket changes.
 */
import { useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import type { TicketListRow } from '../../../../shared/contract/channels.ts';
import { canShareViews } from '../../../../shared/domain/permissions.ts';
import type { SavedView, TicketSort, User } from '../../../../shared/domain/records.ts';
import { TICKET_SORTS } from '../../../../shared/domain/enums.ts';
import { builtinView } from '../../../../shared/domain/views.ts';
import { useApi } from '../../api/context.tsx';
import { runMutation } from '../../api/mutations.ts';
import { usePagedList, type FetchPage } from '../../api/use-paged-list.ts';
import { asAppError, useQuery } from '../../api/use-query.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSettings } from '../../settings/SettingsProvider.tsx';
import { navigate } from '../../shell/router.ts';
import type { QueueRoute } from './routes.ts';
import { Empty, Loading } from '../../ui/DataState.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { PagedListbox } from '../../ui/PagedListbox.tsx';
import { useNow } from '../../ui/time.tsx';
import { isInDialog, isTyping } from '../../ui/keyboard.ts';
import { MyDayStrip } from './MyDayStrip.tsx';
import type { BulkProgress } from './bulk.ts';
import { useChecked, useInboxUi, type Checked } from './inbox-store.ts';
import { BulkBar, SavedViewEditor } from './occasional-parts.ts';
import { TicketView } from '../ticket/feature.tsx';
import { whenIdle } from '../../ui/idle.ts';
import { queuePageInput } from './queue-page.ts';
import { TicketRow } from './TicketRow.tsx';
import { formatViewCount, useSavedViews, useViewCounts } from './views.ts';
import { DialogActions } from '../../ui/DialogActions.tsx';
import { Select } from '../../ui/Select.tsx';

const ROW_HEIGHT = { comfortable: 60, compact: 40 } as const;
const TICKET_ENTITIES = ['ticket', 'message'] as const;

/** The key a queue's selection, sort and ticks are kept under. */
export const queueKey = (route: QueueRoute) => (route.name === 'inbox' ? route.view : `view:${route.id}`);

export function InboxView({ route }: { route: QueueRoute }) {
  const { t, l } = useI18n();
  const savedViews = useSavedViews();
  const directory = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']);
  if (route.name === 'inbox') {
    const { sort } = builtinView(route.view, 0, []);
    return <Queue route={route} name={l.view(route.view)} defaultSort={sort} me={directory.data?.me ?? null} />;
  }
  const saved = savedViews.data?.find((v) => v.id === route.id);
  if (!saved) {
    if (savedViews.status === 'loading') return <Loading />;
    return (
      <section className="inbox">
        <Empty>{t('views.notFound')}</Empty>
      </section>
    );
  }
  return <Queue route={route} name={saved.name} defaultSort={saved.sort} saved={saved} me={directory.data?.me ?? null} />;
}

function Queue({
  route,
  name,
  defaultSort,
  saved,
  me,
}: {
  route: QueueRoute;
  name: string;
  defaultSort: TicketSort;
  saved?: SavedView;
  me: User | null;
}) {
  const { t, l, f } = useI18n();
  const { settings } = useSettings();
  const now = useNow();
  const key = queueKey(route);
  const sort = useInboxUi((s) => s.sort[key]);
  const setSort = useInboxUi((s) => s.setSort);
  const selection = useInboxUi((s) => s.selected[key]);
  const select = useInboxUi((s) => s.select);
  const checked = useChecked(key);
  const setChecked = useInboxUi((s) => s.setChecked);
  const counts = useViewCounts();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [bulkProgress, setBulkProgress] = useState<BulkProgress | null>(null);

  const fetchPage = useCallback<FetchPage<TicketListRow>>(
    (api, cursor) =>
      api.tickets.list(queuePageInput(route.name === 'inbox' ? { view: route.view } : { savedViewId: route.id }, cursor, sort)),
    [route, sort],
  );
  const list = usePagedList(`${key}:${sort ?? 'default'}`, fetchPage, TICKET_ENTITIES);
  // A ticket is opened from here: once the rows are up, its page's code loads while the person reads them.
  const rowsUp = list.status === 'ready';
  useEffect(() => {
    if (rowsUp) return whenIdle(() => TicketView.warm());
  }, [rowsUp]);

  const selected = useMemo(() => {
    if (list.count === 0) return -1;
    const found = selection?.id ? list.findIndex((row) => row.id === selection.id) : -1;
    return found >= 0 ? found : Math.min(selection?.index ?? 0, list.count - 1);
  }, [list, selection]);

  const selectIndex = useCallback((index: number) => select(key, { index, id: list.rowAt(index)?.id ?? null }), [list, select, key]);
  const open = useCallback(
    (index: number) => {
      const row = list.rowAt(index);
      if (row) navigate({ name: 'ticket', id: row.id });
    },
    [list],
  );

  /** Ticks or unticks one row; with Shift, every loaded row from the last one ticked to it, to the same state. */
  const tick = useCallback(
    (index: number, range: boolean) => {
      const row = list.rowAt(index);
      if (!row) return;
      const state = useInboxUi.getState();
      const current = state.checked[key] ?? new Map<string, TicketListRow>();
      const on = !current.has(row.id);
      const next = new Map(current);
      const anchor = state.anchor[key];
      const [from, to] = range && anchor !== undefined ? [Math.min(anchor, index), Math.max(anchor, index)] : [index, index];
      for (let i = from; i <= to; i++) {
        const r = list.rowAt(i);
        if (!r) continue;
        if (on) next.set(r.id, r);
        else next.delete(r.id);
      }
      setChecked(key, next, index);
    },
    [list, key, setChecked],
  );
  const clearTicks = useCallback(() => setChecked(key, new Map()), [key, setChecked]);
  const tickAllLoaded = useCallback(() => {
    const next = new Map<string, TicketListRow>();
    for (let i = 0; i < list.count; i++) {
      const row = list.rowAt(i);
      if (row) next.set(row.id, row);
    }
    setChecked(key, next);
  }, [list, key, setChecked]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || isInDialog(e) || e.altKey || list.count === 0) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') tickAllLoaded();
      else if (e.ctrlKey || e.metaKey) return;
      else if (e.key === 'j') selectIndex(Math.min(list.count - 1, selected + 1));
      else if (e.key === 'k') selectIndex(Math.max(0, selected - 1));
      else if (e.key === 'x') tick(selected, e.shiftKey);
      else if (e.key === 'Escape' && checked.size > 0) clearTicks();
      // The focused listbox handles Enter itself; with the page as a whole focused, Enter opens too.
      else if (e.key === 'Enter' && (e.target === document.body || (e.target instanceof HTMLElement && e.target.id === 'main')))
        open(selected);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list.count, selected, selectIndex, open, tick, tickAllLoaded, clearTicks, checked.size]);

  const total = counts.data ? (route.name === 'inbox' ? counts.data.builtin[route.view] : counts.data.saved[route.id]) : undefined;
  const mayEdit = saved && me && (saved.ownerId === null ? canShareViews(me) : saved.ownerId === me.id);
  const checkedRows = useMemo(() => [...checked.values()], [checked]);
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <header className="view-header">
        <h1 id="inbox-title">{name}</h1>
        {list.status === 'ready' && (
          <span className="view-count">
            {total
              ? t('inbox.total', { count: total.count, shown: formatViewCount(total, f) })
              : list.hasMore
                ? t('inbox.more', { count: list.count })
                : t('inbox.shown', { count: list.count })}
          </span>
        )}
        <span className="view-header-spacer" />
        <span className="kbd-hint" aria-hidden="true">
          {t('inbox.keyboardHint')}
        </span>
        {mayEdit && (
          <>
            <button type="button" className="button button-small" onClick={() => setEditing(true)}>
              {t('views.edit')}
            </button>
            <button type="button" className="button button-small button-danger" onClick={() => setDeleting(true)}>
              {t('views.delete')}
            </button>
          </>
        )}
        <label className="field-inline">
          <span>{t('inbox.sortLabel')}</span>
          <Select
            options={TICKET_SORTS.filter((s) => s !== defaultSort)}
            label={l.sort}
            value={sort ?? ''}
            none={l.sort(defaultSort)}
            onChange={(s) => setSort(key, s)}
          />
        </label>
      </header>
      {me?.role === 'agent' && list.status === 'ready' && <MyDayStrip />}
      {(checked.size > 0 || bulkProgress) && (
        <BulkBar rows={checkedRows} onClear={clearTicks} progress={bulkProgress} setProgress={setBulkProgress} />
      )}
      <PagedListbox
        list={list}
        empty={t('inbox.empty')}
        label={t('inbox.listLabel', { view: name })}
        idPrefix="ticket"
        rowHeight={ROW_HEIGHT[settings.density]}
        rowKey={(row) => row.id}
        renderRow={(row, index) => (
          <TicketRow row={row} now={now} checked={checked.has(row.id)} onCheck={(e: MouseEvent) => tick(index, e.shiftKey)} />
        )}
        isChecked={(row) => isTicked(checked, row)}
        placeholder={t('inbox.loadingMore')}
        selected={selected}
        onSelect={selectIndex}
        onOpen={open}
      />
      {editing && saved && me && (
        <SavedViewEditor view={saved} me={me} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      )}
      {deleting && saved && <DeleteView view={saved} onClose={() => setDeleting(false)} />}
    </section>
  );
}

const isTicked = (checked: Checked, row: TicketListRow) => checked.has(row.id);

function DeleteView({ view, onClose }: { view: SavedView; onClose(): void }) {
  const { t, l } = useI18n();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog title={t('views.deleteTitle')} role="alertdialog" onClose={onClose}>
      <p>{t('views.deleteConfirm', { name: view.name })}</p>
      <DialogActions
        error={error}
        onCancel={onClose}
        action={{
          label: t('views.delete'),
          destructive: true,
          onClick: async () => {
            try {
              await runMutation(api, 'view.delete', { id: view.id });
              navigate({ name: 'inbox', view: 'mine' });
            } catch (err) {
              setError(l.error(asAppError(err).code));
            }
          },
        }}
      />
    </Dialog>
  );
}
