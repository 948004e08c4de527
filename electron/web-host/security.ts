/**
 * The web host's guards, kept apart from the server so each is small enough to read and test:
 * the per-run token, the loopback rules and the response headers of SECURITY.md.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh token per run: 32 random bytes, URL-safe so it can travel in a fragment and a query. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares a presented token with the run's token in constant time. Both are hashed first so the
 * comparison also takes the same time whatever the presented token's length.
 */
export function tokenMatches(expected: string, presented: string | undefined | null): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header ?? '');
  return match?.[1] ?? null;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

export function isWildcardHost(host: string): boolean {
  return WILDCARD_HOSTS.has(host);
}

/**
 * Which `Host` header values the host answers to. A page on another site that re-points its own
 * DNS name at 127.0.0.1 (DNS rebinding) still sends its own name as Host, so accepting only the
 * loopback names shuts it out. A host deliberately exposed on a wildcard address cannot know the
 * names people will use, so it accepts any Host and relies on the token alone (null).
 */
export function allowedHostHeaders(bindHost: string, port: number): Set<string> | null {
  if (isWildcardHost(bindHost)) return null;
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  if (!isLoopbackHost(bindHost)) names.push(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  return new Set(names.map((name) => `${name}:${port}`.toLowerCase()));
}

/** The Content-Security-Policy of SECURITY.md; `'self'` in connect-src covers the page's own ws:. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Headers on every response, HTML, static files and API answers alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The CSP above has no frame-ancestors (it must match the desktop's); this keeps the console
  // out of other sites' frames all the same.
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
