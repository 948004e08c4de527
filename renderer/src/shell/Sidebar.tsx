/**
 * The main navigation: the built-in queues and the saved views (personal, then shared) under
 * Inbox, each with its ticket count, and the signed-in person at the bottom.
 */
import { useState } from 'react';
import type { ViewCount } from '../../../shared/contract/channels.ts';
import type { SavedView } from '../../../shared/domain/records.ts';
import { BUILTIN_VIEWS } from '../../../shared/domain/views.ts';
import { useQuery } from '../api/use-query.ts';
import { SavedViewEditor } from '../features/inbox/SavedViewEditor.tsx';
import { formatViewCount, groupViews, useSavedViews, useViewCounts } from '../features/inbox/views.ts';
import type { MessageKey } from '../i18n/catalog.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { AccountMenu } from './AccountMenu.tsx';
import { formatHash, type Route } from './routes.ts';
import { navigate, useRouter } from './router.ts';

type Section = 'inbox' | 'accounts' | 'dashboard' | 'knowledge' | 'macros' | 'settings';

/** Which top-level section a route belongs to, for highlighting the sidebar. */
function sectionOf(route: Route): Section {
  switch (route.name) {
    case 'inbox':
    case 'savedView':
    case 'ticket':
      return 'inbox';
    case 'accounts':
    case 'account':
    case 'contact':
      return 'accounts';
    case 'knowledge':
    case 'article':
      return 'knowledge';
    default:
      return route.name;
  }
}

const SECTIONS: { section: Section; label: MessageKey; href: string }[] = [
  { section: 'accounts', label: 'nav.accounts', href: formatHash({ name: 'accounts' }) },
  { section: 'dashboard', label: 'nav.dashboard', href: formatHash({ name: 'dashboard' }) },
  { section: 'knowledge', label: 'nav.knowledge', href: formatHash({ name: 'knowledge' }) },
  { section: 'macros', label: 'nav.macros', href: formatHash({ name: 'macros' }) },
];

export function Sidebar() {
  const { t, l } = useI18n();
  const route = useRouter((s) => s.route);
  const lastQueue = useRouter((s) => s.lastQueue);
  const section = sectionOf(route);
  const activeView = route.name === 'inbox' ? route.view : null;
  const activeSaved = route.name === 'savedView' ? route.id : null;
  const counts = useViewCounts().data;
  const views = groupViews(useSavedViews().data ?? []);
  const me = useQuery('directory', (api) => api.directory.get({}), ['user', 'team']).data?.me ?? null;
  const [creating, setCreating] = useState(false);

  return (
    <nav className="sidebar" aria-label={t('app.primaryNav')}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        {t('app.name')}
      </div>
      <ul className="nav-list">
        <li>
          <a
            className="nav-link"
            href={formatHash(lastQueue)}
            aria-current={section === 'inbox' && activeView === null && activeSaved === null ? 'page' : undefined}
            data-active={section === 'inbox'}
          >
            {t('nav.inbox')}
          </a>
          <ul className="nav-sublist" aria-label={t('nav.queues')}>
            {BUILTIN_VIEWS.map((view) => (
              <li key={view}>
                <a
                  className="nav-sublink"
                  href={formatHash({ name: 'inbox', view })}
                  aria-current={activeView === view ? 'page' : undefined}
                >
                  <span className="nav-sublink-name">{l.view(view)}</span>
                  <CountBadge count={counts?.builtin[view]} />
                </a>
              </li>
            ))}
          </ul>
          <SavedViewList label={t('views.personal')} views={views.personal} counts={counts?.saved} active={activeSaved} />
          <SavedViewList label={t('views.shared')} views={views.shared} counts={counts?.saved} active={activeSaved} />
          {me && (
            <button type="button" className="nav-add" onClick={() => setCreating(true)}>
              {t('views.new')}
            </button>
          )}
          {creating && me && (
            <SavedViewEditor
              me={me}
              onClose={() => setCreating(false)}
              onSaved={(id) => {
                setCreating(false);
                navigate({ name: 'savedView', id });
              }}
            />
          )}
        </li>
        {SECTIONS.map((s) => (
          <li key={s.section}>
            <a
              className="nav-link"
              href={s.href}
              aria-current={section === s.section ? 'page' : undefined}
              data-active={section === s.section}
            >
              {t(s.label)}
            </a>
          </li>
        ))}
      </ul>
      <ul className="nav-list nav-bottom">
        <li>
          <a
            className="nav-link"
            href={formatHash({ name: 'settings' })}
            aria-current={section === 'settings' ? 'page' : undefined}
            data-active={section === 'settings'}
          >
            {t('nav.settings')}
          </a>
        </li>
      </ul>
      <AccountMenu />
    </nav>
  );
}

/** A queue's count, read out with the queue's name ("Mine, 12 tickets"). */
function CountBadge({ count }: { count: ViewCount | undefined }) {
  const { t, f } = useI18n();
  if (!count) return null;
  const shown = formatViewCount(count, f);
  return (
    <>
      <span className="nav-count" aria-hidden="true">
        {shown}
      </span>
      {/* A space, so the link's name reads "Mine, 12 tickets" rather than running the words together. */}{' '}
      <span className="visually-hidden">{t('views.countLabel', { count: count.count, shown })}</span>
    </>
  );
}

function SavedViewList(props: { label: string; views: SavedView[]; counts: Record<string, ViewCount> | undefined; active: string | null }) {
  if (props.views.length === 0) return null;
  return (
    <>
      <h2 className="nav-group">{props.label}</h2>
      <ul className="nav-sublist" aria-label={props.label}>
        {props.views.map((view) => (
          <li key={view.id}>
            <a
              className="nav-sublink"
              href={formatHash({ name: 'savedView', id: view.id })}
              aria-current={props.active === view.id ? 'page' : undefined}
            >
              <span className="nav-sublink-name">{view.name}</span>
              <CountBadge count={props.counts?.[view.id]} />
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
