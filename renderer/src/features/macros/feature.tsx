import { lazyPart } from '../../ui/lazy-part.tsx';
import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';

const MacrosView = lazyPart(() => import('./MacrosView.tsx').then((m) => m.MacrosView));

export const macrosFeature: Feature<{ name: 'macros' }> = {
  section: 'macros',
  routes: [
    { segment: 'macros', names: ['macros'], parse: onePage({ name: 'macros' }), format: () => '#/macros', render: () => <MacrosView /> },
  ],
  nav: { order: 50, label: 'nav.macros', to: { name: 'macros' }, placement: 'main' },
};
