/**
 * Ticket events as data: the cache drops the English system messages ("Ticket assigned to …",
 * "Escalated to tier 2: …") that were written beside the events holding the same facts; the
 * console words those events in the reader's language. Tickets count only real messages again,
 * and the demo's escalations that held the tier alone hold it as live ones do ({ tier }). The
 * server's migration 6 does the same to its records.
 */
import type { Migration } from './types.ts';

const sql = `
UPDATE tickets SET message_count = max(0, message_count - (SELECT count(*) FROM messages m WHERE m.ticket_id = tickets.id AND m.kind = 'system'))
 WHERE id IN (SELECT ticket_id FROM messages WHERE kind = 'system');
DELETE FROM messages WHERE kind = 'system';
UPDATE ticket_events SET to_value = json_object('tier', CAST(to_value AS INTEGER))
 WHERE kind = 'escalated' AND json_valid(to_value) AND json_type(to_value) = 'integer';
`;

export const migration008: Migration = { version: 8, name: 'events_as_data', up: (db) => db.exec(sql) };
