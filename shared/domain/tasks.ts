/**
 * The rules of tasks that the console and the server share (docs/tasks.md): when the next
 * occurrence of a repeating task is due, and which group of "My tasks" a task belongs to.
 */
import { DateTime } from 'luxon';
import type { TaskRecurrence } from './enums.ts';

const UNIT = { daily: 'days', weekly: 'weeks', monthly: 'months' } as const satisfies Record<TaskRecurrence, string>;

/**
 * The next occurrence of a repeating task completed at `now`: the first of its due time plus one,
 * two, … days, weeks or calendar months (local wall-clock time in `timeZone`, so "every Monday
 * 09:00" stays 09:00 across a change of daylight saving time, and the 31st becomes the month's last
 * day) that is still ahead of `now`: occurrences missed while the task lay overdue are skipped,
 * not piled up. The reminder keeps its distance from the due time.
 */
export function nextOccurrence(
  task: { dueAt: number; remindAt: number | null; recurrence: TaskRecurrence },
  timeZone: string,
  now: number,
): { dueAt: number; remindAt: number | null } {
  const first = DateTime.fromMillis(task.dueAt, { zone: timeZone });
  let dueAt = task.dueAt;
  // Counted from the first due time, not from the previous step: January 31st plus two months is
  // March 31st, not the 28th that stepping through February would leave.
  for (let n = 1; dueAt <= now || n === 1; n++) dueAt = first.plus({ [UNIT[task.recurrence]]: n }).toMillis();
  return { dueAt, remindAt: task.remindAt === null ? null : dueAt - (task.dueAt - task.remindAt) };
}

export const TASK_GROUPS = ['overdue', 'today', 'upcoming'] as const;
export type TaskGroup = (typeof TASK_GROUPS)[number];

/**
 * Where an open task shows in "My tasks": overdue once its due time has passed; today when it is
 * due later on the person's current calendar day (in `timeZone`, the console's); else upcoming.
 */
export function taskGroup(dueAt: number, now: number, timeZone: string): TaskGroup {
  if (dueAt < now) return 'overdue';
  const endOfToday = DateTime.fromMillis(now, { zone: timeZone }).endOf('day').toMillis();
  return dueAt <= endOfToday ? 'today' : 'upcoming';
}
