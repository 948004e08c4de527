/**
 * A queue of tickets: virtualized, paged by keyset cursor, keyboard-first (J/K to move, Enter to
 * open), refreshed when Core reports ticket changes.
 */
import { useCallback, useEffect, useMemo } from 'react';
import type { TicketListRow } from '../../../../shared/contract/channels.ts';
import { TicketSort } from '../../../../shared/domain/records.ts';
import { builtinView, type BuiltinView } from '../../../../shared/domain/views.ts';
import { usePagedList, type FetchPage } from '../../api/use-paged-list.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { useSettings } from '../../settings/SettingsProvider.tsx';
import { navigate } from '../../shell/router.ts';
import { PagedListbox } from '../../ui/PagedListbox.tsx';
import { useNow } from '../../ui/time.tsx';
import { isTyping } from '../../ui/VirtualListbox.tsx';
import { useInboxUi } from './inbox-store.ts';
import { TicketRow } from './TicketRow.tsx';

export const INBOX_PAGE_SIZE = 100;
const ROW_HEIGHT = { comfortable: 60, compact: 40 } as const;
const TICKET_ENTITIES = ['ticket', 'message'] as const;

export function InboxView({ view }: { view: BuiltinView }) {
  const { t, l } = useI18n();
  const { settings } = useSettings();
  const now = useNow();
  const sort = useInboxUi((s) => s.sort[view]);
  const setSort = useInboxUi((s) => s.setSort);
  const selection = useInboxUi((s) => s.selected[view]);
  const select = useInboxUi((s) => s.select);

  const fetchPage = useCallback<FetchPage<TicketListRow>>(
    (api, cursor) => api.tickets.list({ view, cursor, limit: INBOX_PAGE_SIZE, ...(sort ? { sort } : {}) }),
    [view, sort],
  );
  const list = usePagedList(`${view}:${sort ?? 'default'}`, fetchPage, TICKET_ENTITIES);

  const selected = useMemo(() => {
    if (list.count === 0) return -1;
    const found = selection?.id ? list.findIndex((row) => row.id === selection.id) : -1;
    return found >= 0 ? found : Math.min(selection?.index ?? 0, list.count - 1);
  }, [list, selection]);

  const selectIndex = useCallback((index: number) => select(view, { index, id: list.rowAt(index)?.id ?? null }), [list, select, view]);
  const open = useCallback(
    (index: number) => {
      const row = list.rowAt(index);
      if (row) navigate({ name: 'ticket', id: row.id });
    },
    [list],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e) || e.altKey || e.ctrlKey || e.metaKey || list.count === 0) return;
      if (e.key === 'j') selectIndex(Math.min(list.count - 1, selected + 1));
      else if (e.key === 'k') selectIndex(Math.max(0, selected - 1));
      // The focused listbox handles Enter itself; with nothing focused (after J/K) Enter opens too.
      else if (e.key === 'Enter' && e.target === document.body) open(selected);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [list.count, selected, selectIndex, open]);

  const viewName = l.view(view);
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <header className="view-header">
        <h1 id="inbox-title">{viewName}</h1>
        {list.status === 'ready' && (
          <span className="view-count">
            {list.hasMore ? t('inbox.more', { count: list.count }) : t('inbox.shown', { count: list.count })}
          </span>
        )}
        <span className="view-header-spacer" />
        <span className="kbd-hint" aria-hidden="true">
          {t('inbox.keyboardHint')}
        </span>
        <label className="field-inline">
          <span>{t('inbox.sortLabel')}</span>
          <select value={sort ?? ''} onChange={(e) => setSort(view, e.target.value ? TicketSort.parse(e.target.value) : undefined)}>
            <option value="">{l.sort(defaultSort(view))}</option>
            {TicketSort.options
              .filter((s) => s !== defaultSort(view))
              .map((s) => (
                <option key={s} value={s}>
                  {l.sort(s)}
                </option>
              ))}
          </select>
        </label>
      </header>
      <PagedListbox
        list={list}
        empty={t('inbox.empty')}
        label={t('inbox.listLabel', { view: viewName })}
        idPrefix="ticket"
        rowHeight={ROW_HEIGHT[settings.density]}
        rowKey={(row) => row.id}
        renderRow={(row) => <TicketRow row={row} now={now} />}
        placeholder={t('inbox.loadingMore')}
        selected={selected}
        onSelect={selectIndex}
        onOpen={open}
      />
    </section>
  );
}

/** The sort each queue uses unless the person picks another. */
const defaultSort = (view: BuiltinView): TicketSort => builtinView(view, 0, []).sort;
