/**
 * Routing, presence and the roster (shared/routing/records.ts, docs/routing.md): each person's
 * presence and its changes, the teams' routing rules, shift templates, each agent's shifts per UTC
 * week and their time off, all synced; a user's routing profile (languages, capacity per channel)
 * as two columns, NULL for people stored before it. Ticket events gain the kind `routed`, which
 * migration 18 lets through (it remakes the events table once for the kinds both add).
 */
import type { Migration } from './types.ts';

const synced = `
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL`;

const presence = "CHECK (status IN ('online', 'away', 'on_break', 'offline'))";

const sql = `
ALTER TABLE users ADD COLUMN languages TEXT;
ALTER TABLE users ADD COLUMN channel_capacity TEXT;

CREATE TABLE agent_presences (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL, status TEXT NOT NULL ${presence},
  since INTEGER NOT NULL, last_routed_at INTEGER,${synced}
);

CREATE TABLE presence_events (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL, status TEXT NOT NULL ${presence},
  previous TEXT, at INTEGER NOT NULL,${synced}
);
CREATE INDEX presence_events_user ON presence_events(user_id, at);

CREATE TABLE routing_rules (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  team_id TEXT NOT NULL, mode TEXT NOT NULL CHECK (mode IN ('round_robin', 'least_loaded')),
  match_language INTEGER NOT NULL CHECK (match_language IN (0, 1)),
  match_skills INTEGER NOT NULL CHECK (match_skills IN (0, 1)),
  take_back_when_offline INTEGER NOT NULL CHECK (take_back_when_offline IN (0, 1)),
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),${synced}
);

CREATE TABLE shift_templates (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  name TEXT NOT NULL, start TEXT NOT NULL, minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 960),
  breaks TEXT NOT NULL, active INTEGER NOT NULL CHECK (active IN (0, 1)),${synced}
);

CREATE TABLE shift_weeks (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL, week_start INTEGER NOT NULL, shifts TEXT NOT NULL,${synced}
);
CREATE INDEX shift_weeks_week ON shift_weeks(week_start, user_id);

CREATE TABLE time_offs (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL CHECK ("end" > start),
  kind TEXT NOT NULL CHECK (kind IN ('leave', 'sickness')), note TEXT NOT NULL,${synced}
);
CREATE INDEX time_offs_user ON time_offs(user_id, start);
`;

export const migration017: Migration = { version: 17, name: 'routing', up: (db) => db.exec(sql) };
