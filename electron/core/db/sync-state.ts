/** The one sync_state row: this database's client id (SYNC.md: one per local database). */
import type { Database } from 'better-sqlite3';
import { uuidv7 } from '../../../shared/ids.ts';

export function ensureSyncState(db: Database): void {
  db.prepare('INSERT INTO sync_state (id, client_id) VALUES (1, ?) ON CONFLICT (id) DO NOTHING').run(uuidv7());
}
