/**
 * Complaints (shared/complaints/records.ts, docs/metrics.md "Complaint review"): the tenant's
 * complaint categories and the names they hold, both synced; a ticket's complaint category and
 * root cause as two columns, NULL for tickets stored before (not complaints). Ticket events gain
 * the kinds `complaint` and `root_cause` (and migration 17's `routed`): the kind's CHECK is written
 * from the schema's list when the table is made, so the table is made again, once for both
 * migrations (a large cache copies its event log once), with the list as it now is.
 */
import { TicketEventKind } from '../../../../shared/domain/records.ts';
import type { Migration } from './types.ts';

const synced = `
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL`;

const kinds = TicketEventKind.options.map((k) => `'${k}'`).join(', ');

const sql = `
CREATE TABLE complaint_categories (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  name TEXT NOT NULL, description TEXT NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),${synced}
);

CREATE TABLE complaint_category_names (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, category_id TEXT NOT NULL,${synced}
);

ALTER TABLE tickets ADD COLUMN complaint_category_id TEXT;
ALTER TABLE tickets ADD COLUMN root_cause TEXT;
-- The review reads complaints only: a few percent of the tickets.
CREATE INDEX tickets_complaint ON tickets(complaint_category_id, created_at) WHERE complaint_category_id IS NOT NULL;

CREATE TABLE ticket_events_new (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN (${kinds})),
  actor_id TEXT, from_value TEXT, to_value TEXT, at INTEGER NOT NULL,
  actor_kind TEXT, automation TEXT
);
INSERT INTO ticket_events_new (id, tenant_id, ticket_id, kind, actor_id, from_value, to_value, at, actor_kind, automation)
  SELECT id, tenant_id, ticket_id, kind, actor_id, from_value, to_value, at, actor_kind, automation FROM ticket_events;
DROP TABLE ticket_events;
ALTER TABLE ticket_events_new RENAME TO ticket_events;
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, at);
`;

export const migration018: Migration = { version: 18, name: 'complaints', up: (db) => db.exec(sql) };
