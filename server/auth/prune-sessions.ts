/**
 * Session retention, as a recurring job: a session (a family of refresh tokens, one sign-in on
 * one device) is deleted once no token of it can be used (each expired or revoked) and has stayed
 * so for the retention. Ended sessions are kept that long because a rotated token of theirs that
 * comes back is how token theft is noticed (service.ts revokes the device then).
 *
 * Devices (`clients`) are kept: a device's row carries its last mutation id, which keeps its
 * pushes exactly-once when it signs in again.
 */
import { z } from 'zod';
import type { Queryable } from '../store/db.ts';
import { defineJobKind, type Schedule } from '../jobs/job.ts';

export const SESSION_RETENTION_MS = 30 * 24 * 3600_000;

/** Deletes the refresh tokens of sessions that ended at or before `endedBy`; resolves to how many. */
export async function pruneEndedSessions(q: Queryable, endedBy: number): Promise<number> {
  // A token stops being usable at the earlier of its expiry and its revocation (least skips NULL);
  // its session ended when the last of its tokens did.
  const { rows } = await q.query(
    `DELETE FROM refresh_tokens WHERE family_id IN (
       SELECT family_id FROM refresh_tokens GROUP BY family_id HAVING max(least(expires_at, revoked_at)) <= $1)
     RETURNING 1`,
    [endedBy],
  );
  return rows.length;
}

export const pruneSessionsJob = defineJobKind({
  name: 'auth.prune-sessions',
  payload: z.object({ retentionMs: z.number().int().nonnegative() }),
  async handle({ tx, payload, now }) {
    return { deletedTokens: await pruneEndedSessions(tx, now - payload.retentionMs) };
  },
});

export const pruneSessionsHourly: Schedule<{ retentionMs: number }> = {
  kind: pruneSessionsJob,
  everyMs: 3600_000,
  payload: { retentionMs: SESSION_RETENTION_MS },
};
