/**
 * The Content-Security-Policy of the console's pages, sent as a response header on every
 * `app://` response (SECURITY.md, "Desktop"). The renderer talks to nothing but `window.switchboard`,
 * so nothing beyond the app's own origin is ever needed.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * The development-only relaxation for Vite's dev server: its React refresh preamble is an inline
 * script, it injects styles inline, and live reload talks over a WebSocket to the same host.
 * Never used for a build.
 */
export function devContentSecurityPolicy(devOrigin: URL): string {
  const ws = `${devOrigin.protocol === 'https:' ? 'wss' : 'ws'}://${devOrigin.host}`;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}
