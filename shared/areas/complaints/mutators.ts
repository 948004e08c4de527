/**
 * The complaints area's mutators: the tenant's complaint taxonomy (categories supervisors and
 * admins keep) and the marks an agent puts on a ticket: filed as a complaint under a category, and
 * the root cause recorded when it is solved. Each ticket change is logged as a ticket event, so the
 * history shows who marked it and the review can tell when.
 */
import { z } from 'zod';
import { isSystemActor } from '../../domain/actors.ts';
import { Id } from '../../domain/records.ts';
import type { Ticket } from '../../domain/records.ts';
import { overseesAll } from '../../sync/scopes.ts';
import {
  ComplaintCategoryFields,
  nameClaimId,
  normalizedCategoryName,
  RootCause,
  type ComplaintCategory,
} from '../../complaints/records.ts';
import { define, rejected, upserted, type MutatorContextWithIds } from '../../sync/define-mutator.ts';
import type { MutatorTx } from '../../sync/tx.ts';
import { editableTicket, logEvent, touch } from '../tickets/ticket-writes.ts';

function checkManager(ctx: MutatorContextWithIds): void {
  if (isSystemActor(ctx.actor) || !overseesAll(ctx.actor.role))
    rejected('FORBIDDEN', 'only supervisors and admins change the complaint categories');
}

/** The category in this tenant, or NOT_FOUND. */
function categoryOf(tx: MutatorTx, id: string, ctx: MutatorContextWithIds): ComplaintCategory {
  const row = tx.get('complaint_category', id);
  if (!row || row.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', 'that complaint category does not exist');
  return row;
}

/**
 * Claims the category's name (refused when another category holds it) and lets go of the name it
 * had, so a renamed category frees its old name for another.
 */
function claimName(tx: MutatorTx, category: { id: string; name: string }, before: ComplaintCategory | null, ctx: MutatorContextWithIds) {
  const claimId = nameClaimId(ctx.actor.tenantId, category.name);
  const claim = tx.get('complaint_category_name', claimId);
  if (claim && claim.categoryId !== category.id) rejected('RULE_VIOLATION', `a complaint category is already called “${category.name}”`);
  if (before && normalizedCategoryName(before.name) !== normalizedCategoryName(category.name))
    tx.del('complaint_category_name', nameClaimId(ctx.actor.tenantId, before.name));
  if (!claim) tx.put('complaint_category_name', upserted({ id: claimId, categoryId: category.id }, null, ctx));
}

function save(
  tx: MutatorTx,
  next: Omit<ComplaintCategory, 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>,
  before: ComplaintCategory | null,
  ctx: MutatorContextWithIds,
) {
  tx.put('complaint_category', upserted(next, before, ctx));
}

export const complaintMutators = {
  /** Creates a category (active) or edits one; its name must be free. */
  'complaintCategory.upsert': define({
    args: ComplaintCategoryFields.extend({ id: Id }),
    subject: { entity: 'complaint_category', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const before = tx.get('complaint_category', args.id);
      if (before && before.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that complaint category does not exist');
      claimName(tx, args, before, ctx);
      save(tx, { ...args, active: before?.active ?? true }, before, ctx);
    },
  }),

  /** A deactivated category is offered for no new complaint; tickets filed under it keep it. */
  'complaintCategory.setActive': define({
    args: z.object({ id: Id, active: z.boolean() }),
    subject: { entity: 'complaint_category', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const before = categoryOf(tx, args.id, ctx);
      if (before.active !== args.active) save(tx, { ...before, active: args.active }, before, ctx);
    },
  }),

  /** The categories in their new order: each named one takes its place in the list. */
  'complaintCategory.reorder': define({
    args: z.object({
      ids: z
        .array(Id)
        .min(1)
        .max(500)
        .refine((ids) => new Set(ids).size === ids.length, 'a category is named twice'),
    }),
    subject: { entity: 'complaint_category', id: (a) => a.ids[0]! },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      checkManager(ctx);
      const categories = args.ids.map((id) => categoryOf(tx, id, ctx));
      categories.forEach((c, position) => {
        if (c.position !== position) save(tx, { ...c, position }, c, ctx);
      });
    },
  }),

  /**
   * Files the ticket as a complaint under a category, moves it to another, or (null) takes the
   * mark off, keeping any root cause with the ticket's history. Anyone who may edit the ticket
   * may mark it; a deactivated category is not offered, but a ticket already under it keeps it.
   */
  'ticket.markComplaint': define({
    args: z.object({ id: Id, categoryId: Id.nullable() }),
    subject: { entity: 'ticket', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const ticket = editableTicket(tx, ctx, args.id);
      const current = ticket.complaintCategoryId ?? null;
      if (current === args.categoryId) return;
      if (args.categoryId !== null) {
        const category = categoryOf(tx, args.categoryId, ctx);
        if (!category.active) rejected('RULE_VIOLATION', `the complaint category “${category.name}” is deactivated`);
      }
      logEvent(tx, ctx, ticket, { kind: 'complaint', from: current, to: args.categoryId });
      const next: Ticket = { ...ticket, complaintCategoryId: args.categoryId ?? undefined };
      if (args.categoryId === null) delete next.complaintCategoryId;
      tx.put('ticket', touch(next, ctx));
    },
  }),

  /** Records what caused a complaint (asked when it is solved); only a complaint has one. */
  'ticket.setRootCause': define({
    args: z.object({ id: Id, rootCause: RootCause }),
    subject: { entity: 'ticket', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const ticket = editableTicket(tx, ctx, args.id);
      if (ticket.complaintCategoryId === undefined)
        rejected('RULE_VIOLATION', `ticket ${ticket.number ?? ticket.id} is not marked as a complaint`);
      if (ticket.rootCause === args.rootCause) return;
      logEvent(tx, ctx, ticket, { kind: 'root_cause', from: ticket.rootCause ?? null, to: args.rootCause });
      tx.put('ticket', touch({ ...ticket, rootCause: args.rootCause }, ctx));
    },
  }),
} as const;
