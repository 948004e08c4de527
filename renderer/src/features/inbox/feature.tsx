import type { Feature } from '../../shell/feature.ts';
import { InboxNav } from './InboxNav.tsx';
import { InboxView } from './InboxView.tsx';
import { formatQueue, parseQueue, type QueueRoute } from './routes.ts';

export const inboxFeature: Feature<QueueRoute> = {
  section: 'inbox',
  routes: [
    {
      segment: 'inbox',
      names: ['inbox', 'savedView'],
      parse: parseQueue,
      format: formatQueue,
      render: (route) => <InboxView key={route.name === 'inbox' ? route.view : `view:${route.id}`} route={route} />,
    },
  ],
  nav: { order: 10, Item: InboxNav },
};
