import type { Feature } from '../../shell/feature.ts';
import { isRecordId } from '../../shell/route-ids.ts';
import { TicketView } from './TicketView.tsx';

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
