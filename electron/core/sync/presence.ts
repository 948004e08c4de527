/**
 * Presence on this console: the viewer lists the server's live relay sends (who else has a ticket
 * open, who is typing), and a local record of who was last seen on which ticket (table
 * presence_seen, migration 003), so "last seen 2 h ago" still answers offline and after a restart.
 * The signed-in person is never among the viewers.
 */
import type { Database } from 'better-sqlite3';
import type { PresenceEntry } from '../../../shared/contract/channels.ts';
import type { PresenceViewer } from '../../../shared/sync/protocol.ts';
import type { Emit } from './data-changed.ts';

/** Sightings kept per ticket, newest first: a busy ticket's list stays short. */
const SEEN_PER_TICKET = 50;

export function createPresenceBook(db: Database, options: { now: () => number; emit: Emit; me: () => string | null }) {
  const { now, emit, me } = options;
  /** The live lists, by ticket, as last relayed; emptied when the socket goes. */
  const live = new Map<string, PresenceViewer[]>();

  const upsert = db.prepare(
    `INSERT INTO presence_seen (ticket_id, user_id, name, typing, last_seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (ticket_id, user_id) DO UPDATE SET name = excluded.name, typing = excluded.typing,
       last_seen_at = max(last_seen_at, excluded.last_seen_at)`,
  );
  const seen = db.prepare<[string, number], { user_id: string; name: string; typing: number; last_seen_at: number }>(
    'SELECT user_id, name, typing, last_seen_at FROM presence_seen WHERE ticket_id = ? ORDER BY last_seen_at DESC LIMIT ?',
  );
  const trim = db.prepare(
    `DELETE FROM presence_seen WHERE ticket_id = ? AND user_id NOT IN
       (SELECT user_id FROM presence_seen WHERE ticket_id = ? ORDER BY last_seen_at DESC LIMIT ?)`,
  );

  function viewers(ticketId: string): PresenceEntry[] {
    const self = me();
    const online = (live.get(ticketId) ?? []).filter((v) => v.userId !== self);
    const here = new Set(online.map((v) => v.userId));
    const entries: PresenceEntry[] = online.map((v) => ({
      userId: v.userId,
      name: v.name,
      typing: v.typing,
      online: true,
      lastSeenAt: v.at,
    }));
    for (const r of seen.all(ticketId, SEEN_PER_TICKET))
      if (r.user_id !== self && !here.has(r.user_id))
        entries.push({ userId: r.user_id, name: r.name, typing: false, online: false, lastSeenAt: r.last_seen_at });
    return entries;
  }

  /** Records the people of `list` as seen on the ticket at `at` (or, for those who left, now). */
  const record = db.transaction((ticketId: string, list: readonly PresenceViewer[], left: readonly PresenceViewer[]) => {
    const self = me();
    for (const v of list) if (v.userId !== self) upsert.run(ticketId, v.userId, v.name, v.typing ? 1 : 0, v.at);
    // Someone who left was there until now: that, not their last announcement, is when they were last seen.
    for (const v of left) if (v.userId !== self) upsert.run(ticketId, v.userId, v.name, 0, Math.max(v.at, now()));
    trim.run(ticketId, ticketId, SEEN_PER_TICKET);
  });

  const seenByUser = db.prepare<[], { user_id: string; at: number }>(
    'SELECT user_id, max(last_seen_at) AS at FROM presence_seen GROUP BY user_id',
  );

  return {
    viewers,

    /**
     * Everyone this console has seen on a ticket: online while a live list has them on one now,
     * and when they were last seen on any (the live frames' times count too). The workload board's
     * presence column.
     */
    people(): Map<string, { online: boolean; lastSeenAt: number }> {
      const out = new Map<string, { online: boolean; lastSeenAt: number }>();
      for (const r of seenByUser.all()) out.set(r.user_id, { online: false, lastSeenAt: r.at });
      for (const list of live.values())
        for (const v of list) out.set(v.userId, { online: true, lastSeenAt: Math.max(v.at, out.get(v.userId)?.lastSeenAt ?? v.at) });
      return out;
    },

    /** A presence frame from the server: the ticket's whole list as of now. */
    relayed(ticketId: string, list: readonly PresenceViewer[]): void {
      const before = live.get(ticketId) ?? [];
      const stays = new Set(list.map((v) => v.userId));
      record(
        ticketId,
        list,
        before.filter((v) => !stays.has(v.userId)),
      );
      if (list.length) live.set(ticketId, [...list]);
      else live.delete(ticketId);
      emit('presence.changed', { ticketId, viewers: viewers(ticketId) });
    },

    /** The live socket is gone: everyone shown live becomes "last seen now". */
    disconnected(): void {
      const tickets = [...live.entries()];
      live.clear();
      for (const [ticketId, list] of tickets) {
        record(ticketId, [], list);
        emit('presence.changed', { ticketId, viewers: viewers(ticketId) });
      }
    },
  };
}

export type PresenceBook = ReturnType<typeof createPresenceBook>;
