/**
 * Telling every server instance that sessions of a person may have ended (sign-out, token theft,
 * a password reset, a deactivation). Each instance re-checks that person's live sockets and closes
 * those whose session ended (server/live/session-watch.ts): requests are checked against the
 * database anyway, but a socket is checked only when it opens.
 *
 * The NOTIFY is sent inside the transaction that ends the sessions, so it is delivered when, and
 * only if, that commits; these are rare, unlike commits, so holding the notify queue is no cost.
 */
import type { Queryable } from '../store/db.ts';

export const SESSIONS_ENDED_CHANNEL = 'sb_sessions_ended';

export async function announceSessionsEnded(q: Queryable, userId: string): Promise<void> {
  await q.query('SELECT pg_notify($1, $2)', [SESSIONS_ENDED_CHANNEL, userId]);
}
