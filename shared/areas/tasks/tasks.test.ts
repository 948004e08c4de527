import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import { systemActor } from '../../domain/actors.ts';
import type { Task, User } from '../../domain/records.ts';
import { nextOccurrence, taskGroup } from '../../domain/tasks.ts';
import { deterministicId } from '../../ids.ts';
import { MemoryTx } from '../../sync/memory-tx.ts';
import { runMutation, type MutatorContextWithIds } from '../../sync/mutators.ts';
import type { Actor, SystemActor } from '../../sync/tx.ts';
import { nextOccurrenceId } from './mutators.ts';

const tenantId = '00000000-0000-7000-8000-000000000001';
const me: Actor = { id: '00000000-0000-7000-8000-0000000000a1', tenantId, role: 'account_manager', teamIds: [] };
const colleague: Actor = { id: '00000000-0000-7000-8000-0000000000a2', tenantId, role: 'agent', teamIds: [] };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 2026-03-02 09:00 in Shanghai (01:00 UTC).
const monday9 = Date.UTC(2026, 2, 2, 1);

let mutationId = 0;
function ctx(actor: Actor | SystemActor, now = monday9): MutatorContextWithIds {
  const id = ++mutationId;
  let n = 0;
  return { actor, now, authoritative: true, newId: () => deterministicId('tasks-test', id, n++) };
}

function outcome(run: () => unknown): string {
  try {
    run();
    return 'applied';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe('task mutators', () => {
  let tx: MemoryTx;
  const id = deterministicId('task', 'one');
  const args = (extra: Record<string, unknown> = {}) => ({
    id,
    title: 'Call about the renewal',
    accountId: null,
    ticketId: null,
    assigneeId: me.id,
    dueAt: monday9 + DAY,
    remindAt: monday9 + DAY - HOUR,
    ...extra,
  });

  beforeEach(() => {
    tx = new MemoryTx();
    const base = { tenantId, version: 1, createdAt: 0, updatedAt: 0 };
    tx.put('tenant', { ...base, id: tenantId, name: 'T', timeZone: 'Asia/Shanghai' });
    for (const a of [me, colleague])
      tx.put('user', {
        ...base,
        id: a.id,
        name: a.role,
        email: `${a.role}@example.com`,
        role: a.role,
        teamIds: [],
        skills: [],
        capacity: 10,
        locale: 'en',
        active: true,
      } satisfies User);
  });

  it('creates a task with its defaults, and edits it keeping when it was created', () => {
    expect(outcome(() => runMutation(tx, 'task.upsert', args(), ctx(me)))).toBe('applied');
    expect(tx.get('task', id)).toMatchObject({
      title: 'Call about the renewal',
      notes: '',
      contactId: null,
      recurrence: null,
      completedAt: null,
    });
    runMutation(tx, 'task.upsert', args({ title: 'Call Ada', recurrence: 'weekly' }), ctx(me, monday9 + 5));
    expect(tx.get('task', id)).toMatchObject({ title: 'Call Ada', recurrence: 'weekly', createdAt: monday9, updatedAt: monday9 + 5 });
  });

  it('refuses bad input with a code and saves nothing', () => {
    const refused = (extra: Record<string, unknown>) => outcome(() => runMutation(tx, 'task.upsert', args(extra), ctx(me)));
    expect(refused({ title: '   ' })).toBe('VALIDATION');
    expect(refused({ assigneeId: deterministicId('nobody') })).toBe('NOT_FOUND');
    expect(refused({ remindAt: monday9 + 2 * DAY })).toBe('RULE_VIOLATION');
    expect(refused({ accountId: deterministicId('no account') })).toBe('NOT_FOUND');
    expect(refused({ contactId: deterministicId('no contact') })).toBe('NOT_FOUND');
    expect(refused({ recurrence: 'yearly' })).toBe('VALIDATION');
    expect(refused({ dueAt: -1 })).toBe('VALIDATION');
    // An agent gives tasks to themselves only.
    expect(outcome(() => runMutation(tx, 'task.upsert', args({ assigneeId: me.id }), ctx(colleague)))).toBe('FORBIDDEN');
    expect(tx.get('task', id)).toBeNull();
  });

  it('completes and reopens a task', () => {
    runMutation(tx, 'task.upsert', args(), ctx(me));
    runMutation(tx, 'task.complete', { id, done: true }, ctx(me, monday9 + 10));
    expect(tx.get('task', id)?.completedAt).toBe(monday9 + 10);
    runMutation(tx, 'task.complete', { id, done: false }, ctx(me, monday9 + 20));
    expect(tx.get('task', id)?.completedAt).toBeNull();
    // A one-off task makes no next occurrence.
    expect(tx.get('task', nextOccurrenceId(id))).toBeNull();
  });

  it('completing a repeating task creates the next occurrence once, however often it is reopened and completed again', () => {
    runMutation(tx, 'task.upsert', args({ dueAt: monday9, remindAt: monday9 - 30 * 60_000, recurrence: 'weekly' }), ctx(me));
    runMutation(tx, 'task.complete', { id, done: true }, ctx(me, monday9 + HOUR));
    const next = tx.get('task', nextOccurrenceId(id)) as Task;
    expect(next).toMatchObject({ title: 'Call about the renewal', recurrence: 'weekly', completedAt: null, assigneeId: me.id });
    expect(next.dueAt).toBe(monday9 + 7 * DAY);
    expect(next.remindAt).toBe(monday9 + 7 * DAY - 30 * 60_000);
    runMutation(tx, 'task.complete', { id, done: false }, ctx(me, monday9 + 2 * HOUR));
    runMutation(tx, 'task.complete', { id, done: true }, ctx(me, monday9 + 3 * HOUR));
    expect(tx.get('task', nextOccurrenceId(id))).toEqual(next);
  });

  it('deletes a task; someone else’s is not found; deleting it again changes nothing', () => {
    runMutation(tx, 'task.upsert', args(), ctx(me));
    expect(outcome(() => runMutation(tx, 'task.delete', { id }, ctx(colleague)))).toBe('NOT_FOUND');
    expect(outcome(() => runMutation(tx, 'task.delete', { id }, ctx(me)))).toBe('applied');
    expect(tx.get('task', id)).toBeNull();
    expect(outcome(() => runMutation(tx, 'task.delete', { id }, ctx(me)))).toBe('applied');
  });

  it('an automation gives a task to a person', () => {
    expect(outcome(() => runMutation(tx, 'task.upsert', args(), ctx(systemActor('automation:playbooks', tenantId))))).toBe('applied');
    expect(tx.get('task', id)?.assigneeId).toBe(me.id);
  });
});

describe('next occurrence of a repeating task', () => {
  /** Independent: the local wall-clock fields of each candidate, read back with Intl. */
  const local = (ms: number, timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(ms);

  it('keeps the local time across a change of daylight saving time', () => {
    // Monday 2026-03-02 09:00 in New York (EST), weekly, completed on time.
    const due = Date.UTC(2026, 2, 2, 14);
    const { dueAt } = nextOccurrence({ dueAt: due, remindAt: null, recurrence: 'weekly' }, 'America/New_York', due);
    expect(local(dueAt, 'America/New_York')).toBe('2026-03-09, 09:00');
    // Clocks went forward on March 8th: the week was 167 hours long.
    expect(dueAt - due).toBe(167 * HOUR);
  });

  it('steps calendar months from the first due day: the 31st becomes each month’s last day', () => {
    const jan31 = Date.UTC(2026, 0, 31, 2);
    const nows = [jan31, Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1)];
    const seen = nows.map((now) => nextOccurrence({ dueAt: jan31, remindAt: null, recurrence: 'monthly' }, 'UTC', now));
    expect(seen.map((s) => local(s.dueAt, 'UTC'))).toEqual(['2026-02-28, 02:00', '2026-03-31, 02:00', '2026-04-30, 02:00']);
  });

  it('skips the occurrences missed while the task lay overdue', () => {
    const due = Date.UTC(2026, 5, 1, 8);
    const now = due + 3 * DAY + HOUR;
    const { dueAt, remindAt } = nextOccurrence({ dueAt: due, remindAt: due - HOUR, recurrence: 'daily' }, 'UTC', now);
    expect(dueAt).toBe(due + 4 * DAY);
    expect(remindAt).toBe(due + 4 * DAY - HOUR);
  });
});

describe('My tasks groups', () => {
  it('overdue once the due time passed, today until local midnight, upcoming after', () => {
    const now = Date.UTC(2026, 2, 2, 12); // 20:00 in Shanghai
    expect(taskGroup(now - 1, now, 'Asia/Shanghai')).toBe('overdue');
    expect(taskGroup(now, now, 'Asia/Shanghai')).toBe('today');
    expect(taskGroup(Date.UTC(2026, 2, 2, 15, 59), now, 'Asia/Shanghai')).toBe('today');
    expect(taskGroup(Date.UTC(2026, 2, 2, 16), now, 'Asia/Shanghai')).toBe('upcoming');
    // In London the same instant is noon: the evening is still today.
    expect(taskGroup(Date.UTC(2026, 2, 2, 23), now, 'Europe/London')).toBe('today');
  });
});
