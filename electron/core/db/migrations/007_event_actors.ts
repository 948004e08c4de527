/**
 * Who wrote a ticket event when it was not a person at a console: the actor's kind and, for an
 * automation, its name (e.g. automation:sla). Both stay NULL on events written by agents, as
 * every event before this step was.
 */
import type { Migration } from './types.ts';

const sql = `
ALTER TABLE ticket_events ADD COLUMN actor_kind TEXT;
ALTER TABLE ticket_events ADD COLUMN automation TEXT;
`;

export const migration007: Migration = { version: 7, name: 'event_actors', up: (db) => db.exec(sql) };
