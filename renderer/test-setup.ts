import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// A findBy/waitFor ends as soon as its condition holds; the bound only says when to give up. The
// default second is less than a busy machine (CI beside another test run) can take to render a
// page, so a slow render failed a test that a fast one passed.
configure({ asyncUtilTimeout: 5_000 });

// jsdom does no layout. The virtualized lists size themselves from their scroll container's
// clientHeight and measure rows with offsetHeight, so give every element a plausible box: a
// viewport tall enough for a screenful of rows, and rows of a typical height.
Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => 720 },
  clientWidth: { configurable: true, get: () => 1024 },
  offsetHeight: { configurable: true, get: () => 48 },
  offsetWidth: { configurable: true, get: () => 1024 },
});

// Neither ResizeObserver nor matchMedia exists in jsdom; the app uses both.
class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// jsdom keeps scrollTop but has no scrolling: make scrollTo move it and announce it, as a browser does.
Element.prototype.scrollTo = function scrollTo(this: Element, options?: ScrollToOptions | number) {
  if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
  this.dispatchEvent(new Event('scroll'));
} as Element['scrollTo'];

afterEach(() => {
  cleanup();
  window.location.hash = '';
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.lang = '';
});
