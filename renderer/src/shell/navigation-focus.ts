/**
 * Where the keyboard lands after a navigation (a queue clicked in the sidebar, a ticket opened, Esc
 * back to the queue, a search result, a link): on the page's keyboard home, its list, so Enter
 * opens the selected row and the arrows move; on a page without one, on the page itself (<main>),
 * where its single-key shortcuts work. Never left on the link or button that navigated, where
 * Enter would only follow the link again.
 *
 * Each navigation (router.ts counts them) places the focus once: the page's list takes it when it
 * appears, possibly after its rows have loaded; until then <main> holds it. Focus the person
 * moved into the page meanwhile, or an open dialog, is left alone.
 */
import { useEffect, type RefObject } from 'react';
import { useRouter } from './router.ts';

/** The last navigation whose focus a list has taken. */
let taken = 0;

/** Whether the focus is not where the person (or a page or dialog) put it since the navigation: free to move. */
function focusIsLeftBehind(main: HTMLElement | null): boolean {
  if (document.querySelector('[aria-modal="true"]')) return false;
  const active = document.activeElement;
  return !active || active === document.body || active === main || !main?.contains(active);
}

/** The shell's part: after each navigation, the page as a whole, unless its list took the focus already. */
export function usePageFocus(main: RefObject<HTMLElement | null>): void {
  const navigation = useRouter((s) => s.navigation);
  useEffect(() => {
    if (taken < navigation && focusIsLeftBehind(main.current)) main.current?.focus({ preventScroll: true });
  }, [navigation, main]);
}

/** A page's keyboard home (a list) takes the focus of the navigation that showed it, once, when it appears. */
export function useNavigationFocus(home: RefObject<HTMLElement | null>): void {
  const navigation = useRouter((s) => s.navigation);
  useEffect(() => {
    const element = home.current;
    if (!element || taken >= navigation) return;
    if (!focusIsLeftBehind(element.closest('main'))) return;
    taken = navigation;
    element.focus({ preventScroll: true });
  }, [navigation, home]);
}
