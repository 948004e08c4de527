/** The console's places, as hash URLs (`#/inbox/mine`, `#/inbox/view/<id>`, `#/tickets/<id>`, …) and back. */
import { BUILTIN_VIEWS, type BuiltinView } from '../../../shared/domain/views.ts';

export type Route =
  | { name: 'inbox'; view: BuiltinView }
  /** A saved view (views.list), listed under the built-in queues. */
  | { name: 'savedView'; id: string }
  | { name: 'ticket'; id: string }
  | { name: 'accounts' }
  | { name: 'account'; id: string }
  | { name: 'contact'; id: string }
  | { name: 'dashboard' }
  | { name: 'knowledge' }
  | { name: 'article'; id: string }
  | { name: 'macros' }
  | { name: 'settings' };

export const HOME: Route = { name: 'inbox', view: 'mine' };

/** The routes that show a queue of tickets. */
export type QueueRoute = Extract<Route, { name: 'inbox' | 'savedView' }>;
export const isQueueRoute = (route: Route): route is QueueRoute => route.name === 'inbox' || route.name === 'savedView';

const isView = (v: string | undefined): v is BuiltinView => (BUILTIN_VIEWS as readonly string[]).includes(v ?? '');
const ID = /^[0-9a-f-]{36}$/;

export function parseHash(hash: string): Route {
  const [section, id, extra, beyond] = hash.replace(/^#\/?/, '').split('/');
  if (section === 'inbox' && id === 'view' && beyond === undefined)
    return extra && ID.test(extra) ? { name: 'savedView', id: extra } : HOME;
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
    case 'macros':
      return { name: 'macros' };
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
    case 'savedView':
      return `#/inbox/view/${route.id}`;
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
    case 'macros':
      return '#/macros';
    case 'knowledge':
      return '#/knowledge';
    case 'article':
      return `#/knowledge/${route.id}`;
    case 'settings':
      return '#/settings';
  }
}
