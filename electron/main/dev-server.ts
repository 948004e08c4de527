/**
 * Development only: with SWITCHBOARD_DEV_URL set the window loads the renderer from Vite's dev
 * server (live reload) instead of `app://console/`. Its responses get the relaxed CSP Vite needs;
 * responses from anywhere else keep the strict one.
 */
import type { Session } from 'electron';
import { devContentSecurityPolicy } from './content-security-policy.ts';

export function applyDevServerCsp(session: Session, devOrigin: URL): void {
  const policy = devContentSecurityPolicy(devOrigin);
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isFrom(details.url, devOrigin)) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

function isFrom(url: string, origin: URL): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === origin.protocol && parsed.host === origin.host;
  } catch {
    return false;
  }
}
