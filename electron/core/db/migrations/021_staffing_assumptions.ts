/**
 * A team's staffing assumptions (shared/routing/records.ts, docs/routing.md "Coverage heatmap"),
 * synced: average handle time per channel, the service-level and occupancy targets and the
 * forecast's weeks of history the coverage heatmap computes with. One per team, its id the team's.
 */
import type { Migration } from './types.ts';

const sql = `
CREATE TABLE staffing_assumptions (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  team_id TEXT NOT NULL, aht_seconds TEXT NOT NULL,
  service_level REAL NOT NULL CHECK (service_level > 0 AND service_level < 1),
  answer_seconds INTEGER NOT NULL CHECK (answer_seconds BETWEEN 1 AND 3600),
  occupancy_target REAL NOT NULL CHECK (occupancy_target > 0 AND occupancy_target <= 1),
  forecast_weeks INTEGER NOT NULL CHECK (forecast_weeks BETWEEN 1 AND 52),
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

export const migration021: Migration = { version: 21, name: 'staffing_assumptions', up: (db) => db.exec(sql) };
