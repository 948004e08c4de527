import { lazyPage } from '../../shell/lazy-page.tsx';
import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';

const RosterView = lazyPage(() => import('./RosterView.tsx').then((m) => m.RosterView));

export const rosterFeature: Feature<{ name: 'roster' }> = {
  section: 'roster',
  routes: [
    {
      segment: 'roster',
      names: ['roster'],
      parse: onePage({ name: 'roster' }),
      format: () => '#/roster',
      render: () => <RosterView now={Date.now} />,
    },
  ],
  nav: { order: 35, label: 'roster.nav', to: { name: 'roster' }, placement: 'main' },
};
