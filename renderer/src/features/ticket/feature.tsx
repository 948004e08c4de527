import type { Feature } from '../../shell/feature.ts';
import { isRecordId } from '../../shell/route-ids.ts';
import { lazyPart } from '../../ui/lazy-part.tsx';

/** The ticket page: its code (composer, macros, history) loads once the inbox is up (lazy-part.tsx). */
export const TicketView = lazyPart(() => import('./TicketView.tsx').then((m) => m.TicketView));

type TicketRoute = { name: 'ticket'; id: string };

/** `#/tickets/<id>`; a ticket is worked from the inbox, so it lights the inbox in the sidebar. */
export const ticketFeature: Feature<TicketRoute> = {
  section: 'inbox',
  routes: [
    {
      segment: 'tickets',
      names: ['ticket'],
      parse: ([id, extra]) => (extra === undefined && isRecordId(id) ? { name: 'ticket', id } : undefined),
      format: (route) => `#/tickets/${route.id}`,
      render: (route) => <TicketView key={route.id} id={route.id} />,
    },
  ],
};
