/**
 * The account manager's room: the record fields added for it (an account's primary contact, a
 * contact's role, an interaction's duration and outcome) and the indexes its two reads walk.
 *
 * - The portfolio (areas/accounts/portfolio.ts) lists a manager's accounts by owner, then counts
 *   each account's open tickets (an index-only count by status), finds its last contact and its
 *   next open task: each a seek into one of these indexes, never a walk of the account's history.
 * - The relationship timeline (areas/accounts/timeline.ts) merges four histories newest first,
 *   keyset-paged on (time, id): each branch walks its own (account, time, id) index backwards
 *   from the cursor and stops after one page.
 */
import type { Migration } from './types.ts';

export const migration015: Migration = {
  version: 15,
  name: 'account_room',
  up: (db) =>
    db.exec(`
      ALTER TABLE accounts ADD COLUMN primary_contact_id TEXT;
      ALTER TABLE contacts ADD COLUMN role TEXT;
      ALTER TABLE interactions ADD COLUMN duration_minutes INTEGER;
      ALTER TABLE interactions ADD COLUMN outcome TEXT;

      CREATE INDEX accounts_owner_name ON accounts(owner_id, name COLLATE NOCASE, id);
      CREATE INDEX tickets_account_status ON tickets(account_id, status);
      CREATE INDEX tickets_account_created ON tickets(account_id, created_at, id);
      DROP INDEX interactions_account;
      CREATE INDEX interactions_account ON interactions(account_id, occurred_at, id, kind);
      DROP INDEX feedback_account;
      CREATE INDEX feedback_account ON feedback(account_id, created_at, id);
      DROP INDEX tasks_account;
      CREATE INDEX tasks_account ON tasks(account_id, created_at, id);
      CREATE INDEX tasks_account_open ON tasks(account_id, due_at) WHERE completed_at IS NULL;
    `),
};
