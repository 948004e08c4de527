/**
 * The window never leaves the console: navigations and redirects to any other origin are stopped,
 * and `window.open` never creates a window. Links meant for the outside world (https, mailto) are
 * handed to the operating system instead, after `new URL()` has parsed them — never a `startsWith`
 * on the raw string, which `javascript:`, `file:` and look-alike hosts slip past.
 */
import { shell, type WebContents } from 'electron';
import type { TrustedUrlTest } from './app-origin.ts';

const EXTERNAL_PROTOCOLS = new Set(['https:', 'mailto:']);

/** Opens `url` in the person's browser or mail app if it is https/mailto; returns whether it did. */
export function openExternally(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!EXTERNAL_PROTOCOLS.has(parsed.protocol)) return false;
  void shell.openExternal(parsed.href);
  return true;
}

export function lockDownNavigation(contents: WebContents, isTrusted: TrustedUrlTest): void {
  const stayHome = (event: { preventDefault(): void; url: string }) => {
    if (!isTrusted(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}
