/**
 * Where the console's pages come from. In a build that is the privileged `app://console/` scheme
 * (protocol.ts); during development it may be the Vite dev server named by SWITCHBOARD_DEV_URL.
 * Navigation, IPC senders and permissions are all trusted by this one test.
 *
 * Origins are compared by scheme and host of a parsed URL, never by string prefix: Node reports
 * `origin === 'null'` for non-special schemes such as `app:`, and a prefix test would accept
 * `app://console.evil/`.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The environment variable that points the window at a Vite dev server instead of the build. */
export const DEV_URL_ENV = 'SWITCHBOARD_DEV_URL';

/** Decides whether a URL belongs to the console itself. */
export type TrustedUrlTest = (url: string) => boolean;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The console's own origin(s): `app://console`, plus the dev server's origin when one is given
 * (only an http(s) loopback address is accepted, so a stray variable cannot open the app up).
 */
export function createTrustedUrlTest(devUrl?: string): TrustedUrlTest {
  const dev = devUrl ? parseDevUrl(devUrl) : null;
  return (url) => {
    const parsed = parse(url);
    if (!parsed) return false;
    if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
    return dev !== null && parsed.protocol === dev.protocol && parsed.host === dev.host;
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The dev server URL, if it is an http(s) loopback URL; anything else is refused loudly. */
export function parseDevUrl(devUrl: string): URL {
  const parsed = parse(devUrl);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw new Error(`${DEV_URL_ENV} must be an http(s) URL on localhost, got ${JSON.stringify(devUrl)}`);
  }
  return parsed;
}
