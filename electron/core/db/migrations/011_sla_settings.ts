/**
 * SLA settings as the engine reads them (shared/sla/records.ts): calendars with hours past midnight
 * and yearly holidays, policies with per-priority targets in business or calendar hours, breach
 * actions and a revision, and every earlier revision of each in its own table. The old tables held
 * a shape nothing read; they are replaced, and the server's migration 7 converts its copies. The
 * cursor's scope edition changed with this release, so every console bootstraps again and receives
 * the converted records.
 */
import type { Migration } from './types.ts';

const synced = `
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL`;

const calendar = `
  name TEXT NOT NULL, time_zone TEXT NOT NULL,
  weekly_hours TEXT NOT NULL, holidays TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  revision INTEGER NOT NULL CHECK (revision >= 1),${synced}`;

const policy = `
  name TEXT NOT NULL, position INTEGER NOT NULL CHECK (position >= 0),
  conditions TEXT NOT NULL, targets TEXT NOT NULL,
  at_risk_share REAL NOT NULL CHECK (at_risk_share > 0 AND at_risk_share < 1),
  running_statuses TEXT NOT NULL,
  calendar_id TEXT,
  breach_actions TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  revision INTEGER NOT NULL CHECK (revision >= 1),${synced}`;

const sql = `
DROP TABLE business_calendars;
DROP TABLE sla_policies;

CREATE TABLE business_calendars (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,${calendar});
CREATE TABLE sla_policies (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,${policy});
CREATE INDEX sla_policies_position ON sla_policies(position);

-- A ticket names the revision its timers were computed with: found by (record, revision).
CREATE TABLE business_calendar_versions (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, calendar_id TEXT NOT NULL,${calendar});
CREATE UNIQUE INDEX business_calendar_versions_revision ON business_calendar_versions(calendar_id, revision);
CREATE TABLE sla_policy_versions (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, policy_id TEXT NOT NULL,${policy});
CREATE UNIQUE INDEX sla_policy_versions_revision ON sla_policy_versions(policy_id, revision);
`;

export const migration011: Migration = { version: 11, name: 'sla_settings', up: (db) => db.exec(sql) };
