import type { Api } from '../../shared/contract/api.ts';
import { ApiProvider } from './api/context.tsx';
import { SettingsProvider } from './settings/SettingsProvider.tsx';
import { Shell } from './shell/Shell.tsx';

/** The whole console over one Api: the real client in the app, a fake one in tests. */
export function App({ api }: { api: Api }) {
  return (
    <ApiProvider api={api}>
      <SettingsProvider>
        <Shell />
      </SettingsProvider>
    </ApiProvider>
  );
}
