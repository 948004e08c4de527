import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';
import { DashboardView } from './DashboardView.tsx';

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
