/** The app frame: skip link, sidebar, top bar (search, connection), and the page of the route (shell/features.ts). */
import { useEffect, useRef, useState } from 'react';
import { NewTicketButton } from '../features/new-ticket/NewTicket.tsx';
import { NotificationCenter } from '../features/notifications/NotificationCenter.tsx';
import { useI18n } from '../i18n/use-i18n.ts';
import { Palette } from '../features/palette/Palette.tsx';
import { onPaletteKey } from '../features/palette/palette-store.ts';
import { CheatSheet } from './CheatSheet.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { NextTicketButton } from '../features/routing/NextTicket.tsx';
import { PresencePicker } from '../features/routing/PresencePicker.tsx';
import { FEATURES } from './features.ts';
import { usePageFocus } from './navigation-focus.ts';
import { listenToHash, useRouter } from './router.ts';
import { homeFor, isBareAddress } from './role-home.ts';
import { formatHash, installFeatures, renderRoute } from './routes.ts';
import { useSession } from '../session/SessionGate.tsx';
import { SearchBox } from './SearchBox.tsx';
import { CacheDamagedNotice } from '../sync/CacheDamagedNotice.tsx';
import { SlaRecomputeNotice } from '../features/ticket/SlaRecomputeNotice.tsx';
import { useSyncStatus } from '../sync/SyncStatusProvider.tsx';
import { Sidebar } from './Sidebar.tsx';
import { UndoToast } from '../ui/UndoToast.tsx';

export function Shell() {
  const { t } = useI18n();
  const role = useSession().user?.role ?? null;
  // Read the address bar before the first render, so the first screen is the one linked to, or,
  // with no page in the address, the one the person's role works on (role-home.ts).
  useState(() => {
    installFeatures(FEATURES);
    if (isBareAddress(window.location.hash)) window.history.replaceState(null, '', formatHash(homeFor(role)));
    useRouter.getState().arrive();
  });
  const route = useRouter((s) => s.route);
  const mainRef = useRef<HTMLElement>(null);
  usePageFocus(mainRef);

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
        <NextTicketButton />
        <span className="topbar-spacer" />
        <PresencePicker />
        <ConnectionIndicator />
      </header>
      <Palette />
      <CheatSheet />
      <UndoToast />
      {/* The scrolling region of every screen: in the Tab order, so the keyboard can scroll it even
          where it holds nothing else to focus (the dashboard); navigation focuses it when a page has no list. */}
      <main ref={mainRef} id="main" className="main" tabIndex={0} aria-label={t('app.mainContent')}>
        <CacheDamagedNotice />
        <BootstrapNotice />
        <SlaRecomputeNotice />
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
