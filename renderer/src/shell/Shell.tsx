/** The app frame: skip link, sidebar, top bar (search, connection), and the routed main view. */
import { useEffect, useRef, useState } from 'react';
import { AccountDetail } from '../features/accounts/AccountDetail.tsx';
import { AccountsView } from '../features/accounts/AccountsView.tsx';
import { ContactDetail } from '../features/accounts/ContactDetail.tsx';
import { DashboardView } from '../features/dashboard/DashboardView.tsx';
import { InboxView } from '../features/inbox/InboxView.tsx';
import { ArticleReader, KnowledgeView } from '../features/knowledge/KnowledgeView.tsx';
import { SettingsView } from '../features/settings/SettingsView.tsx';
import { TicketView } from '../features/ticket/TicketView.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { isTyping } from '../ui/VirtualListbox.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { listenToHash, useRouter } from './router.ts';
import type { Route } from './routes.ts';
import { SearchBox } from './SearchBox.tsx';
import { useSyncStatus } from '../sync/SyncStatusProvider.tsx';
import { Sidebar } from './Sidebar.tsx';

export function Shell() {
  const { t } = useI18n();
  // Read the address bar before the first render, so the first screen is the one linked to.
  useState(() => useRouter.getState().sync());
  const route = useRouter((s) => s.route);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(listenToHash, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || isTyping(e) || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skipToContent')}
      </a>
      <Sidebar />
      <header className="topbar">
        <SearchBox inputRef={searchRef} />
        <span className="topbar-spacer" />
        <ConnectionIndicator />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <BootstrapNotice />
        <RouteView route={route} />
      </main>
    </div>
  );
}

function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'inbox':
      return <InboxView key={route.view} view={route.view} />;
    case 'ticket':
      return <TicketView key={route.id} id={route.id} />;
    case 'accounts':
      return <AccountsView />;
    case 'account':
      return <AccountDetail key={route.id} id={route.id} />;
    case 'contact':
      return <ContactDetail key={route.id} id={route.id} />;
    case 'dashboard':
      return <DashboardView />;
    case 'knowledge':
      return <KnowledgeView />;
    case 'article':
      return <ArticleReader key={route.id} id={route.id} />;
    case 'settings':
      return <SettingsView />;
  }
}

/** The first sync after signing in downloads the person's work; say so while it runs. */
function BootstrapNotice() {
  const { t } = useI18n();
  const status = useSyncStatus();
  const bootstrapping = status?.connection === 'syncing' && status.lastSyncedAt === null;
  return (
    <div role="status" className={bootstrapping ? 'notice' : 'visually-hidden'}>
      {bootstrapping && (
        <>
          <span className="spinner" aria-hidden="true" />
          {t('sync.bootstrapping')}
        </>
      )}
    </div>
  );
}
