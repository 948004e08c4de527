/**
 * The service metrics read only the tickets that can matter to a report's period and its previous
 * one (shared/metrics/narrow.ts): those with an event since the earliest start, those created
 * since (tickets_created), those unsolved (tickets_status_updated) and those with an answer since.
 * The events and the answers are found by their instant, so both gain an index on it.
 */
import type { Migration } from './types.ts';

const sql = `
CREATE INDEX ticket_events_at ON ticket_events(at, ticket_id);
CREATE INDEX feedback_created ON feedback(created_at, ticket_id);
`;

export const migration019: Migration = { version: 19, name: 'metrics_read', up: (db) => db.exec(sql) };
