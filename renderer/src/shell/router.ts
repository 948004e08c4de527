/**
 * A small hash router in a zustand store (no router dependency): the hash is the source of truth,
 * so reload, back/forward and links all work; the store mirrors it for React.
 */
import { create } from 'zustand';
import { HOME, isQueueRoute, type QueueRoute } from '../features/inbox/routes.ts';
import { formatHash, parseHash, type Route } from './routes.ts';

interface RouterState {
  route: Route;
  /** The queue last shown, built-in or saved: where Esc from a ticket returns. */
  lastQueue: QueueRoute;
  navigate(route: Route): void;
  /** Re-reads location.hash (on start and on every hashchange). */
  sync(): void;
}

function fromLocation({ lastQueue }: Pick<RouterState, 'lastQueue'>): Pick<RouterState, 'route' | 'lastQueue'> {
  const route = parseHash(window.location.hash);
  return { route, lastQueue: isQueueRoute(route) ? route : lastQueue };
}

export const useRouter = create<RouterState>()((set, get) => ({
  route: HOME,
  lastQueue: HOME,
  navigate(route) {
    const hash = formatHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    get().sync();
  },
  sync: () => set((s) => fromLocation(s)),
}));

/** Keeps the store in step with the address bar for as long as the app runs. */
export function listenToHash(): () => void {
  const onChange = () => useRouter.getState().sync();
  onChange();
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export const navigate = (route: Route) => useRouter.getState().navigate(route);
