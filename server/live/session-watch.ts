/**
 * Which live sockets to re-check when a person's sessions may have ended (server/auth/session-ends.ts):
 * one LISTEN per instance, and per person the re-checks of that person's sockets on this instance.
 */
import { SESSIONS_ENDED_CHANNEL } from '../auth/session-ends.ts';
import type { Db } from '../store/db.ts';

export interface SessionWatch {
  /** Calls `recheck` whenever sessions of `userId` may have ended, on any instance; returns the stop. */
  watch(userId: string, recheck: () => void): () => void;
  close(): Promise<void>;
}

export async function createSessionWatch(db: Db): Promise<SessionWatch> {
  const rechecks = new Map<string, Set<() => void>>();
  const unlisten = await db.listen(SESSIONS_ENDED_CHANNEL, (userId) => {
    for (const recheck of rechecks.get(userId) ?? []) recheck();
  });
  return {
    watch(userId, recheck) {
      let mine = rechecks.get(userId);
      if (!mine) rechecks.set(userId, (mine = new Set()));
      mine.add(recheck);
      return () => {
        mine.delete(recheck);
        if (!mine.size && rechecks.get(userId) === mine) rechecks.delete(userId);
      };
    },
    close: unlisten,
  };
}
