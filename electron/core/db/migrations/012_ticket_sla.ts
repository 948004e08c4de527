/**
 * The ticket's SLA snapshot (shared/sla/ticket-sla.ts), written by Core on every change it makes
 * or pulls and by the server on every commit. Three figures of it are columns the queues filter
 * on, derived from the JSON by SQLite so they can never disagree with it: the earliest due instant
 * of a timer still counting, the earliest at-risk instant of a running one, and whether any
 * breached. "SLA at risk" and "Breached" list in due order, walking the due index and checking
 * these per row: an index of their own would tempt the planner to fetch and sort the matches.
 */
import type { Migration } from './types.ts';

const sql = `
ALTER TABLE tickets ADD COLUMN sla TEXT;
ALTER TABLE tickets ADD COLUMN sla_next_due_at INTEGER GENERATED ALWAYS AS (json_extract(sla, '$.nextDueAt')) VIRTUAL;
ALTER TABLE tickets ADD COLUMN sla_at_risk_at INTEGER GENERATED ALWAYS AS (json_extract(sla, '$.atRiskAt')) VIRTUAL;
ALTER TABLE tickets ADD COLUMN sla_breached INTEGER GENERATED ALWAYS AS (coalesce(json_extract(sla, '$.breached'), 0)) VIRTUAL;
`;

export const migration012: Migration = { version: 12, name: 'ticket_sla', up: (db) => db.exec(sql) };
