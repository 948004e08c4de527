/** The signed-in person's tasks, with the names of what each is about ("My tasks"). */
import type { Database } from 'better-sqlite3';
import type { TaskRow } from '../../../../shared/areas/tasks/channels.ts';
import { type Row, toTask } from '../../repositories/rows.ts';

export function createTasksRepository(db: Database, me: () => string | null) {
  // Open tasks walk tasks_assignee_due (assignee, completed_at IS NULL, due_at); the recently
  // completed ones are few.
  const mine = db.prepare(`
    SELECT t.*, a.name AS account_name, c.name AS contact_name, k.number AS ticket_number, k.subject AS ticket_subject
    FROM tasks t
    LEFT JOIN accounts a ON a.id = t.account_id
    LEFT JOIN contacts c ON c.id = t.contact_id
    LEFT JOIN tickets k ON k.id = t.ticket_id
    WHERE t.assignee_id = @me AND t.completed_at IS NULL
    ORDER BY t.due_at, t.id
    LIMIT @limit`);
  const done = db.prepare(`
    SELECT t.*, a.name AS account_name, c.name AS contact_name, k.number AS ticket_number, k.subject AS ticket_subject
    FROM tasks t
    LEFT JOIN accounts a ON a.id = t.account_id
    LEFT JOIN contacts c ON c.id = t.contact_id
    LEFT JOIN tickets k ON k.id = t.ticket_id
    WHERE t.assignee_id = @me AND t.completed_at >= @since
    ORDER BY t.due_at, t.id`);

  const toRow = (r: Row): TaskRow => ({
    ...toTask(r),
    accountName: (r.account_name as string | null) ?? null,
    contactName: (r.contact_name as string | null) ?? null,
    ticketNumber: (r.ticket_number as number | null) ?? null,
    ticketSubject: (r.ticket_subject as string | null) ?? null,
  });

  return {
    mine(completedSince: number | null, limit: number): { tasks: TaskRow[]; truncated: boolean } {
      const self = me();
      if (!self) return { tasks: [], truncated: false };
      const open = (mine.all({ me: self, limit: limit + 1 }) as Row[]).map(toRow);
      const completed = completedSince === null ? [] : (done.all({ me: self, since: completedSince }) as Row[]).map(toRow);
      return { tasks: [...open.slice(0, limit), ...completed].sort((a, b) => a.dueAt - b.dueAt), truncated: open.length > limit };
    },
  };
}
