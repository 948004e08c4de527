/**
 * "SLA at risk" notices (notifications/sla-at-risk.ts): each timer cycle (ticket, target, cycle
 * start) whose turn to at risk the person was told of, so it is told once, across restarts too.
 */
import type { Migration } from './types.ts';

const sql = `
CREATE TABLE sla_at_risk_shown (
  ticket_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  shown_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, metric, started_at)
) WITHOUT ROWID;
`;

export const migration016: Migration = { version: 16, name: 'sla_notices', up: (db) => db.exec(sql) };
