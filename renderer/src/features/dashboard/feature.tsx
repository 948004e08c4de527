import { lazyPart } from '../../ui/lazy-part.tsx';
import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';

const DashboardView = lazyPart(() => import('./DashboardView.tsx').then((m) => m.DashboardView));

export const dashboardFeature: Feature<{ name: 'dashboard' }> = {
  section: 'dashboard',
  routes: [
    {
      segment: 'dashboard',
      names: ['dashboard'],
      parse: onePage({ name: 'dashboard' }),
      format: () => '#/dashboard',
      render: () => <DashboardView />,
    },
  ],
  nav: { order: 30, label: 'nav.dashboard', to: { name: 'dashboard' }, placement: 'main' },
};
