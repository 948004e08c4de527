/**
 * Routing in pull mode and escalation tiers that route (docs/routing.md): a team's rule may be in
 * mode `pull` (agents take the next ticket themselves), and may name the team escalated tickets go
 * to. The mode's CHECK is part of the table, so the small rules table is made again with the
 * modes as shared/routing/decide.ts lists them now, and the new column (NULL: tickets stay).
 */
import { ROUTING_MODES } from '../../../../shared/routing/decide.ts';
import type { Migration } from './types.ts';

const modes = ROUTING_MODES.map((m) => `'${m}'`).join(', ');

const sql = `
CREATE TABLE routing_rules_new (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  team_id TEXT NOT NULL, mode TEXT NOT NULL CHECK (mode IN (${modes})),
  match_language INTEGER NOT NULL CHECK (match_language IN (0, 1)),
  match_skills INTEGER NOT NULL CHECK (match_skills IN (0, 1)),
  take_back_when_offline INTEGER NOT NULL CHECK (take_back_when_offline IN (0, 1)),
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  next_tier_team_id TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO routing_rules_new (id, tenant_id, team_id, mode, match_language, match_skills, take_back_when_offline, enabled, version, created_at, updated_at)
  SELECT id, tenant_id, team_id, mode, match_language, match_skills, take_back_when_offline, enabled, version, created_at, updated_at FROM routing_rules;
DROP TABLE routing_rules;
ALTER TABLE routing_rules_new RENAME TO routing_rules;
`;

export const migration020: Migration = { version: 20, name: 'pull_and_tiers', up: (db) => db.exec(sql) };
