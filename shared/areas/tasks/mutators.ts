/**
 * The tasks area's mutators: follow-ups with a due time, an optional reminder and recurrence,
 * about an account, a contact or a ticket (docs/tasks.md). Create and edit are one upsert;
 * complete and reopen one `done` flag.
 */
import { z } from 'zod';
import { TaskRecurrence } from '../../domain/enums.ts';
import { Id, Task } from '../../domain/records.ts';
import { canAssignTask } from '../../domain/permissions.ts';
import { canSeeStored } from '../../sync/record-visibility.ts';
import { nextOccurrence } from '../../domain/tasks.ts';
import { deterministicId } from '../../ids.ts';
import { define, rejected, upserted } from '../../sync/define-mutator.ts';
import type { MutatorContext, MutatorTx } from '../../sync/tx.ts';
import { checkNoteTargets } from '../accounts/mutators.ts';

/** A task the actor may see, or NOT_FOUND (someone else's task is as good as absent). */
function visibleTask(tx: MutatorTx, ctx: MutatorContext, id: string) {
  const task = tx.get('task', id);
  if (!task || !canSeeStored(tx, ctx.actor, 'task', task)) return rejected('NOT_FOUND', 'that task does not exist');
  return task;
}

/**
 * The id of the occurrence that follows a repeating task: named from the task, so completing it,
 * reopening it and completing it again (on any console) never makes a second one.
 */
export function nextOccurrenceId(taskId: string): string {
  return deterministicId('task-next', taskId);
}

export const taskMutators = {
  'task.upsert': define({
    args: Task.omit({
      tenantId: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      completedAt: true,
      contactId: true,
      recurrence: true,
    }).extend({
      notes: Task.shape.notes.default(''),
      contactId: Id.nullable().default(null),
      recurrence: TaskRecurrence.nullable().default(null),
    }),
    subject: { entity: 'task', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const existing = tx.get('task', args.id);
      if (existing && !canSeeStored(tx, ctx.actor, 'task', existing)) rejected('NOT_FOUND', 'that task does not exist');
      if (args.remindAt !== null && args.remindAt > args.dueAt) rejected('RULE_VIOLATION', 'the reminder comes after the task is due');
      checkNoteTargets(tx, ctx, args);
      const assignee = tx.get('user', args.assigneeId);
      if (!assignee || !assignee.active || assignee.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that person does not exist');
      if (existing?.assigneeId !== args.assigneeId) {
        const account = args.accountId === null ? null : tx.get('account', args.accountId);
        if (!canAssignTask(ctx.actor, args.assigneeId, account)) rejected('FORBIDDEN', 'you cannot give this task to that person');
      }
      // That the person still sees the task as it will be is the reach guard's check (reach-guard.ts).
      tx.put('task', upserted({ ...args, completedAt: existing?.completedAt ?? null }, existing, ctx));
    },
  }),

  /** Completes (`done`) or reopens a task; completing a repeating one creates its next occurrence. */
  'task.complete': define({
    args: z.object({ id: Id, done: z.boolean() }),
    subject: { entity: 'task', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const task = visibleTask(tx, ctx, args.id);
      if ((task.completedAt !== null) === args.done) return;
      tx.put('task', { ...task, completedAt: args.done ? ctx.now : null, updatedAt: ctx.now });
      if (!args.done || task.recurrence === null) return;
      const nextId = nextOccurrenceId(task.id);
      if (tx.get('task', nextId)) return;
      const timeZone = tx.get('tenant', ctx.actor.tenantId)?.timeZone ?? 'UTC';
      const next = nextOccurrence({ ...task, recurrence: task.recurrence }, timeZone, ctx.now);
      tx.put('task', { ...task, ...next, id: nextId, completedAt: null, version: 0, createdAt: ctx.now, updatedAt: ctx.now });
    },
  }),

  'task.delete': define({
    args: z.object({ id: Id }),
    subject: { entity: 'task', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      // Deleting what is already gone changes nothing (a second console, a replay).
      if (!tx.get('task', args.id)) return;
      visibleTask(tx, ctx, args.id);
      tx.del('task', args.id);
    },
  }),
} as const;
