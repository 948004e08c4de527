import { lazyPart } from '../../ui/lazy-part.tsx';
import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';

const EscalationsView = lazyPart(() => import('./EscalationsView.tsx').then((m) => m.EscalationsView));

export const escalationsFeature: Feature<{ name: 'escalations' }> = {
  section: 'escalations',
  routes: [
    {
      segment: 'escalations',
      names: ['escalations'],
      parse: onePage({ name: 'escalations' }),
      format: () => '#/escalations',
      render: () => <EscalationsView />,
    },
  ],
  nav: { order: 27, label: 'nav.escalations', to: { name: 'escalations' }, placement: 'main', roles: ['supervisor', 'admin'] },
};
