/** The app frame: skip link, sidebar, top bar (search, connection), and the page of the route (shell/features.ts). */
import { useEffect, useState } from 'react';
import { NewTicketButton } from '../features/new-ticket/NewTicket.tsx';
import { NotificationCenter } from '../features/notifications/NotificationCenter.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { Palette } from '../features/palette/Palette.tsx';
import { onPaletteKey } from '../features/palette/palette-store.ts';
import { CheatSheet } from './CheatSheet.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { FEATURES } from './features.ts';
import { listenToHash, useRouter } from './router.ts';
import { installFeatures, renderRoute } from './routes.ts';
import { SearchBox } from './SearchBox.tsx';
import { useSyncStatus } from '../sync/SyncStatusProvider.tsx';
import { Sidebar } from './Sidebar.tsx';
import { UndoToast } from '../ui/UndoToast.tsx';

export function Shell() {
  const { t } = useI18n();
  // Read the address bar before the first render, so the first screen is the one linked to.
  useState(() => {
    installFeatures(FEATURES);
    useRouter.getState().sync();
  });
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
      <UndoToast />
      <main id="main" className="main" tabIndex={-1}>
        <BootstrapNotice />
        <NotificationCenter />
        {renderRoute(route)}
      </main>
    </div>
  );
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
