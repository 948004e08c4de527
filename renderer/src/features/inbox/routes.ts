/** The inbox's places: a built-in queue (`#/inbox/mine`) or a saved view (`#/inbox/view/<id>`). */
import { BUILTIN_VIEWS, type BuiltinView } from '../../../../shared/domain/views.ts';
import { isRecordId } from '../../shell/route-ids.ts';

export type QueueRoute = { name: 'inbox'; view: BuiltinView } | { name: 'savedView'; id: string };

/** Where the console opens, and where an address it does not know leads. */
export const HOME: QueueRoute = { name: 'inbox', view: 'mine' };

export const isQueueRoute = (route: { name: string }): route is QueueRoute => route.name === 'inbox' || route.name === 'savedView';

const isView = (v: string | undefined): v is BuiltinView => (BUILTIN_VIEWS as readonly string[]).includes(v ?? '');

export function parseQueue([first, second, beyond]: readonly string[]): QueueRoute | undefined {
  if (first === 'view' && beyond === undefined) return isRecordId(second) ? { name: 'savedView', id: second } : undefined;
  if (second !== undefined) return undefined;
  return isView(first) ? { name: 'inbox', view: first } : undefined;
}

export const formatQueue = (route: QueueRoute) => (route.name === 'inbox' ? `#/inbox/${route.view}` : `#/inbox/view/${route.id}`);
