import type { Api } from '../../shared/contract/api.ts';
import type { SessionState } from '../../shared/contract/channels.ts';
import { ApiProvider } from './api/context.tsx';
import { OutgoingProvider } from './features/ticket/outgoing-store.tsx';
import { SessionGate } from './session/SessionGate.tsx';
import { SettingsProvider } from './settings/SettingsProvider.tsx';
import { Shell } from './shell/Shell.tsx';
import { SyncStatusProvider } from './sync/SyncStatusProvider.tsx';

/**
 * The whole console over one Api (the real client in the app, a fake one in tests): sign-in
 * first, then the app. `firstSession`: a `session.get` already asked, answered to the gate.
 */
export function App({ api, firstSession }: { api: Api; firstSession?: Promise<SessionState> }) {
  return (
    <ApiProvider api={api}>
      <SettingsProvider>
        <SessionGate first={firstSession}>
          <SyncStatusProvider>
            <OutgoingProvider>
              <Shell />
            </OutgoingProvider>
          </SyncStatusProvider>
        </SessionGate>
      </SettingsProvider>
    </ApiProvider>
  );
}
