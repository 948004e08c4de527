import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../shared/areas/app/channels.ts';
import { DEFAULT_SETTINGS } from '../../../shared/areas/app/settings-defaults.ts';
import type { EventName, EventPayload } from '../../../shared/contract/events.ts';
import { deterministicId } from '../../../shared/ids.ts';
import { createDirectoryRepository } from '../areas/app/directory.ts';
import { openDatabase } from '../db/open.ts';
import { ensureSyncState } from '../db/sync-state.ts';
import { seedDemoDatabase } from '../demo/seed.ts';
import type { Timers } from '../sync/sync-client.ts';
import { DEMO_NOW, tempDir } from '../testing/fixtures.ts';
import { createReminders, REMINDER_POLL_MS, type Reminders } from './reminders.ts';

const MINUTE = 60_000;

/** Timers the test runs by hand: what is pending, and after how long it asked to run. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timers: Timers = {
    setTimeout(fn, ms) {
      pending.set(++next, { fn, ms });
      return next;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  return {
    timers,
    /** The one pending timer's wait. */
    wait: () => [...pending.values()].map((p) => p.ms),
    /** Runs the pending timers as if their time had come. */
    fire() {
      const due = [...pending.values()];
      pending.clear();
      for (const p of due) p.fn();
    },
  };
}

describe('task reminders', () => {
  const dir = tempDir();
  let path = '';
  let clock = DEMO_NOW;
  let shown: EventPayload<'notification.show'>[] = [];
  let settings: Settings = DEFAULT_SETTINGS;
  const open: { reminders: Reminders; close(): void }[] = [];
  let me = '';
  let other = '';
  let run = 0;

  /** A console over the database: its own connection and scheduler, as after a (re)start. */
  function startConsole(timers = manualTimers()) {
    const db = openDatabase(path, { now: () => clock });
    const reminders = createReminders({
      db,
      now: () => clock,
      me: () => me,
      settings: () => settings,
      emit: <E extends EventName>(name: E, payload: EventPayload<E>) => {
        if (name === 'notification.show') shown.push(payload as EventPayload<'notification.show'>);
      },
      timers: timers.timers,
      systemLocale: () => 'en-US',
    });
    const console = { reminders, close: () => (reminders.close(), db.close()), db, timers };
    open.push(console);
    return console;
  }

  function addTask(
    db: ReturnType<typeof openDatabase>,
    title: string,
    remindAt: number | null,
    extra: { assignee?: string; done?: boolean; accountId?: string; contactId?: string; ticketId?: string } = {},
  ) {
    const id = deterministicId('reminder-test', title);
    db.prepare(
      `INSERT INTO tasks (id, tenant_id, title, notes, assignee_id, due_at, remind_at, completed_at, account_id, contact_id, ticket_id,
         created_at, updated_at, version)
       VALUES (?, 't', ?, '', ?, ?, ?, ?, ?, ?, ?, 0, 0, 1)`,
    ).run(
      id,
      title,
      extra.assignee ?? me,
      (remindAt ?? clock) + 30 * MINUTE,
      remindAt,
      extra.done ? clock : null,
      extra.accountId ?? null,
      extra.contactId ?? null,
      extra.ticketId ?? null,
    );
    return id;
  }

  beforeEach(() => {
    path = join(dir, `reminders-${++run}.db`);
    const db = openDatabase(path, { now: () => DEMO_NOW });
    ensureSyncState(db);
    seedDemoDatabase(db, { tickets: 5, seed: 3, now: DEMO_NOW });
    const directory = createDirectoryRepository(db);
    me = directory.currentUserId() as string;
    other = directory.get().users.find((u) => u.id !== me)?.id as string;
    // The demo's own tasks stay out of these tests.
    db.prepare('DELETE FROM tasks').run();
    db.close();
    clock = DEMO_NOW;
    shown = [];
    settings = DEFAULT_SETTINGS;
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });

  it('shows a reminder at its time, once, and sleeps until it is due', () => {
    const c = startConsole();
    addTask(c.db, 'Call Ada back', clock + 5 * MINUTE);
    c.reminders.check();
    expect(shown).toEqual([]);
    // Never longer than its longest sleep, then exactly until the reminder.
    expect(c.timers.wait()).toEqual([REMINDER_POLL_MS]);
    clock += 5 * MINUTE - 20_000;
    c.timers.fire();
    expect(shown).toEqual([]);
    expect(c.timers.wait()).toEqual([20_000]);

    clock += 20_000;
    c.timers.fire();
    expect(shown).toEqual([{ kind: 'task_reminder', target: null, count: 1, title: 'Task reminder', body: 'Call Ada back' }]);
    // Nothing else is due: it looks again after the longest sleep.
    expect(c.timers.wait()).toEqual([REMINDER_POLL_MS]);
    clock += MINUTE;
    c.timers.fire();
    c.reminders.check();
    expect(shown).toHaveLength(1);
  });

  it('a restart does not repeat a reminder shown; one due while the console was closed is shown at the start; a new time reminds again', () => {
    const first = startConsole();
    const id = addTask(first.db, 'Send the QBR deck', clock);
    first.reminders.check();
    expect(shown.map((s) => s.body)).toEqual(['Send the QBR deck']);
    first.close();

    const later = addTask(startConsole().db, 'Renewal check-in', clock + 60 * MINUTE);
    open.at(-1)?.close();
    clock += 2 * 60 * MINUTE; // the console was closed when the second one came due
    const second = startConsole();
    second.reminders.check();
    expect(shown.map((s) => s.body)).toEqual(['Send the QBR deck', 'Renewal check-in']);

    second.db.prepare('UPDATE tasks SET remind_at = ? WHERE id = ?').run(clock, id);
    second.reminders.check();
    expect(shown.map((s) => s.body)).toEqual(['Send the QBR deck', 'Renewal check-in', 'Send the QBR deck']);
    expect(later).toBeTruthy();
  });

  it('several due at once are one notification; completed tasks and other people’s remind nobody here', () => {
    const c = startConsole();
    ['One', 'Two', 'Three', 'Four'].forEach((title, i) => addTask(c.db, title, clock - (4 - i) * MINUTE));
    addTask(c.db, 'Done already', clock - MINUTE, { done: true });
    addTask(c.db, 'Someone else’s', clock - MINUTE, { assignee: other });
    c.reminders.check();
    expect(shown).toEqual([
      { kind: 'task_reminder', target: null, count: 4, title: '4 task reminders', body: 'One, Two, Three and 1 more' },
    ]);
  });

  it('with notifications off, due reminders are passed over for good, and speak the chosen language', () => {
    const c = startConsole();
    settings = { ...DEFAULT_SETTINGS, notifications: false };
    addTask(c.db, 'Quiet', clock);
    c.reminders.check();
    settings = { ...DEFAULT_SETTINGS, locale: 'zh-CN' };
    c.reminders.check();
    expect(shown).toEqual([]);
    addTask(c.db, '回访', clock);
    c.reminders.check();
    expect(shown).toEqual([{ kind: 'task_reminder', target: null, count: 1, title: '任务提醒', body: '回访' }]);
  });

  it('a reminder opens the task’s account when it has one, else its contact, else its ticket', () => {
    const c = startConsole();
    const [account, contact, ticket] = ['account', 'contact', 'ticket'].map((k) => deterministicId('reminder-test', k));
    addTask(c.db, 'QBR', clock, { accountId: account, contactId: contact, ticketId: ticket });
    c.reminders.check();
    addTask(c.db, 'Call Ada', clock, { contactId: contact, ticketId: ticket });
    c.reminders.check();
    addTask(c.db, 'Check the refund', clock, { ticketId: ticket });
    c.reminders.check();
    expect(shown.map((s) => [s.body, s.target])).toEqual([
      ['QBR', { entity: 'account', id: account }],
      ['Call Ada', { entity: 'contact', id: contact }],
      ['Check the refund', { entity: 'ticket', id: ticket }],
    ]);
  });
});
