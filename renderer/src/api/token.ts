/**
 * The web host's per-run token reaches the page in the URL fragment (`#token=…`), which browsers
 * never send to a server. It is moved into sessionStorage at once and the fragment cleared, so it
 * does not linger in the address bar, in history or in a copied link; a reload finds it in storage.
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
