/**
 * Drafts: what a person was writing on each ticket, kept on this device so it survives switching
 * tickets and restarting the app. Local only: no `version`, never in the outbox or a pulled page.
 * Keyed by the person too, so whoever signs in next on a shared computer does not see them.
 *
 * Also an index for the requester panel's satisfaction history (feedback by contact), which would
 * otherwise scan the whole feedback table on every ticket opened.
 */
import { TicketStatus } from '../../../../shared/domain/enums.ts';
import type { Migration } from './types.ts';

const submitAs = TicketStatus.extract(['open', 'pending', 'on_hold', 'solved']).options;

const sql = `
CREATE TABLE drafts (
  -- '' when the cache has no signed-in person yet (a purely local console).
  user_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('reply', 'note')),
  body TEXT NOT NULL,
  submit_as TEXT CHECK (submit_as IN (${submitAs.map((s) => `'${s}'`).join(', ')})),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, ticket_id)
) WITHOUT ROWID;

CREATE INDEX feedback_contact ON feedback(contact_id, created_at);
`;

export const migration004: Migration = { version: 4, name: 'drafts', up: (db) => db.exec(sql) };
