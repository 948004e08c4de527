/**
 * The web host's per-run token reaches the page in the URL fragment (`#token=…`), which browsers
 * never send to a server. It is moved into sessionStorage at once and the fragment cleared, so it
 * does not linger in the address bar, in history or in a copied link; a reload finds it in storage.
 *
 * A new start link (the web host ran again, with a new token) opened in a tab that already shows
 * the console changes only the fragment, so the browser does not load the page again: the tab
 * watches for it and starts over with the new token, instead of calling with the old one until a
 * manual reload.
 */
import { TOKEN_FRAGMENT_KEY } from '../../../shared/contract/web-transport.ts';

const STORAGE_KEY = 'switchboard.token';

export function takeToken(location: Location, history: History, storage: Storage): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromFragment = fragment.get(TOKEN_FRAGMENT_KEY);
  if (fromFragment) {
    storage.setItem(STORAGE_KEY, fromFragment);
    history.replaceState(history.state, '', location.pathname + location.search);
    return fromFragment;
  }
  return storage.getItem(STORAGE_KEY);
}

/** Starts the page over when a start link with another token is opened in this tab. */
export function followNewTokens(win: Pick<Window, 'location' | 'history' | 'sessionStorage' | 'addEventListener'>, inUse: string): void {
  win.addEventListener('hashchange', () => {
    const token = takeToken(win.location, win.history, win.sessionStorage);
    if (token !== null && token !== inUse) win.location.reload();
  });
}
