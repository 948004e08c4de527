import type { Feature, FeatureRoutes } from '../../shell/feature.ts';
import { isRecordId } from '../../shell/route-ids.ts';
import { AccountDetail } from './AccountDetail.tsx';
import { AccountsView } from './AccountsView.tsx';
import { ContactDetail } from './ContactDetail.tsx';

type AccountRoute = { name: 'accounts' } | { name: 'account'; id: string };
type ContactRoute = { name: 'contact'; id: string };

/** `#/accounts` and `#/accounts/<id>`; an id that is not one shows the list. */
const accountRoutes: FeatureRoutes<AccountRoute> = {
  segment: 'accounts',
  names: ['accounts', 'account'],
  parse: ([id, extra]) => {
    if (extra !== undefined) return undefined;
    return isRecordId(id) ? { name: 'account', id } : { name: 'accounts' };
  },
  format: (route) => (route.name === 'account' ? `#/accounts/${route.id}` : '#/accounts'),
  render: (route) => (route.name === 'account' ? <AccountDetail key={route.id} id={route.id} /> : <AccountsView />),
};

const contactRoutes: FeatureRoutes<ContactRoute> = {
  segment: 'contacts',
  names: ['contact'],
  parse: ([id, extra]) => (extra === undefined && isRecordId(id) ? { name: 'contact', id } : undefined),
  format: (route) => `#/contacts/${route.id}`,
  render: (route) => <ContactDetail key={route.id} id={route.id} />,
};

export const accountsFeature: Feature<AccountRoute | ContactRoute> = {
  section: 'accounts',
  routes: [accountRoutes, contactRoutes],
  nav: { order: 20, label: 'nav.accounts', to: { name: 'accounts' }, placement: 'main' },
};
