/**
 * The top bar's search box: the way into the search palette (features/palette/) for the mouse
 * and for typing. Clicking it, pressing Enter or ↓ in it, or typing into it opens the palette
 * with what was typed; the palette then searches and shows the results.
 */
import type { SearchHit } from '../../../shared/contract/channels.ts';
import { usePalette } from '../features/palette/palette-store.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import type { Route } from './routes.ts';

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

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function SearchBox() {
  const { t } = useI18n();
  const show = usePalette((s) => s.show);
  return (
    <div className="search">
      <input
        className="search-input"
        type="search"
        aria-label={t('search.open')}
        aria-haspopup="dialog"
        autoComplete="off"
        placeholder={t('search.placeholder')}
        title={t('search.shortcut', { keys: isMac ? '⌘ K' : 'Ctrl K' })}
        // Never holds text itself: what is typed moves into the palette at once.
        value=""
        onChange={(e) => show(e.target.value)}
        onMouseDown={(e) => {
          e.preventDefault();
          show();
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' && e.key !== 'ArrowDown') return;
          e.preventDefault();
          show();
        }}
      />
      <kbd className="search-kbd" aria-hidden="true">
        {isMac ? '⌘K' : 'Ctrl K'}
      </kbd>
    </div>
  );
}
