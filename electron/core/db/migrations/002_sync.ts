/**
 * The sync client's local tables (SYNC.md): pre-images of rows changed optimistically, the sync
 * issues the person has to see, and the session facts kept between runs. The outbox and
 * sync_state exist since 001.
 */
import type { Migration } from './types.ts';

const sql = `
-- The server's version of every row a pending mutation changed locally, saved before the first
-- optimistic write touched it (row_json NULL: the row did not exist). Applying a pulled page
-- first puts these back, so pulled changes land on server state, then replays what is pending.
CREATE TABLE optimistic_base (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  row_json TEXT,
  PRIMARY KEY (entity, id)
) WITHOUT ROWID;

-- Conflicts and rejections the server reported: one per mutation, until the person acts on it.
CREATE TABLE sync_issues (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('conflict', 'rejection')),
  mutation_id INTEGER NOT NULL UNIQUE,
  mutation_name TEXT NOT NULL,
  args TEXT NOT NULL,
  entity TEXT,
  entity_id TEXT,
  conflicts TEXT NOT NULL DEFAULT '[]',
  error TEXT,
  created_at INTEGER NOT NULL
);

-- The signed-in person as the server described them at sign-in (used until their user row is
-- in the cache), and what the sign-in form is prefilled with after a sign-out.
ALTER TABLE sync_state ADD COLUMN session_user TEXT;
ALTER TABLE sync_state ADD COLUMN remembered_email TEXT;
`;

export const migration002: Migration = { version: 2, name: 'sync', up: (db) => db.exec(sql) };
