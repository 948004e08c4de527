/**
 * Global search in the top bar (a combobox): debounced while typing, results in a popup list with
 * the matched words highlighted; arrows move, Enter opens, Esc closes.
 */
import { useEffect, useId, useState, type KeyboardEvent, type Ref } from 'react';
import type { SearchHit } from '../../../shared/contract/channels.ts';
import { splitHighlights } from '../../../shared/search/text.ts';
import { useApi } from '../api/context.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { useDebounced } from '../ui/use-debounced.ts';
import type { Route } from './routes.ts';
import { navigate, useRouter } from './router.ts';

type Results = { q: string; hits: SearchHit[] } | null;

/** Where a hit opens: tickets and messages open their ticket. */
export function routeOfHit(hit: SearchHit): Route {
  switch (hit.kind) {
    case 'ticket':
    case 'message':
      return { name: 'ticket', id: hit.ticketId ?? hit.id };
    case 'contact':
      return { name: 'contact', id: hit.id };
    case 'account':
      return { name: 'account', id: hit.id };
    case 'article':
      return { name: 'article', id: hit.id };
  }
}

export function SearchBox({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const api = useApi();
  const { t } = useI18n();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [results, setResults] = useState<Results>(null);
  const q = useDebounced(text.trim(), 180);

  useEffect(() => {
    if (!q) return;
    let current = true;
    api.search.query({ q, limit: 12 }).then(
      ({ hits }) => current && setResults({ q, hits }),
      () => current && setResults({ q, hits: [] }),
    );
    return () => {
      current = false;
    };
  }, [api, q]);

  useEffect(() => useRouter.subscribe((s, prev) => s.route !== prev.route && setOpen(false)), []);

  const hits = results && results.q === q ? results.hits : [];
  const searching = q !== '' && (!results || results.q !== q);
  const expanded = open && q !== '';

  const choose = (hit: SearchHit) => {
    setOpen(false);
    setText('');
    navigate(routeOfHit(hit));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && hits.length > 0) {
      setOpen(true);
      setActive((a) => (a + 1) % hits.length);
    } else if (e.key === 'ArrowUp' && hits.length > 0) {
      setActive((a) => (a - 1 + hits.length) % hits.length);
    } else if (e.key === 'Enter' && expanded && hits[active]) {
      choose(hits[active]);
    } else if (e.key === 'Escape') {
      if (expanded) setOpen(false);
      else e.currentTarget.blur();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="search">
      <label className="visually-hidden" htmlFor={`${listId}-input`}>
        {t('search.label')}
      </label>
      <input
        ref={inputRef}
        id={`${listId}-input`}
        className="search-input"
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('search.placeholder')}
        title={t('search.shortcut')}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && hits[active] ? `${listId}-${active}` : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <kbd className="search-kbd" aria-hidden="true">
        /
      </kbd>
      <div className="search-popup" hidden={!expanded}>
        {searching && <p className="search-status">{t('search.searching')}</p>}
        {!searching && hits.length === 0 && <p className="search-status">{t('search.noResults', { query: q })}</p>}
        <ul id={listId} role="listbox" aria-label={t('search.results')} className="search-results">
          {hits.map((hit, i) => (
            <li
              key={`${hit.kind}-${hit.id}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className="search-hit"
              // Keep focus in the input: a mousedown would blur it and close the list before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(hit)}
            >
              <span className="search-hit-head">
                <span className={`search-kind search-kind-${hit.kind}`}>{t(`searchKind.${hit.kind}`)}</span>
                <span className="search-hit-title">{hit.title}</span>
              </span>
              <span className="search-snippet">
                {splitHighlights(hit.snippet).map((part, j) =>
                  part.hit ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>,
                )}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
