/**
 * SLA notices. The ticket event log accepts every kind this version knows, `sla_notified` (a
 * breach's people told, written by the server's breach job) included: SQLite cannot change a CHECK
 * in place, so the table is copied into one with the current list; without this a cache made
 * before the kind existed would refuse the pulled event and stop syncing. And `sla_at_risk_shown`
 * keeps each timer cycle (ticket, target, cycle start) whose turn to at risk the person was told
 * of, so it is told once, across restarts (notifications/sla-at-risk.ts).
 */
import { TicketEventKind } from '../../../../shared/domain/records.ts';
import type { Migration } from './types.ts';

const kinds = TicketEventKind.options.map((k) => `'${k}'`).join(', ');

const sql = `
CREATE TABLE ticket_events_next (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN (${kinds})),
  actor_id TEXT, from_value TEXT, to_value TEXT, at INTEGER NOT NULL,
  actor_kind TEXT, automation TEXT
);
INSERT INTO ticket_events_next (id, tenant_id, ticket_id, kind, actor_id, from_value, to_value, at, actor_kind, automation)
  SELECT id, tenant_id, ticket_id, kind, actor_id, from_value, to_value, at, actor_kind, automation FROM ticket_events;
DROP TABLE ticket_events;
ALTER TABLE ticket_events_next RENAME TO ticket_events;
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, at);

CREATE TABLE sla_at_risk_shown (
  ticket_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  shown_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, metric, started_at)
) WITHOUT ROWID;
`;

export const migration016: Migration = { version: 16, name: 'sla_notices', up: (db) => db.exec(sql) };
