import { lazyPart } from '../../ui/lazy-part.tsx';
import type { Feature, FeatureRoutes } from '../../shell/feature.ts';
import { isRecordId } from '../../shell/route-ids.ts';

const RelatedTickets = lazyPart(() => import('./RelatedTickets.tsx').then((m) => m.RelatedTickets));
const ContactDetail = lazyPart(() => import('./ContactDetail.tsx').then((m) => m.ContactDetail));
const AccountsView = lazyPart(() => import('./AccountsView.tsx').then((m) => m.AccountsView));
const AccountDetail = lazyPart(() => import('./AccountDetail.tsx').then((m) => m.AccountDetail));

type AccountRoute = { name: 'accounts' } | { name: 'account'; id: string } | { name: 'accountTickets'; id: string };
type ContactRoute = { name: 'contact'; id: string } | { name: 'contactTickets'; id: string };

/** `#/accounts`, `#/accounts/<id>` and `#/accounts/<id>/tickets`; an id that is not one shows the list. */
const accountRoutes: FeatureRoutes<AccountRoute> = {
  segment: 'accounts',
  names: ['accounts', 'account', 'accountTickets'],
  parse: ([id, sub, extra]) => {
    if (extra !== undefined) return undefined;
    if (sub !== undefined) return sub === 'tickets' && isRecordId(id) ? { name: 'accountTickets', id } : undefined;
    return isRecordId(id) ? { name: 'account', id } : { name: 'accounts' };
  },
  format: (route) =>
    route.name === 'account' ? `#/accounts/${route.id}` : route.name === 'accountTickets' ? `#/accounts/${route.id}/tickets` : '#/accounts',
  render: (route) =>
    route.name === 'account' ? (
      <AccountDetail key={route.id} id={route.id} />
    ) : route.name === 'accountTickets' ? (
      <RelatedTickets key={route.id} of={{ kind: 'account', id: route.id }} />
    ) : (
      <AccountsView />
    ),
};

/** `#/contacts/<id>` and `#/contacts/<id>/tickets`. */
const contactRoutes: FeatureRoutes<ContactRoute> = {
  segment: 'contacts',
  names: ['contact', 'contactTickets'],
  parse: ([id, sub, extra]) => {
    if (extra !== undefined || !isRecordId(id)) return undefined;
    if (sub === undefined) return { name: 'contact', id };
    return sub === 'tickets' ? { name: 'contactTickets', id } : undefined;
  },
  format: (route) => (route.name === 'contact' ? `#/contacts/${route.id}` : `#/contacts/${route.id}/tickets`),
  render: (route) =>
    route.name === 'contact' ? (
      <ContactDetail key={route.id} id={route.id} />
    ) : (
      <RelatedTickets key={route.id} of={{ kind: 'contact', id: route.id }} />
    ),
};

export const accountsFeature: Feature<AccountRoute | ContactRoute> = {
  section: 'accounts',
  routes: [accountRoutes, contactRoutes],
  nav: { order: 20, label: 'nav.accounts', to: { name: 'accounts' }, placement: 'main' },
};
