/**
 * The undo window: an outbox entry may be held until `not_before` (ms), while the person can still
 * undo it. The push sends entries in id order and stops at the first one still held, so nothing
 * overtakes it. 0: not held (every entry written before this step).
 */
import type { Migration } from './types.ts';

const sql = `ALTER TABLE outbox ADD COLUMN not_before INTEGER NOT NULL DEFAULT 0;`;

export const migration009: Migration = { version: 9, name: 'outbox_hold', up: (db) => db.exec(sql) };
