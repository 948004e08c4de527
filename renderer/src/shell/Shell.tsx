/** The app frame: skip link, sidebar, top bar (search, connection), and the routed main view. */
import { useEffect, useState } from 'react';
import { AccountDetail } from '../features/accounts/AccountDetail.tsx';
import { AccountsView } from '../features/accounts/AccountsView.tsx';
import { ContactDetail } from '../features/accounts/ContactDetail.tsx';
import { DashboardView } from '../features/dashboard/DashboardView.tsx';
import { InboxView } from '../features/inbox/InboxView.tsx';
import { MacrosView } from '../features/macros/MacrosView.tsx';
import { NewTicketButton } from '../features/new-ticket/NewTicket.tsx';
import { NotificationCenter } from '../features/notifications/NotificationCenter.tsx';
import { ArticleReader, KnowledgeView } from '../features/knowledge/KnowledgeView.tsx';
import { SettingsView } from '../features/settings/SettingsView.tsx';
import { TicketView } from '../features/ticket/TicketView.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { Palette } from '../features/palette/Palette.tsx';
import { onPaletteKey } from '../features/palette/palette-store.ts';
import { CheatSheet } from './CheatSheet.tsx';
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

  useEffect(listenToHash, []);
  useEffect(() => {
    window.addEventListener('keydown', onPaletteKey);
    return () => window.removeEventListener('keydown', onPaletteKey);
  }, []);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skipToContent')}
      </a>
      <Sidebar />
      <header className="topbar">
        <SearchBox />
        <NewTicketButton />
        <span className="topbar-spacer" />
        <ConnectionIndicator />
      </header>
      <Palette />
      <CheatSheet />
      <main id="main" className="main" tabIndex={-1}>
        <BootstrapNotice />
        <NotificationCenter />
        <RouteView route={route} />
      </main>
    </div>
  );
}

function RouteView({ route }: { route: Route }) {
  switch (route.name) {
    case 'inbox':
      return <InboxView key={route.view} route={route} />;
    case 'savedView':
      return <InboxView key={`view:${route.id}`} route={route} />;
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
    case 'macros':
      return <MacrosView />;
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
