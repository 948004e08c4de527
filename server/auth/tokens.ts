/**
 * Access tokens: short-lived, HMAC-SHA256 signed, stateless to verify (but every request still
 * checks the user, the client and the session in the database). Refresh tokens: opaque random strings stored only
 * as a SHA-256 hash, so a leaked database does not leak usable sessions.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../store/db.ts';

export interface AccessClaims {
  userId: string;
  tenantId: string;
  clientId: string;
  /** The session (refresh-token family) it was issued in: revoking the session ends the token at once. */
  familyId: string;
  expiresAt: number;
}

const PREFIX = 'sb1';

export function signAccessToken(secret: Buffer, claims: AccessClaims): string {
  const payload = Buffer.from(
    JSON.stringify({ u: claims.userId, t: claims.tenantId, c: claims.clientId, f: claims.familyId, e: claims.expiresAt }),
  ).toString('base64url');
  return `${PREFIX}.${payload}.${mac(secret, payload)}`;
}

/** The claims, or null when the token is malformed, forged or expired. */
export function verifyAccessToken(secret: Buffer, token: string, now: number): AccessClaims | null {
  const [prefix, payload, signature, ...rest] = token.split('.');
  if (prefix !== PREFIX || !payload || !signature || rest.length) return null;
  if (!safeEqual(signature, mac(secret, payload))) return null;
  try {
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof c.u !== 'string' || typeof c.t !== 'string' || typeof c.c !== 'string' || typeof c.f !== 'string' || typeof c.e !== 'number')
      return null;
    if (c.e <= now) return null;
    return { userId: c.u, tenantId: c.t, clientId: c.c, familyId: c.f, expiresAt: c.e };
  } catch {
    return null;
  }
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function mac(secret: Buffer, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The key that signs tokens and cursors: made once per database and shared by every server
 * instance on it, so any instance accepts what another issued.
 */
export async function loadServerSecret(db: Queryable): Promise<Buffer> {
  await db.query("INSERT INTO settings (key, value) VALUES ('signing_key', $1) ON CONFLICT (key) DO NOTHING", [
    randomBytes(32).toString('base64url'),
  ]);
  const { rows } = await db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'signing_key'");
  const value = rows[0]?.value;
  if (!value) throw new Error('the signing key is missing from settings');
  return Buffer.from(value, 'base64url');
}
