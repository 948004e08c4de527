/**
 * Task reminders (docs/tasks.md): at a task's reminder time the assignee's console shows a desktop
 * notification (`notification.show`, kind `task_reminder`), from the cache alone, so offline too.
 * Each reminder is shown once: the (task, reminder time) pair is recorded in task_reminders_shown
 * before it is announced, and that table survives a restart, so a console started again does not
 * repeat it; changing the reminder time makes a new reminder. Reminders due while the console was
 * closed are shown at its next start, several at once as one notification. A completed task
 * reminds no more. With notifications off, due reminders are recorded as shown and not announced,
 * so turning them on later does not replay the past.
 */
import type { NotificationTarget } from '../../../shared/contract/events.ts';
import { defaultSystemLocale, NOTIFICATION_TEXT, notificationLocale } from './text.ts';
import type { WatcherOptions } from './watcher.ts';

/**
 * The longest the scheduler sleeps: a task created or moved (here or on another console) while it
 * sleeps is looked at within this time, even if nobody calls `check()`.
 */
export const REMINDER_POLL_MS = 30_000;
const LISTED = 3;

export type RemindersOptions = WatcherOptions;

interface DueReminder {
  id: string;
  title: string;
  account_id: string | null;
  contact_id: string | null;
  ticket_id: string | null;
  remind_at: number;
}

/** What a reminder opens: the task's account, whose timeline lists the task, else its contact, else its ticket. */
function targetOf(task: DueReminder): NotificationTarget | null {
  if (task.account_id) return { entity: 'account', id: task.account_id };
  if (task.contact_id) return { entity: 'contact', id: task.contact_id };
  return task.ticket_id ? { entity: 'ticket', id: task.ticket_id } : null;
}

export function createReminders(options: RemindersOptions) {
  const { db, now, me, settings, emit, timers } = options;
  const systemLocale = options.systemLocale ?? defaultSystemLocale;
  const due = db.prepare(`
    SELECT t.id, t.title, t.account_id, t.contact_id, t.ticket_id, t.remind_at FROM tasks t
    WHERE t.assignee_id = ? AND t.completed_at IS NULL AND t.remind_at IS NOT NULL AND t.remind_at <= ?
      AND NOT EXISTS (SELECT 1 FROM task_reminders_shown s WHERE s.task_id = t.id AND s.remind_at = t.remind_at)
    ORDER BY t.remind_at, t.id`);
  const upcoming = db.prepare('SELECT min(remind_at) AS at FROM tasks WHERE assignee_id = ? AND completed_at IS NULL AND remind_at > ?');
  const markShown = db.prepare('INSERT OR IGNORE INTO task_reminders_shown (task_id, remind_at, shown_at) VALUES (?, ?, ?)');
  // Read and marked in one transaction: two checks racing cannot both take the same reminder.
  const take = db.transaction((self: string, at: number) => {
    const rows = due.all(self, at) as DueReminder[];
    for (const r of rows) markShown.run(r.id, r.remind_at, at);
    return rows;
  });
  let timer: unknown = null;
  let closed = false;

  function announce(rows: readonly DueReminder[]): void {
    const [one] = rows;
    if (!one || !settings().notifications) return;
    const text = NOTIFICATION_TEXT[notificationLocale(settings().locale, systemLocale())];
    if (rows.length === 1) {
      emit('notification.show', { kind: 'task_reminder', target: targetOf(one), count: 1, ...text.reminderOne(one.title) });
      return;
    }
    const titles = rows.slice(0, LISTED).map((r) => r.title);
    const list = titles.join(text.listSeparator);
    const body = rows.length > LISTED ? text.andMore(list, rows.length - LISTED) : list;
    emit('notification.show', { kind: 'task_reminder', target: null, count: rows.length, ...text.reminderMany(rows.length, body) });
  }

  /** Shows what is due now, then sleeps until the next reminder (at most REMINDER_POLL_MS). */
  function check(): void {
    if (closed) return;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const self = me();
    const at = now();
    if (self) announce(take(self, at));
    const next = self ? ((upcoming.get(self, at) as { at: number | null }).at ?? null) : null;
    const wait = next === null ? REMINDER_POLL_MS : Math.min(REMINDER_POLL_MS, Math.max(0, next - at));
    timer = timers.setTimeout(check, wait);
  }

  return {
    /** Looks now (at start, and when tasks changed), and keeps looking on its timer. */
    check,
    close(): void {
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}

export type Reminders = ReturnType<typeof createReminders>;
