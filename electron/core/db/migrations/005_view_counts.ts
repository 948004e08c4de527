/**
 * Ticket counts kept on write, so the sidebar's queue counts never count the ticket table.
 *
 * `ticket_counts` holds how many tickets there are per (status, team, assignee, priority): a few
 * hundred rows for a whole tenant, from which every built-in queue except the two time-windowed
 * ones (and any saved view filtering only on those four fields) is a sum of a handful of rows.
 *
 * Triggers on `tickets` keep it exact whatever writes the ticket table: the record store
 * (optimistic mutations, pulled pages, pre-images put back), the demo seeder, a cache reset's
 * DELETE, and any write added later. Maintaining it from code instead would mean finding every
 * one of those paths and keeping them in step; measured, the triggers cost
 * `node bench/view-counts.ts`.
 *
 * An unassigned ticket is counted under assignee '' (a primary key column cannot hold NULL usefully).
 * Groups that drop to zero stay, at n = 0: they are bounded by statuses x teams x agents x
 * priorities, and keeping them saves a DELETE on every change.
 */
import type { Migration } from './types.ts';

const key = (row: 'NEW' | 'OLD') => `${row}.status, ${row}.team_id, coalesce(${row}.assignee_id, ''), ${row}.priority`;
const match = (row: 'NEW' | 'OLD') =>
  `status = ${row}.status AND team_id = ${row}.team_id AND assignee_id = coalesce(${row}.assignee_id, '') AND priority = ${row}.priority`;

const sql = `
CREATE TABLE ticket_counts (
  status TEXT NOT NULL,
  team_id TEXT NOT NULL,
  assignee_id TEXT NOT NULL,
  priority TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (status, team_id, assignee_id, priority)
) WITHOUT ROWID;

INSERT INTO ticket_counts (status, team_id, assignee_id, priority, n)
  SELECT status, team_id, coalesce(assignee_id, ''), priority, count(*) FROM tickets GROUP BY 1, 2, 3, 4;

CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO ticket_counts (status, team_id, assignee_id, priority, n) VALUES (${key('NEW')}, 1)
    ON CONFLICT (status, team_id, assignee_id, priority) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER ticket_counts_delete AFTER DELETE ON tickets BEGIN
  UPDATE ticket_counts SET n = n - 1 WHERE ${match('OLD')};
END;

-- Most ticket writes (a reply, a tag, a pulled row that did not move) leave the four columns alone.
CREATE TRIGGER ticket_counts_update AFTER UPDATE OF status, team_id, assignee_id, priority ON tickets
WHEN OLD.status IS NOT NEW.status OR OLD.team_id IS NOT NEW.team_id
  OR OLD.assignee_id IS NOT NEW.assignee_id OR OLD.priority IS NOT NEW.priority
BEGIN
  UPDATE ticket_counts SET n = n - 1 WHERE ${match('OLD')};
  INSERT INTO ticket_counts (status, team_id, assignee_id, priority, n) VALUES (${key('NEW')}, 1)
    ON CONFLICT (status, team_id, assignee_id, priority) DO UPDATE SET n = n + 1;
END;
`;

export const migration005: Migration = { version: 5, name: 'view_counts', up: (db) => db.exec(sql) };
