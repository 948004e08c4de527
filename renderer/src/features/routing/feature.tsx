import type { Feature } from '../../shell/feature.ts';
import { onePage } from '../../shell/route-ids.ts';
import { RosterView } from './RosterView.tsx';

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
