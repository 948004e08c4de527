import { lazyPart } from '../../ui/lazy-part.tsx';
import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';

const SettingsView = lazyPart(() => import('./SettingsView.tsx').then((m) => m.SettingsView));

export const settingsFeature: Feature<{ name: 'settings' }> = {
  section: 'settings',
  routes: [
    {
      segment: 'settings',
      names: ['settings'],
      parse: onePage({ name: 'settings' }),
      format: () => '#/settings',
      render: () => <SettingsView />,
    },
  ],
  nav: { order: 10, label: 'nav.settings', to: { name: 'settings' }, placement: 'bottom' },
};
