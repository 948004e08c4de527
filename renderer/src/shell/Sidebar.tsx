/** The main navigation, with the built-in queues under Inbox, and the signed-in person at the bottom. */
import { BUILTIN_VIEWS } from '../../../shared/domain/views.ts';
import type { MessageKey } from '../i18n/catalog.ts';
import { useI18n } from '../i18n/use-i18n.ts';
import { AccountMenu } from './AccountMenu.tsx';
import { formatHash, type Route } from './routes.ts';
import { useRouter } from './router.ts';

type Section = 'inbox' | 'accounts' | 'dashboard' | 'knowledge' | 'settings';

/** Which top-level section a route belongs to, for highlighting the sidebar. */
function sectionOf(route: Route): Section {
  switch (route.name) {
    case 'inbox':
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
];

export function Sidebar() {
  const { t, l } = useI18n();
  const route = useRouter((s) => s.route);
  const lastView = useRouter((s) => s.lastView);
  const section = sectionOf(route);
  const activeView = route.name === 'inbox' ? route.view : null;

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
            href={formatHash({ name: 'inbox', view: lastView })}
            aria-current={section === 'inbox' && activeView === null ? 'page' : undefined}
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
                  {l.view(view)}
                </a>
              </li>
            ))}
          </ul>
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
