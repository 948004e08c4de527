/**
 * Tasks about a contact and repeating tasks (docs/tasks.md), and the reminders this console has
 * shown: one row per task and reminder time, written in the transaction that decides to show it,
 * so a reminder is shown once, across restarts, and again only if its time is changed.
 */
import { TASK_RECURRENCES } from '../../../../shared/domain/enums.ts';
import type { Migration } from './types.ts';

export const migration013: Migration = {
  version: 13,
  name: 'tasks',
  up: (db) =>
    db.exec(`
      ALTER TABLE tasks ADD COLUMN contact_id TEXT;
      ALTER TABLE tasks ADD COLUMN recurrence TEXT CHECK (recurrence IN (${TASK_RECURRENCES.map((r) => `'${r}'`).join(', ')}));
      CREATE INDEX tasks_reminders ON tasks(remind_at) WHERE remind_at IS NOT NULL AND completed_at IS NULL;
      CREATE TABLE task_reminders_shown (
        task_id TEXT NOT NULL,
        remind_at INTEGER NOT NULL,
        shown_at INTEGER NOT NULL,
        PRIMARY KEY (task_id, remind_at)
      );
    `),
};
