/**
 * Roster planning (shared/routing/records.ts, docs/routing.md), synced: a team's staffing
 * assumptions (average handle time per channel, the service-level and occupancy targets and the
 * forecast's weeks of history the coverage heatmap computes with; one per team, its id the
 * team's), and shift swaps between agents with the shifts they trade.
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
  swaps_need_approval INTEGER NOT NULL CHECK (swaps_need_approval IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE shift_swaps (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  team_id TEXT NOT NULL, from_user_id TEXT NOT NULL, to_user_id TEXT NOT NULL,
  shift TEXT NOT NULL, return_shift TEXT,
  status TEXT NOT NULL CHECK (status IN ('offered', 'accepted', 'approved', 'withdrawn', 'declined', 'refused')),
  decided_by TEXT, decided_at INTEGER,
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX shift_swaps_people ON shift_swaps(from_user_id, to_user_id);
`;

export const migration021: Migration = { version: 21, name: 'roster_planning', up: (db) => db.exec(sql) };
