/** The console's places, as hash URLs (`#/inbox/mine`, `#/tickets/<id>`, …) and back. */
import { BUILTIN_VIEWS, type BuiltinView } from '../../../shared/domain/views.ts';

export type Route =
  | { name: 'inbox'; view: BuiltinView }
  | { name: 'ticket'; id: string }
  | { name: 'accounts' }
  | { name: 'account'; id: string }
  | { name: 'contact'; id: string }
  | { name: 'dashboard' }
  | { name: 'knowledge' }
  | { name: 'article'; id: string }
  | { name: 'settings' };

export const HOME: Route = { name: 'inbox', view: 'mine' };

const isView = (v: string | undefined): v is BuiltinView => (BUILTIN_VIEWS as readonly string[]).includes(v ?? '');
const ID = /^[0-9a-f-]{36}$/;

export function parseHash(hash: string): Route {
  const [section, id, extra] = hash.replace(/^#\/?/, '').split('/');
  if (extra !== undefined) return HOME;
  switch (section) {
    case 'inbox':
      return isView(id) ? { name: 'inbox', view: id } : HOME;
    case 'tickets':
      return id && ID.test(id) ? { name: 'ticket', id } : HOME;
    case 'accounts':
      if (id === undefined) return { name: 'accounts' };
      return ID.test(id) ? { name: 'account', id } : { name: 'accounts' };
    case 'contacts':
      return id && ID.test(id) ? { name: 'contact', id } : HOME;
    case 'knowledge':
      if (id === undefined) return { name: 'knowledge' };
      return ID.test(id) ? { name: 'article', id } : { name: 'knowledge' };
    case 'dashboard':
      return { name: 'dashboard' };
    case 'settings':
      return { name: 'settings' };
    default:
      return HOME;
  }
}

export function formatHash(route: Route): string {
  switch (route.name) {
    case 'inbox':
      return `#/inbox/${route.view}`;
    case 'ticket':
      return `#/tickets/${route.id}`;
    case 'accounts':
      return '#/accounts';
    case 'account':
      return `#/accounts/${route.id}`;
    case 'contact':
      return `#/contacts/${route.id}`;
    case 'dashboard':
      return '#/dashboard';
    case 'knowledge':
      return '#/knowledge';
    case 'article':
      return `#/knowledge/${route.id}`;
    case 'settings':
      return '#/settings';
  }
}
