/**
 * When each person last had a console connected (console_seen), for the routing sweep that sets
 * offline whoever has been gone past the grace period (routing-jobs.ts). Each instance writes for
 * its own live sockets: the moment one opens, every half minute while any is open, and the moment
 * the person's last one here closes. An instance that dies stops refreshing, so its people look gone
 * from then on, which is what they are until their consoles reconnect elsewhere.
 */
import type { Db } from '../store/db.ts';

export const CONSOLE_SEEN_REFRESH_MS = 30_000;

export interface ConsoleSeen {
  opened(tenantId: string, userId: string): Promise<void>;
  closed(tenantId: string, userId: string): Promise<void>;
  stop(): void;
}

export function trackConsoles(db: Db, now: () => number, onError: (err: unknown) => void): ConsoleSeen {
  /** Open sockets per `tenant user`. */
  const open = new Map<string, number>();
  const seen = (pairs: [string, string][]) =>
    db.query(
      `INSERT INTO console_seen (tenant_id, user_id, last_seen)
       SELECT x.t::uuid, x.u::uuid, $2 FROM jsonb_to_recordset($1::jsonb) AS x (t text, u text)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET last_seen = GREATEST(console_seen.last_seen, excluded.last_seen)`,
      [JSON.stringify(pairs.map(([t, u]) => ({ t, u }))), now()],
    );
  const timer = setInterval(() => {
    if (open.size) seen([...open.keys()].map((k) => k.split(' ') as [string, string])).catch(onError);
  }, CONSOLE_SEEN_REFRESH_MS).unref();
  return {
    async opened(tenantId, userId) {
      const k = `${tenantId} ${userId}`;
      open.set(k, (open.get(k) ?? 0) + 1);
      await seen([[tenantId, userId]]);
    },
    async closed(tenantId, userId) {
      const k = `${tenantId} ${userId}`;
      const left = (open.get(k) ?? 1) - 1;
      if (left > 0) open.set(k, left);
      else open.delete(k);
      await seen([[tenantId, userId]]);
    },
    stop: () => clearInterval(timer),
  };
}
