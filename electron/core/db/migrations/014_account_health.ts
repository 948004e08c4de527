/**
 * Account health (docs/health-score.md): the synced daily score and history of each account
 * (`account_healths`, one row per account, its id the account's), the tenant's weights
 * (`health_settings`), and what Core last computed for each account the person owns
 * (`health_watch`), which is how it notices a fall into "at risk" once, offline too.
 */
import type { Migration } from './types.ts';

const synced = `
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL`;

export const migration014: Migration = {
  version: 14,
  name: 'account_health',
  up: (db) =>
    db.exec(`
      CREATE TABLE account_healths (
        id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
        band TEXT NOT NULL CHECK (band IN ('healthy', 'watch', 'at_risk')),
        reasons TEXT NOT NULL, day TEXT NOT NULL, history TEXT NOT NULL,${synced}
      );
      CREATE INDEX account_healths_account ON account_healths(account_id);

      CREATE TABLE health_settings (
        id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
        weights TEXT NOT NULL,${synced}
      );

      CREATE TABLE health_watch (
        account_id TEXT PRIMARY KEY,
        score INTEGER NOT NULL,
        at_risk INTEGER NOT NULL CHECK (at_risk IN (0, 1)),
        checked_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `),
};
