import { lazyPart } from '../../ui/lazy-part.tsx';
import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';

const ReviewView = lazyPart(() => import('./ReviewView.tsx').then((m) => m.ReviewView));

export const complaintsFeature: Feature<{ name: 'complaints' }> = {
  section: 'complaints',
  routes: [
    {
      segment: 'complaints',
      names: ['complaints'],
      parse: onePage({ name: 'complaints' }),
      format: () => '#/complaints',
      render: () => <ReviewView />,
    },
  ],
  nav: { order: 28, label: 'nav.complaints', to: { name: 'complaints' }, placement: 'main', roles: ['supervisor', 'admin'] },
};
