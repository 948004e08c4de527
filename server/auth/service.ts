/**
 * Sign-in, refresh-token rotation, sign-out, and the check every authenticated request goes
 * through. Failures are generic on purpose: they never tell which part (address, password, device)
 * was wrong, except where the person must act differently (a device bound to someone else).
 */
import { AppError, validationError } from '../../shared/contract/errors.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { SignInRequest, type RefreshRequest, type SessionResponse } from '../../shared/sync/protocol.ts';
import { int, type Db, type Queryable } from '../store/db.ts';
import { loadUser } from './actor.ts';
import { announceSessionsEnded } from './session-ends.ts';
import { verifyPassword } from './passwords.ts';
import { FailureLimiter, type RateLimit } from './rate-limit.ts';
import { hashRefreshToken, newRefreshToken, signAccessToken, verifyAccessToken } from './tokens.ts';

export interface AuthConfig {
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  /** How long a used refresh token may come back as the retry of a lost answer (see isLostAnswerRetry). */
  refreshRetryLeewayMs: number;
  /** Failed sign-ins per account, and per address, before further attempts are refused for the window. */
  perAccount: RateLimit;
  perAddress: RateLimit;
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = {
  accessTokenTtlMs: 10 * 60_000,
  refreshTokenTtlMs: 30 * 24 * 3600_000,
  refreshRetryLeewayMs: 60_000,
  perAccount: { maxFailures: 5, windowMs: 15 * 60_000 },
  perAddress: { maxFailures: 30, windowMs: 15 * 60_000 },
};

/** An authenticated request: the person and device, checked against the database just now. */
export interface Session {
  userId: string;
  tenantId: string;
  clientId: string;
  /** When the access token it was made from expires: a live socket ends then (server/live/socket.ts). */
  expiresAt: number;
}

export interface Auth {
  /** `body` unparsed: a malformed attempt counts against the limits like a wrong password. */
  signIn(body: unknown, address: string): Promise<SessionResponse>;
  refresh(req: RefreshRequest): Promise<SessionResponse>;
  signOut(req: RefreshRequest): Promise<void>;
  /** From an `Authorization: Bearer …` header value (or a bare token). */
  authenticate(token: string | undefined): Promise<Session>;
}

const WRONG_CREDENTIALS = 'the email address or password is incorrect';
const SESSION_ENDED = 'this session has ended; sign in again';

export function createAuth(db: Db, secret: Buffer, now: () => number, config: AuthConfig = DEFAULT_AUTH_CONFIG): Auth {
  const accounts = new FailureLimiter(config.perAccount, now);
  const addresses = new FailureLimiter(config.perAddress, now);

  async function issue(q: Queryable, userId: string, tenantId: string, clientId: string, familyId: string): Promise<SessionResponse> {
    const refreshToken = newRefreshToken();
    const at = now();
    await q.query(
      'INSERT INTO refresh_tokens (token_hash, family_id, client_id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [hashRefreshToken(refreshToken), familyId, clientId, userId, at, at + config.refreshTokenTtlMs],
    );
    const accessTokenExpiresAt = at + config.accessTokenTtlMs;
    const accessToken = signAccessToken(secret, { userId, tenantId, clientId, familyId, expiresAt: accessTokenExpiresAt });
    return { accessToken, accessTokenExpiresAt, refreshToken, user: await publicUser(q, userId) };
  }

  /**
   * A used token presented again is a lost answer, not a stolen copy, only shortly after its use
   * and while nothing issued after it has been used: a thief who refreshed first leaves a used
   * successor behind, and after the leeway the token is treated as stolen whatever happened.
   */
  async function isLostAnswerRetry(q: Queryable, tokenHash: string, familyId: string, usedAt: number): Promise<boolean> {
    if (now() - usedAt > config.refreshRetryLeewayMs) return false;
    const { rows } = await q.query(
      'SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND created_at >= $2 AND used_at IS NOT NULL AND token_hash <> $3',
      [familyId, usedAt, tokenHash],
    );
    return rows.length === 0;
  }

  async function revokeFamily(q: Queryable, familyId: string, clientId: string, userId: string): Promise<void> {
    const at = now();
    await q.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL', [familyId, at]);
    await q.query('UPDATE clients SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [clientId, at]);
    await announceSessionsEnded(q, userId);
  }

  /** The person a sign-in names, if the body is well formed and the password is theirs. */
  async function checkCredentials(body: unknown): Promise<{ req: SignInRequest; user: { id: string } }> {
    const parsed = SignInRequest.safeParse(body);
    if (!parsed.success) throw validationError('sign-in', parsed.error);
    const req = parsed.data;
    const { rows } = await db.query<{ id: string; password_hash: string; active: boolean }>(
      'SELECT id, password_hash, active FROM users WHERE lower(email) = lower($1)',
      [req.email],
    );
    const user = rows[0];
    const passwordOk = await verifyPassword(user?.password_hash ?? null, req.password);
    if (!user || !passwordOk || !user.active) throw new AppError('UNAUTHORIZED', WRONG_CREDENTIALS);
    return { req, user };
  }

  async function sessionLives(q: Queryable, familyId: string): Promise<boolean> {
    const { rows } = await q.query('SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL LIMIT 1', [familyId]);
    return rows.length > 0;
  }

  return {
    async signIn(body, address) {
      // Both limits are charged before anything else: the argon2 check takes long, so a burst of
      // simultaneous attempts must meet a counter that already holds the earlier ones. A malformed
      // attempt is a failure too.
      const accountKey = accountKeyOf(body);
      if (!addresses.begin(address)) throw rateLimited();
      if (accountKey !== null && !accounts.begin(accountKey)) {
        addresses.release(address);
        throw rateLimited();
      }
      let req: SignInRequest;
      let user: { id: string };
      try {
        ({ req, user } = await checkCredentials(body));
      } catch (err) {
        // Only the attempt's own fault is a failure: not the database failing under it.
        if (!(err instanceof AppError && (err.code === 'VALIDATION' || err.code === 'UNAUTHORIZED'))) {
          addresses.release(address);
          if (accountKey !== null) accounts.release(accountKey);
        }
        throw err;
      }
      if (accountKey !== null) accounts.reset(accountKey);
      addresses.release(address);
      return db.transaction(async (q) => {
        const current = await loadUser(q, user.id);
        if (!current?.active) throw new AppError('UNAUTHORIZED', WRONG_CREDENTIALS);
        const { rows: clients } = await q.query<{ user_id: string }>('SELECT user_id FROM clients WHERE id = $1 FOR UPDATE', [
          req.clientId,
        ]);
        const bound = clients[0];
        if (bound && bound.user_id !== user.id) {
          throw new AppError(
            'OTHER_PERSON_ON_DEVICE',
            'this device database belongs to another person; sign out and wipe it, or use another device',
          );
        }
        if (bound) {
          // The password proves the person again: a device revoked by sign-out or token reuse comes back.
          await q.query('UPDATE clients SET device_name = $2, revoked_at = NULL WHERE id = $1', [req.clientId, req.deviceName]);
        } else {
          await q.query('INSERT INTO clients (id, user_id, device_name, created_at) VALUES ($1, $2, $3, $4)', [
            req.clientId,
            user.id,
            req.deviceName,
            now(),
          ]);
        }
        return issue(q, user.id, current.tenantId, req.clientId, uuidv7(now()));
      });
    },

    async refresh(req) {
      const outcome = await db.transaction(async (q) => {
        const { rows } = await q.query<{
          family_id: string;
          client_id: string;
          user_id: string;
          expires_at: unknown;
          used_at: unknown;
          revoked_at: unknown;
        }>('SELECT family_id, client_id, user_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE', [
          hashRefreshToken(req.refreshToken),
        ]);
        const token = rows[0];
        if (!token) return null;
        if (token.used_at !== null) {
          if (
            token.revoked_at === null &&
            (await isLostAnswerRetry(q, hashRefreshToken(req.refreshToken), token.family_id, int(token.used_at)))
          ) {
            // The console never saw the answer to its refresh (closed or cut off mid-request) and
            // retries with the token it still holds: replace the successor it never received.
            await q.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND used_at IS NULL AND revoked_at IS NULL', [
              token.family_id,
              now(),
            ]);
          } else {
            // A rotated token came back: someone holds a copy. End the whole family and the device.
            await revokeFamily(q, token.family_id, token.client_id, token.user_id);
            return null;
          }
        }
        if (token.revoked_at !== null) {
          // A revoked token of a session that lives on was replaced by a lost-answer retry (above)
          // that did not come from its holder: one of the two is a copy. End the session and the device.
          if (await sessionLives(q, token.family_id)) await revokeFamily(q, token.family_id, token.client_id, token.user_id);
          return null;
        }
        if (int(token.expires_at) <= now()) return null;
        const user = await loadUser(q, token.user_id);
        const { rows: clients } = await q.query<{ revoked_at: unknown }>('SELECT revoked_at FROM clients WHERE id = $1', [token.client_id]);
        if (!user?.active || clients[0]?.revoked_at !== null) return null;
        await q.query('UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1', [hashRefreshToken(req.refreshToken), now()]);
        return issue(q, user.id, user.tenantId, token.client_id, token.family_id);
      });
      if (!outcome) throw new AppError('UNAUTHORIZED', SESSION_ENDED);
      return outcome;
    },

    async signOut(req) {
      await db.transaction(async (q) => {
        const { rows } = await q.query<{ family_id: string; client_id: string; user_id: string }>(
          'SELECT family_id, client_id, user_id FROM refresh_tokens WHERE token_hash = $1',
          [hashRefreshToken(req.refreshToken)],
        );
        const token = rows[0];
        if (token) await revokeFamily(q, token.family_id, token.client_id, token.user_id);
      });
    },

    async authenticate(header) {
      const token = header?.startsWith('Bearer ') ? header.slice(7) : header;
      const claims = token ? verifyAccessToken(secret, token, now()) : null;
      if (!claims) throw new AppError('UNAUTHORIZED', 'a valid access token is required');
      // The session must still live (one of its tokens unrevoked): sign-out, a password reset and
      // token theft revoke sessions, and the access tokens issued in them stop working at once.
      const { rows } = await db.query<{ active: boolean; revoked_at: unknown; user_id: string; tenant_id: string; session_lives: boolean }>(
        `SELECT u.active, u.tenant_id, c.revoked_at, c.user_id,
                EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2 AND t.client_id = c.id AND t.revoked_at IS NULL) AS session_lives
           FROM clients c JOIN users u ON u.id = c.user_id WHERE c.id = $1`,
        [claims.clientId, claims.familyId],
      );
      const row = rows[0];
      if (
        !row ||
        row.user_id !== claims.userId ||
        row.tenant_id !== claims.tenantId ||
        !row.active ||
        row.revoked_at !== null ||
        !row.session_lives
      ) {
        throw new AppError('UNAUTHORIZED', SESSION_ENDED);
      }
      return { userId: claims.userId, tenantId: claims.tenantId, clientId: claims.clientId, expiresAt: claims.expiresAt };
    },
  };
}

const rateLimited = () => new AppError('RATE_LIMITED', 'too many failed sign-ins; wait a few minutes and try again');

/** The account an attempt is counted against, as sign-in matches it; null when the body names none. */
function accountKeyOf(body: unknown): string | null {
  const email = typeof body === 'object' && body !== null ? (body as { email?: unknown }).email : undefined;
  return typeof email === 'string' ? email.trim().toLowerCase() : null;
}

/** The signed-in person as the console shows them: the synced user record's fields. */
async function publicUser(q: Queryable, userId: string): Promise<SessionResponse['user']> {
  const user = await loadUser(q, userId);
  const { rows } = await q.query<{ data: { name?: string; email?: string } }>(
    "SELECT data FROM records WHERE tenant_id = $1 AND entity = 'user' AND id = $2",
    [user?.tenantId, userId],
  );
  const { rows: emails } = await q.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [userId]);
  if (!user) throw new AppError('UNAUTHORIZED', SESSION_ENDED);
  const email = emails[0]?.email ?? '';
  return { id: user.id, tenantId: user.tenantId, name: rows[0]?.data.name ?? email, email, role: user.role, teamIds: [...user.teamIds] };
}
