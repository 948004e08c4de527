import { lazyPart } from '../../ui/lazy-part.tsx';
import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';

const MetricsView = lazyPart(() => import('./MetricsView.tsx').then((m) => m.MetricsView));

export const metricsFeature: Feature<{ name: 'metrics' }> = {
  section: 'metrics',
  routes: [
    {
      segment: 'metrics',
      names: ['metrics'],
      parse: onePage({ name: 'metrics' }),
      format: () => '#/metrics',
      render: () => <MetricsView />,
    },
  ],
  // Core refuses the figures to anyone else (metrics.compute), so the entry is not offered to them.
  nav: { order: 35, label: 'nav.metrics', to: { name: 'metrics' }, placement: 'main', roles: ['supervisor', 'admin'] },
};
