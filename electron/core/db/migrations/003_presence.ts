/**
 * Presence sightings: who else was last seen on which ticket, so a console that is offline (or was
 * just restarted) can still say "Dana looked at this 2 h ago". Local only: filled from the
 * server's live presence frames, never synced, never in the outbox.
 */
import type { Migration } from './types.ts';

const sql = `
CREATE TABLE presence_seen (
  ticket_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  -- Whether they were typing when last seen (shown as "was replying").
  typing INTEGER NOT NULL DEFAULT 0,
  last_seen_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, user_id)
) WITHOUT ROWID;
`;

export const migration003: Migration = { version: 3, name: 'presence', up: (db) => db.exec(sql) };
