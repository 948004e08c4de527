/** The accounts area's mutators: contacts, account fields and notes, interactions and feedback (tasks: areas/tasks). */
import { z } from 'zod';
import { CustomerType, FeedbackKind } from '../../domain/enums.ts';
import { Account, Contact, Feedback, Id, Interaction } from '../../domain/records.ts';
import { canEditAccount } from '../../domain/permissions.ts';
import { define, rejected, upserted } from '../../sync/define-mutator.ts';
import type { MutatorContext, MutatorTx } from '../../sync/tx.ts';
import { personOf } from '../../domain/actors.ts';
import { visibleTicket } from '../tickets/ticket-writes.ts';
import { Text } from '../../domain/text.ts';

/** An account of the person's tenant, or NOT_FOUND. */
function tenantAccount(tx: MutatorTx, ctx: MutatorContext, id: string) {
  const account = tx.get('account', id);
  if (!account || account.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', 'that account does not exist');
  return account;
}

/**
 * What a note about a customer (an interaction, feedback, a task) points at, checked: the account
 * and contact exist in the tenant, the ticket is one the person may see, and they agree with each
 * other (the contact is the account's, the ticket the account's), so nobody files a note under a
 * foreign ticket or a ticket under a foreign account.
 */
export function checkNoteTargets(
  tx: MutatorTx,
  ctx: MutatorContext,
  targets: { accountId: string | null; contactId?: string | null; ticketId: string | null },
): void {
  if (targets.accountId !== null) tenantAccount(tx, ctx, targets.accountId);
  if (targets.contactId) {
    const contact = tx.get('contact', targets.contactId);
    if (!contact || contact.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that contact does not exist');
    if (targets.accountId !== null && contact.accountId !== targets.accountId)
      rejected('RULE_VIOLATION', 'that contact is not one of the account’s');
  }
  if (targets.ticketId !== null) {
    const ticket = visibleTicket(tx, ctx, targets.ticketId);
    if (targets.accountId !== null && ticket.accountId !== targets.accountId)
      rejected('RULE_VIOLATION', 'that ticket is not one of the account’s');
  }
}

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
      const joins = args.accountId === null ? null : tenantAccount(tx, ctx, args.accountId);
      // Moving a contact between accounts changes both accounts' people: it takes the right to edit each.
      const leaves = existing?.accountId ? tx.get('account', existing.accountId) : null;
      if (existing && existing.accountId !== args.accountId && [leaves, joins].some((a) => a && !canEditAccount(ctx.actor, a)))
        rejected('FORBIDDEN', 'you cannot move this contact to that account');
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
        primaryContactId: true,
      }).partial(),
      /** The notes the person edited: on conflict both are kept (theirs stays; mine in the conflict). */
      baseNotes: Text.optional(),
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
      const { ownerId } = args.changes;
      if (ownerId && ownerId !== account.ownerId) {
        const owner = tx.get('user', ownerId);
        if (!owner || !owner.active || owner.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that person does not exist');
      }
      const { primaryContactId } = args.changes;
      if (primaryContactId && primaryContactId !== account.primaryContactId) {
        const contact = tx.get('contact', primaryContactId);
        if (!contact || contact.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that contact does not exist');
        if (contact.accountId !== account.id) rejected('RULE_VIOLATION', 'that contact is not one of the account’s');
      }
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
    // The record's own field rules (a time is never negative), the summary trimmed.
    args: Interaction.pick({
      id: true,
      accountId: true,
      contactId: true,
      ticketId: true,
      kind: true,
      occurredAt: true,
      durationMinutes: true,
      outcome: true,
    }).extend({
      summary: Interaction.shape.summary.trim().min(1),
    }),
    subject: { entity: 'interaction', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      if (tx.get('interaction', args.id)) return;
      checkNoteTargets(tx, ctx, args);
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

  'feedback.record': define({
    args: z.object({
      id: Id,
      kind: FeedbackKind,
      score: z.number().int(),
      comment: Text.max(5000).default(''),
      contactId: Id.nullable(),
      accountId: Id.nullable(),
      ticketId: Id.nullable(),
    }),
    subject: { entity: 'feedback', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      if (tx.get('feedback', args.id)) return;
      checkNoteTargets(tx, ctx, args);
      const row = { ...args, tenantId: ctx.actor.tenantId, version: 0, createdAt: ctx.now, updatedAt: ctx.now };
      const parsed = Feedback.safeParse(row);
      if (!parsed.success) rejected('RULE_VIOLATION', parsed.error.issues[0]?.message ?? 'invalid feedback');
      tx.put('feedback', row);
    },
  }),
} as const;
