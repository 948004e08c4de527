/** The accounts area's mutators: contacts, account fields and notes, interactions, tasks and feedback. */
import { z } from 'zod';
import { CustomerType, FeedbackKind, InteractionKind } from '../../domain/enums.ts';
import { Account, Contact, Feedback, Id, Task } from '../../domain/records.ts';
import { canEditAccount } from '../../domain/permissions.ts';
import { define, rejected, upserted } from '../../sync/define-mutator.ts';
import { personOf } from '../../domain/actors.ts';

export const accountMutators = {
  'contact.upsert': define({
    args: Contact.omit({ tenantId: true, version: true, createdAt: true, updatedAt: true }).extend({
      customerType: CustomerType.default('first_time_buyer'),
    }),
    subject: { entity: 'contact', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const existing = tx.get('contact', args.id);
      if (existing && existing.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that contact does not exist');
      if (args.accountId && !tx.get('account', args.accountId)) rejected('NOT_FOUND', 'that account does not exist');
      tx.put('contact', upserted(args, existing, ctx));
    },
  }),

  'account.update': define({
    args: z.object({
      id: Id,
      changes: Account.pick({
        name: true,
        domain: true,
        tier: true,
        lifecycleStage: true,
        ownerId: true,
        renewalDate: true,
        annualValueMinor: true,
        currency: true,
        healthScore: true,
        notes: true,
      }).partial(),
      /** The notes the person edited: on conflict both are kept (theirs stays; mine in the conflict). */
      baseNotes: z.string().optional(),
    }),
    subject: { entity: 'account', id: (a) => a.id },
    // Only the notes are guarded; the other fields were applied with the conflict.
    applyMine(args, conflicts) {
      const notes = conflicts.find((c) => c.field === 'notes');
      return notes ? { id: args.id, changes: { notes: notes.mine as string }, baseNotes: notes.theirs as string } : null;
    },
    apply(tx, args, ctx) {
      const account = tx.get('account', args.id);
      if (!account || account.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', 'that account does not exist');
      if (!canEditAccount(ctx.actor, account)) rejected('FORBIDDEN', 'you cannot edit this account');
      const { notes, ...scalars } = args.changes;
      const next = { ...account, ...scalars, updatedAt: ctx.now };
      if (notes !== undefined) {
        if (args.baseNotes !== undefined && args.baseNotes !== account.notes && notes !== account.notes) {
          tx.put('account', next);
          return {
            conflicts: [
              {
                entity: 'account',
                entityId: account.id,
                field: 'notes',
                base: args.baseNotes,
                theirs: account.notes,
                mine: notes,
                theirsBy: null,
                theirsAt: account.updatedAt,
              },
            ],
          };
        }
        next.notes = notes;
      }
      tx.put('account', next);
    },
  }),

  'interaction.log': define({
    args: z.object({
      id: Id,
      accountId: Id,
      contactId: Id.nullable(),
      ticketId: Id.nullable(),
      kind: InteractionKind,
      summary: z.string().trim().min(1).max(20000),
      occurredAt: z.number().int(),
    }),
    subject: { entity: 'interaction', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      if (tx.get('interaction', args.id)) return;
      const account = tx.get('account', args.accountId);
      if (!account || account.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that account does not exist');
      tx.put('interaction', {
        ...args,
        tenantId: ctx.actor.tenantId,
        authorId: personOf(ctx.actor).id,
        version: 0,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
    },
  }),

  'task.upsert': define({
    args: Task.omit({ tenantId: true, version: true, createdAt: true, updatedAt: true, completedAt: true }),
    subject: { entity: 'task', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const existing = tx.get('task', args.id);
      if (existing && existing.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that task does not exist');
      tx.put('task', upserted({ ...args, completedAt: existing?.completedAt ?? null }, existing, ctx));
    },
  }),

  'task.complete': define({
    args: z.object({ id: Id, done: z.boolean() }),
    subject: { entity: 'task', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const task = tx.get('task', args.id);
      if (!task || task.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', 'that task does not exist');
      if ((task.completedAt !== null) === args.done) return;
      tx.put('task', { ...task, completedAt: args.done ? ctx.now : null, updatedAt: ctx.now });
    },
  }),

  'feedback.record': define({
    args: z.object({
      id: Id,
      kind: FeedbackKind,
      score: z.number().int(),
      comment: z.string().max(5000).default(''),
      contactId: Id.nullable(),
      accountId: Id.nullable(),
      ticketId: Id.nullable(),
    }),
    subject: { entity: 'feedback', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      if (tx.get('feedback', args.id)) return;
      const row = { ...args, tenantId: ctx.actor.tenantId, version: 0, createdAt: ctx.now, updatedAt: ctx.now };
      const parsed = Feedback.safeParse(row);
      if (!parsed.success) rejected('RULE_VIOLATION', parsed.error.issues[0]?.message ?? 'invalid feedback');
      tx.put('feedback', row);
    },
  }),
} as const;
