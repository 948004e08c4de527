/**
 * Tickets by number: search answers "9958" or "#9958" with that ticket (areas/search/search.ts),
 * an index lookup instead of a walk of every ticket.
 */
import type { Migration } from './types.ts';

export const migration010: Migration = {
  version: 10,
  name: 'ticket_numbers',
  up: (db) => db.exec('CREATE INDEX tickets_number ON tickets(number) WHERE number IS NOT NULL'),
};
