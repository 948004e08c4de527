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
  /** Counts the routes shown (the first one included): each is a navigation whose focus is placed once (navigation-focus.ts). */
  navigation: number;
  navigate(route: Route): void;
  /** Re-reads location.hash (on every hashchange). */
  sync(): void;
  /** Reads location.hash as the app (or a new person's app) starts: the first page is a navigation too. */
  arrive(): void;
}

function fromLocation(
  { route: shown, lastQueue, navigation }: RouterState,
  arriving: boolean,
): Pick<RouterState, 'route' | 'lastQueue' | 'navigation'> {
  const route = parseHash(window.location.hash);
  const moved = arriving || formatHash(route) !== formatHash(shown);
  return { route, lastQueue: isQueueRoute(route) ? route : lastQueue, navigation: moved ? navigation + 1 : navigation };
}

export const useRouter = create<RouterState>()((set, get) => ({
  route: HOME,
  lastQueue: HOME,
  navigation: 0,
  navigate(route) {
    const hash = formatHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    get().sync();
  },
  sync: () => set((s) => fromLocation(s, false)),
  arrive: () => set((s) => fromLocation(s, true)),
}));

/** Keeps the store in step with the address bar for as long as the app runs. */
export function listenToHash(): () => void {
  const onChange = () => useRouter.getState().sync();
  onChange();
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export const navigate = (route: Route) => useRouter.getState().navigate(route);
