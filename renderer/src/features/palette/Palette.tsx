/**
 * The global search palette (Ctrl/Cmd+K anywhere, `/` when not typing, or typing in the top bar's
 * box): tickets, messages, contacts, accounts and articles found as the person types, grouped by
 * kind with the matched words highlighted. A combobox over a grouped listbox: focus stays in the
 * text box while ↑ ↓ move the active option (aria-activedescendant), Enter opens it, Tab reaches
 * the kind and status filters, Esc closes. With nothing typed it offers the recent searches. A
 * group with more hits than it shows ends in "Show all N", an option like the others, which
 * searches that kind alone. With one kind shown, "Show more" ends the list while more hits are
 * counted; choosing it, or reaching it with the arrows, loads the next page. Each opening starts a
 * new search.
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { SearchHit, SearchTotal } from '../../../../shared/contract/channels.ts';
import { splitHighlights } from '../../../../shared/search/text.ts';
import { useI18n } from '../../i18n/use-i18n.ts';
import { navigate } from '../../shell/router.ts';
import { routeOfHit } from '../../shell/SearchBox.tsx';
import { StatusChip } from '../../ui/Chips.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { SEARCH_KINDS, TICKET_STATUSES } from '../../../../shared/domain/enums.ts';
import { usePalette } from './palette-store.ts';
import { useSearch, type SearchState } from './use-search.ts';

type Option =
  | { kind: 'recent'; text: string }
  | { kind: 'hit'; hit: SearchHit }
  | { kind: 'more'; total: SearchTotal }
  | { kind: 'page'; total: SearchTotal; shown: number };

export function Palette() {
  const open = usePalette((s) => s.open);
  const close = usePalette((s) => s.close);
  const { t } = useI18n();
  if (!open) return null;
  return (
    <Dialog title={t('palette.title')} onClose={close} className="palette">
      <PaletteBody />
    </Dialog>
  );
}

function PaletteBody() {
  const { t, l } = useI18n();
  const ids = useId();
  const { text, kinds, statuses, recent, setText, close, remember, toggleKind, only, clearKinds, toggleStatus } = usePalette();
  const [search, loadMore] = useSearch(text, kinds, statuses);
  // The active option, for the answer it was chosen in: a new answer (or filter) starts at its first option.
  const [active, setActiveFor] = useState({ key: '', index: 0 });

  const hits = search.status === 'ready' || search.status === 'searching' ? search.hits : [];
  const totals = search.status === 'ready' && kinds.length !== 1 ? search.totals : [];
  const pageOf = search.status === 'ready' && loadMore ? search.totals.find((x) => x.kind === kinds[0]) : undefined;
  const options: Option[] =
    text.trim() === ''
      ? recent.map((r) => ({ kind: 'recent', text: r }))
      : [...withShowAll(hits, totals), ...(pageOf ? [{ kind: 'page' as const, total: pageOf, shown: hits.length }] : [])];
  const answerKey = `${search.status === 'ready' ? search.q : ''}|${text.trim() === ''}|${kinds.join()}|${statuses.join()}`;
  const setActive = (index: number) => setActiveFor({ key: answerKey, index });
  const current = Math.min(active.key === answerKey ? active.index : 0, Math.max(0, options.length - 1));
  const optionId = (i: number) => `${ids}-option-${i}`;

  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView?.({ block: 'nearest' });
  });
  // Reaching "Show more" with the arrows loads the next page, as scrolling to the end would.
  const reachedPage = options[current]?.kind === 'page' && active.key === answerKey;
  useEffect(() => {
    if (reachedPage) loadMore?.();
  }, [reachedPage, loadMore]);

  const choose = (option: Option) => {
    if (option.kind === 'recent') {
      setText(option.text);
      return;
    }
    if (option.kind === 'more') {
      only(option.total.kind);
      return;
    }
    if (option.kind === 'page') {
      loadMore?.();
      return;
    }
    remember(text);
    close();
    navigate(routeOfHit(option.hit));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length;
    if (e.key === 'ArrowDown' && count) setActive((current + 1) % count);
    else if (e.key === 'ArrowUp' && count) setActive((current - 1 + count) % count);
    else if (e.key === 'Home' && count && e.ctrlKey) setActive(0);
    else if (e.key === 'End' && count && e.ctrlKey) setActive(count - 1);
    else if (e.key === 'Enter' && options[current]) choose(options[current]);
    else return;
    e.preventDefault();
  };

  // Options grouped by kind, keeping their flat index for keyboard movement.
  const groups: { label: string; items: { option: Option; index: number }[] }[] = [];
  options.forEach((option, index) => {
    const label =
      option.kind === 'recent' ? t('palette.recent') : t(`palette.group.${option.kind === 'hit' ? option.hit.kind : option.total.kind}`);
    const last = groups.at(-1);
    if (last && last.label === label) last.items.push({ option, index });
    else groups.push({ label, items: [{ option, index }] });
  });

  const busy = search.status === 'searching';
  return (
    <div className="palette-body">
      <input
        data-autofocus
        className="palette-input"
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={options.length > 0}
        aria-controls={`${ids}-list`}
        aria-autocomplete="list"
        aria-activedescendant={options[current] ? optionId(current) : undefined}
        aria-describedby={`${ids}-hint`}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('palette.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="palette-filters">
        <div role="group" aria-label={t('palette.kinds')} className="chip-toggles">
          <button type="button" className="chip-toggle" aria-pressed={kinds.length === 0} onClick={clearKinds}>
            {t('palette.kind.all')}
          </button>
          {SEARCH_KINDS.map((kind) => (
            <button key={kind} type="button" className="chip-toggle" aria-pressed={kinds.includes(kind)} onClick={() => toggleKind(kind)}>
              {t(`palette.group.${kind}`)}
            </button>
          ))}
        </div>
        <div role="group" aria-label={t('palette.statuses')} className="chip-toggles">
          {TICKET_STATUSES.map((status) => (
            <button
              key={status}
              type="button"
              className="chip-toggle"
              aria-pressed={statuses.includes(status)}
              onClick={() => toggleStatus(status)}
            >
              {l.status(status)}
            </button>
          ))}
        </div>
        {statuses.length > 0 && <p className="palette-note">{t('palette.statusNote')}</p>}
      </div>
      <div
        id={`${ids}-list`}
        role="listbox"
        aria-label={text.trim() ? t('search.results') : t('palette.recent')}
        aria-busy={busy}
        className={`palette-results${busy ? ' palette-results-busy' : ''}`}
      >
        {groups.map((group) => (
          <div key={group.label} role="group" aria-label={group.label} className="palette-group">
            <div role="presentation" className="palette-group-label">
              {group.label}
            </div>
            {group.items.map(({ option, index }) => (
              <div
                key={
                  option.kind === 'recent'
                    ? `recent-${option.text}`
                    : option.kind === 'hit'
                      ? `${option.hit.kind}-${option.hit.id}`
                      : `${option.kind}-${option.total.kind}`
                }
                id={optionId(index)}
                role="option"
                aria-selected={index === current}
                className={option.kind === 'more' || option.kind === 'page' ? 'palette-option palette-more' : 'palette-option'}
                // Keep focus in the text box: a mousedown would move it to the option.
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => index !== current && setActive(index)}
                onClick={() => choose(option)}
              >
                {option.kind === 'recent' ? (
                  <span className="palette-recent">{option.text}</span>
                ) : option.kind === 'hit' ? (
                  <HitView hit={option.hit} />
                ) : option.kind === 'page' ? (
                  <span className="palette-more-label">
                    {t('palette.nextPage', {
                      shown: option.shown,
                      count: option.total.capped ? `${option.total.count}+` : option.total.count,
                    })}
                  </span>
                ) : (
                  <span className="palette-more-label">
                    {t(option.total.capped ? 'palette.showMore' : 'palette.showAll', {
                      count: option.total.count,
                      group: t(`palette.group.${option.total.kind}`),
                    })}
                  </span>
                )}
              </div>
            ))}
          </div>
        ))}
      </div>
      <p role="status" className="palette-status">
        {statusLine(search, options.filter((o) => o.kind === 'hit' || o.kind === 'recent').length, text, { t, l })}
      </p>
      <p id={`${ids}-hint`} className="kbd-hint palette-hint">
        {t('palette.hint')}
      </p>
    </div>
  );
}

/** The hits as options, each kind's group followed by "Show all N" when the kind has more than it shows. */
function withShowAll(hits: readonly SearchHit[], totals: readonly SearchTotal[]): Option[] {
  const options: Option[] = [];
  hits.forEach((hit, i) => {
    options.push({ kind: 'hit', hit });
    if (hits[i + 1]?.kind === hit.kind) return;
    const total = totals.find((x) => x.kind === hit.kind);
    const shown = hits.filter((h) => h.kind === hit.kind).length;
    if (total && total.count > shown) options.push({ kind: 'more', total });
  });
  return options;
}

function statusLine(search: SearchState, count: number, text: string, { t, l }: Pick<ReturnType<typeof useI18n>, 't' | 'l'>): string {
  if (text.trim() === '') return count ? '' : t('palette.noRecent');
  if (search.status === 'searching') return count ? '' : t('search.searching');
  if (search.status === 'error') return t('action.failed', { reason: l.error(search.code) });
  if (search.status === 'ready' && count === 0) return t('search.noResults', { query: search.q });
  return search.status === 'ready' ? t('palette.count', { count }) : '';
}

/** One hit: what it is, where it opens (ticket number, subject, requester) and the matched words. */
function HitView({ hit }: { hit: SearchHit }) {
  const { t } = useI18n();
  const onTicket = hit.kind === 'ticket' || hit.kind === 'message';
  const number = hit.ticketNumber === null ? t('ticket.unsynced') : `#${hit.ticketNumber}`;
  return (
    <>
      <span className="palette-hit-head">
        {onTicket && <span className="palette-hit-number">{number}</span>}
        <span className="palette-hit-title">{hit.title}</span>
        {onTicket && hit.ticketStatus && <StatusChip status={hit.ticketStatus} />}
        {hit.requesterName && <span className="palette-hit-requester">{hit.requesterName}</span>}
      </span>
      <span className="palette-snippet">
        {splitHighlights(hit.snippet).map((part, j) => (part.hit ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>))}
      </span>
    </>
  );
}
