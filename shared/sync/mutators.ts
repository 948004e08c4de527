/**
 * The named, versioned mutators: every change a person makes, written once and run twice —
 * optimistically by Core against the local cache, authoritatively by the server (SYNC.md). A
 * mutator reads and writes whole records through MutatorTx, enforces the business rules and
 * permissions, and either returns (applied), returns conflicts (a guarded field moved since the
 * person saw it), or throws an AppError (rejected: RULE_VIOLATION, FORBIDDEN, NOT_FOUND).
 *
 * Replaying a mutator on top of a state that already holds its effects changes nothing: ids of
 * new records come from the arguments or from ctx.newId(), which is deterministic per mutation.
 * That is what lets the client rebase pending mutations over every pulled page.
 */
import { z } from 'zod';
import { AppError, validationError } from '../contract/errors.ts';
import {
  CustomerType,
  Channel,
  EscalationTier,
  InteractionKind,
  FeedbackKind,
  TicketPriority,
  TicketStatus,
  TicketType,
} from '../domain/enums.ts';
import { Account, Contact, Feedback, Id, Macro, SavedView, Task } from '../domain/records.ts';
import { deterministicId } from '../ids.ts';
import type { Message, Ticket, TicketEventKind } from '../domain/records.ts';
import { canEditAccount, canManageMacros, canMoveToTeam, canSeeTicket, canShareViews } from '../domain/permissions.ts';
import { unseenMessages } from '../domain/unseen-messages.ts';
import { checkTransition, isEditable, onCustomerReply, statusAfterAgentReply } from '../domain/ticket-status.ts';
import type { ConflictDetail, SyncEntity } from './protocol.ts';
import type { MutatorContext, MutatorTx } from './tx.ts';

export type MutatorOutcome = void | { conflicts: ConflictDetail[] };

export interface MutatorContextWithIds extends MutatorContext {
  /** A fresh id that is the same on the client and the server for the same mutation. */
  newId(): string;
}

/**
 * ctx.newId for one mutation: the client (optimistically) and the server (authoritatively) name
 * the records a mutation creates identically, from the client id, the mutation id and a counter.
 */
export function mutationIdFactory(clientId: string, mutationId: number): () => string {
  let counter = 0;
  return () => deterministicId(clientId, mutationId, counter++);
}

/** The record a mutation is about: sync issues are labelled by it, history is filed under it. */
export interface MutationSubject {
  entity: SyncEntity;
  id: string;
}

/**
 * "Apply mine" after a conflict: the same change again, now based on the values the server holds
 * (each conflict's `theirs`), so the server applies it unless they moved once more. Null: this
 * conflict cannot be re-applied (the person makes the change again). A mutator that never returns
 * conflicts says so with 'never-conflicts'.
 */
type ApplyMine<A extends z.ZodType> = ((args: z.output<A>, conflicts: ConflictDetail[]) => z.input<A> | null) | 'never-conflicts';

interface Mutator<A extends z.ZodType> {
  args: A;
  /** Which record the mutation is about, read from its arguments. */
  subject: { entity: SyncEntity; id: (args: z.output<A>) => string };
  applyMine: ApplyMine<A>;
  apply(tx: MutatorTx, args: z.output<A>, ctx: MutatorContextWithIds): MutatorOutcome;
}

const define = <A extends z.ZodType>(m: Mutator<A>): Mutator<A> => m;

const Body = z.string().trim().min(1).max(100_000);
const TagList = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[^\s,]+$/),
  )
  .max(50);

function rejected(code: 'RULE_VIOLATION' | 'FORBIDDEN' | 'NOT_FOUND', message: string): never {
  throw new AppError(code, message);
}

function visibleTicket(tx: MutatorTx, ctx: MutatorContext, id: string): Ticket {
  const ticket = tx.get('ticket', id);
  if (!ticket || ticket.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', `ticket ${id} does not exist`);
  const account = ticket.accountId ? tx.get('account', ticket.accountId) : null;
  if (!canSeeTicket(ctx.actor, ticket, account)) return rejected('NOT_FOUND', `ticket ${id} does not exist`);
  return ticket;
}

function editableTicket(tx: MutatorTx, ctx: MutatorContext, id: string): Ticket {
  const ticket = visibleTicket(tx, ctx, id);
  if (!isEditable(ticket.status)) rejected('RULE_VIOLATION', `ticket ${ticket.number ?? id} is closed`);
  return ticket;
}

function logEvent(tx: MutatorTx, ctx: MutatorContextWithIds, ticketId: string, kind: TicketEventKind, from: unknown, to: unknown): void {
  tx.put('ticket_event', {
    id: ctx.newId(),
    tenantId: ctx.actor.tenantId,
    ticketId,
    kind,
    actorId: ctx.actor.id,
    from: (from ?? null) as never,
    to: (to ?? null) as never,
    at: ctx.now,
  });
}

function systemMessage(tx: MutatorTx, ctx: MutatorContextWithIds, ticket: Ticket, body: string): Ticket {
  tx.put('message', {
    id: ctx.newId(),
    tenantId: ticket.tenantId,
    ticketId: ticket.id,
    kind: 'system',
    authorType: 'system',
    authorId: null,
    body,
    channel: ticket.channel,
    version: 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  return { ...ticket, messageCount: ticket.messageCount + 1, lastMessageAt: ctx.now };
}

/** A guarded field: applied if the person saw the current value (or asks for it); else a conflict. */
function guard(
  ticket: Ticket,
  field: 'status' | 'assigneeId' | 'teamId' | 'subject',
  base: unknown,
  mine: unknown,
  lastChange: { by: string | null; at: number } | null,
): ConflictDetail | null {
  const theirs = ticket[field];
  if (theirs === base || theirs === mine) return null;
  return {
    entity: 'ticket',
    entityId: ticket.id,
    field,
    base: (base ?? null) as never,
    theirs: (theirs ?? null) as never,
    mine: (mine ?? null) as never,
    theirsBy: lastChange?.by ?? null,
    theirsAt: lastChange?.at ?? ticket.updatedAt,
  };
}

function touch(ticket: Ticket, ctx: MutatorContext): Ticket {
  return { ...ticket, updatedAt: Math.max(ctx.now, ticket.updatedAt) };
}

const NewTicket = z.object({
  id: Id,
  subject: z.string().trim().min(1).max(500),
  priority: TicketPriority.default('normal'),
  type: TicketType.default('question'),
  channel: Channel,
  requesterId: Id,
  teamId: Id,
  assigneeId: Id.nullable().default(null),
  tags: TagList.default([]),
  status: TicketStatus.exclude(['closed']).optional(),
});

function appendMessage(
  tx: MutatorTx,
  ctx: MutatorContextWithIds,
  ticket: Ticket,
  msg: { id: string; kind: 'reply' | 'note' | 'inbound'; body: string; contactId: string | null },
): Ticket {
  tx.put('message', {
    id: msg.id,
    tenantId: ticket.tenantId,
    ticketId: ticket.id,
    kind: msg.kind,
    authorType: msg.kind === 'inbound' ? 'contact' : 'agent',
    authorId: msg.kind === 'inbound' ? msg.contactId : ctx.actor.id,
    body: msg.body,
    channel: ticket.channel,
    version: 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  logEvent(tx, ctx, ticket.id, 'message', null, { messageId: msg.id, kind: msg.kind });
  const next = { ...ticket, messageCount: ticket.messageCount + 1, lastMessageAt: ctx.now, updatedAt: ctx.now };
  if (msg.kind === 'reply' && next.firstReplyAt === null) next.firstReplyAt = ctx.now;
  return next;
}

function setStatus(tx: MutatorTx, ctx: MutatorContextWithIds, ticket: Ticket, status: Ticket['status']): Ticket {
  if (ticket.status === status) return ticket;
  logEvent(tx, ctx, ticket.id, 'status', ticket.status, status);
  return {
    ...ticket,
    status,
    solvedAt: status === 'solved' ? ctx.now : ticket.solvedAt,
    closedAt: status === 'closed' ? ctx.now : ticket.closedAt,
    updatedAt: ctx.now,
  };
}

/** The conflict field of a reply written without having seen the newest messages. */
export const STALE_REPLY_FIELD = 'newerMessages';

/** A message the person had not seen, as a stale-reply conflict carries it (the body shortened). */
export interface UnseenMessage {
  id: string;
  kind: 'inbound' | 'reply';
  authorId: string | null;
  at: number;
  body: string;
}

/** What the customer and colleagues wrote after `seenMessageId` (unseenMessages), as a conflict; null when nothing. */
function staleReply(
  tx: MutatorTx,
  ctx: MutatorContext,
  ticketId: string,
  seenMessageId: string | null,
  body: string,
): ConflictDetail | null {
  const unseen: UnseenMessage[] = unseenMessages(tx.messagesOf(ticketId), seenMessageId, ctx.actor.id).map((m) => ({
    id: m.id,
    kind: m.kind,
    authorId: m.authorId,
    at: m.createdAt,
    body: m.body.slice(0, 2000),
  }));
  const newest = unseen.at(-1);
  if (!newest) return null;
  return {
    entity: 'ticket',
    entityId: ticketId,
    field: STALE_REPLY_FIELD,
    base: seenMessageId,
    theirs: unseen as never,
    mine: body,
    theirsBy: newest.authorId,
    theirsAt: newest.at,
  };
}

/** Who last changed a guarded field and when, for the conflict the person is shown. */
function lastChange(tx: MutatorTx, ticketId: string, kind: TicketEventKind): { by: string | null; at: number } | null {
  const event = tx.lastEvent(ticketId, kind);
  return event ? { by: event.actorId, at: event.at } : null;
}

export const mutators = {
  'ticket.create': define({
    args: z.object({
      ticket: NewTicket,
      message: z.object({ id: Id, kind: z.enum(['inbound', 'reply', 'note']), body: Body }),
      /** An agent replying on a closed ticket: the new ticket follows it up and is linked to it. */
      followUpOfId: Id.optional(),
    }),
    subject: { entity: 'ticket', id: (a) => a.ticket.id },
    applyMine: 'never-conflicts',
    apply(tx, { ticket: t, message, followUpOfId }, ctx) {
      if (tx.get('ticket', t.id)) return; // replay
      const requester = tx.get('contact', t.requesterId);
      if (!requester || requester.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'the requester does not exist');
      if (followUpOfId !== undefined) {
        const original = visibleTicket(tx, ctx, followUpOfId);
        // Only closed tickets get follow-ups: any other one still takes the reply itself.
        if (original.status !== 'closed') rejected('RULE_VIOLATION', `ticket ${original.number ?? original.id} is not closed`);
        if (original.requesterId !== requester.id) rejected('RULE_VIOLATION', 'a follow-up is for the same requester');
      }
      if (!tx.get('team', t.teamId) || !canMoveToTeam(ctx.actor, t.teamId))
        rejected('FORBIDDEN', 'you cannot create tickets for that team');
      // The same rule as ticket.assign: a ticket's assignee is an active member of its team.
      if (t.assigneeId !== null) {
        const assignee = tx.get('user', t.assigneeId);
        if (!assignee || !assignee.active || assignee.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that person does not exist');
        if (!assignee.teamIds.includes(t.teamId)) rejected('RULE_VIOLATION', `${assignee.name} is not in that team`);
      }
      let ticket: Ticket = {
        id: t.id,
        tenantId: ctx.actor.tenantId,
        version: 0,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        number: tx.nextTicketNumber(),
        subject: t.subject,
        status: t.status ?? (message.kind === 'reply' ? 'open' : 'new'),
        priority: t.priority,
        type: t.type,
        channel: t.channel,
        requesterId: requester.id,
        accountId: requester.accountId,
        teamId: t.teamId,
        assigneeId: t.assigneeId,
        tags: [...new Set(t.tags)].sort(),
        escalationTier: 1,
        slaPolicyId: null,
        firstReplyDueAt: null,
        nextReplyDueAt: null,
        resolutionDueAt: null,
        firstReplyAt: null,
        solvedAt: null,
        closedAt: null,
        lastMessageAt: ctx.now,
        messageCount: 0,
        mergedIntoId: null,
        followUpOfId: followUpOfId ?? null,
      };
      logEvent(tx, ctx, ticket.id, 'created', null, {
        status: ticket.status,
        priority: ticket.priority,
        channel: ticket.channel,
        ...(followUpOfId ? { followUpOf: followUpOfId } : {}),
      });
      ticket = appendMessage(tx, ctx, ticket, { ...message, contactId: requester.id });
      tx.put('ticket', ticket);
      if (followUpOfId) tx.put('ticket_link', linkRow(ctx, ticket.id, followUpOfId, 'follow_up'));
    },
  }),

  'message.append': define({
    args: z.object({
      id: Id,
      ticketId: Id,
      kind: z.enum(['reply', 'note', 'inbound']),
      body: Body,
      /** For a public reply: the status to submit it as (Zendesk's "submit as"). */
      statusAfter: TicketStatus.exclude(['new']).optional(),
      /**
       * For a public reply: the newest message the person had seen on the ticket (null: none).
       * When the customer or a colleague wrote since, the reply does not go out: the mutation is a
       * conflict on 'newerMessages' (theirs: those messages), so the person reads them first and
       * sends anyway, edits or discards (STALE_REPLY_FIELD). Absent: no check.
       */
      seenMessageId: Id.nullable().optional(),
    }),
    subject: { entity: 'ticket', id: (a) => a.ticketId },
    // Send the reply anyway, now having seen the messages that held it back: the newest becomes
    // the new "seen" mark, so anything newer still holds it back again.
    applyMine(args, conflicts) {
      const unseen = conflicts.find((c) => c.field === STALE_REPLY_FIELD)?.theirs;
      const newest = Array.isArray(unseen) ? (unseen as { id?: unknown }[]).at(-1)?.id : undefined;
      return typeof newest === 'string' ? { ...args, seenMessageId: newest } : null;
    },
    apply(tx, args, ctx) {
      if (tx.get('message', args.id)) return; // replay
      const ticket = visibleTicket(tx, ctx, args.ticketId);
      if (args.kind === 'inbound') {
        const outcome = onCustomerReply(ticket.status);
        if (outcome.kind === 'follow_up') {
          // A closed ticket stays closed: the customer's message opens a follow-up linked to it.
          const followUpId = ctx.newId();
          let followUp: Ticket = {
            ...ticket,
            id: followUpId,
            number: tx.nextTicketNumber(),
            status: 'new',
            createdAt: ctx.now,
            updatedAt: ctx.now,
            version: 0,
            messageCount: 0,
            firstReplyAt: null,
            solvedAt: null,
            closedAt: null,
            mergedIntoId: null,
            followUpOfId: ticket.id,
            escalationTier: 1,
          };
          logEvent(tx, ctx, followUpId, 'created', null, { followUpOf: ticket.id });
          followUp = appendMessage(tx, ctx, followUp, { id: args.id, kind: 'inbound', body: args.body, contactId: ticket.requesterId });
          tx.put('ticket', followUp);
          tx.put('ticket_link', linkRow(ctx, followUpId, ticket.id, 'follow_up'));
          return;
        }
        const next = appendMessage(tx, ctx, ticket, { id: args.id, kind: 'inbound', body: args.body, contactId: ticket.requesterId });
        tx.put('ticket', setStatus(tx, ctx, next, outcome.status));
        return;
      }
      if (!isEditable(ticket.status)) rejected('RULE_VIOLATION', `ticket ${ticket.number ?? ticket.id} is closed`);
      if (args.kind === 'reply' && args.seenMessageId !== undefined) {
        const stale = staleReply(tx, ctx, ticket.id, args.seenMessageId, args.body);
        if (stale) return { conflicts: [stale] };
      }
      let next = appendMessage(tx, ctx, ticket, { id: args.id, kind: args.kind, body: args.body, contactId: null });
      if (args.kind === 'reply') next = setStatus(tx, ctx, next, statusAfterAgentReply(ticket.status, args.statusAfter));
      tx.put('ticket', next);
    },
  }),

  'ticket.setStatus': define({
    args: z.object({ id: Id, status: TicketStatus, base: TicketStatus }),
    subject: { entity: 'ticket', id: (a) => a.id },
    applyMine(args, conflicts) {
      const status = conflicts.find((c) => c.field === 'status');
      return status ? { id: args.id, status: status.mine as TicketStatus, base: status.theirs as TicketStatus } : null;
    },
    apply(tx, args, ctx) {
      const ticket = editableTicket(tx, ctx, args.id);
      const conflict = guard(ticket, 'status', args.base, args.status, lastChange(tx, ticket.id, 'status'));
      if (conflict) return { conflicts: [conflict] };
      if (ticket.status === args.status) return;
      const check = checkTransition(ticket.status, args.status);
      if (!check.ok) rejected('RULE_VIOLATION', `cannot move a ${ticket.status} ticket to ${args.status} (${check.reason})`);
      tx.put('ticket', setStatus(tx, ctx, ticket, args.status));
    },
  }),

  'ticket.assign': define({
    args: z.object({
      id: Id,
      assigneeId: Id.nullable(),
      teamId: Id,
      base: z.object({ assigneeId: Id.nullable(), teamId: Id }),
    }),
    subject: { entity: 'ticket', id: (a) => a.id },
    applyMine(args, conflicts) {
      const base = { ...args.base };
      for (const c of conflicts) if (c.field === 'assigneeId' || c.field === 'teamId') base[c.field] = c.theirs as never;
      return { ...args, base };
    },
    apply(tx, args, ctx) {
      const ticket = editableTicket(tx, ctx, args.id);
      const conflicts = [
        guard(ticket, 'assigneeId', args.base.assigneeId, args.assigneeId, lastChange(tx, ticket.id, 'assignee')),
        guard(ticket, 'teamId', args.base.teamId, args.teamId, lastChange(tx, ticket.id, 'team')),
      ].filter((c): c is ConflictDetail => c !== null);
      if (conflicts.length) return { conflicts };
      if (!tx.get('team', args.teamId) || !canMoveToTeam(ctx.actor, args.teamId))
        rejected('FORBIDDEN', 'you cannot move tickets to that team');
      if (args.assigneeId !== null) {
        const assignee = tx.get('user', args.assigneeId);
        if (!assignee || !assignee.active || assignee.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that person does not exist');
        if (!assignee.teamIds.includes(args.teamId)) rejected('RULE_VIOLATION', `${assignee.name} is not in that team`);
      }
      let next = ticket;
      if (ticket.teamId !== args.teamId) {
        logEvent(tx, ctx, ticket.id, 'team', ticket.teamId, args.teamId);
        next = { ...next, teamId: args.teamId };
      }
      if (ticket.assigneeId !== args.assigneeId) {
        logEvent(tx, ctx, ticket.id, 'assignee', ticket.assigneeId, args.assigneeId);
        next = { ...next, assigneeId: args.assigneeId };
      }
      if (next !== ticket) tx.put('ticket', touch(next, ctx));
    },
  }),

  'ticket.update': define({
    args: z
      .object({
        id: Id,
        priority: TicketPriority.optional(),
        type: TicketType.optional(),
        channel: Channel.optional(),
        subject: z.string().trim().min(1).max(500).optional(),
        /** The subject the person edited; long text is guarded (both kept on conflict). */
        baseSubject: z.string().optional(),
      })
      .refine((a) => a.subject === undefined || a.baseSubject !== undefined, {
        message: 'a subject change needs baseSubject',
        path: ['baseSubject'],
      }),
    subject: { entity: 'ticket', id: (a) => a.id },
    // Only the subject is guarded; the other fields were applied with the conflict.
    applyMine(args, conflicts) {
      const subject = conflicts.find((c) => c.field === 'subject');
      return subject ? { id: args.id, subject: subject.mine as string, baseSubject: subject.theirs as string } : null;
    },
    apply(tx, args, ctx) {
      const ticket = editableTicket(tx, ctx, args.id);
      let next = ticket;
      const conflicts: ConflictDetail[] = [];
      // Priority, type and channel: last writer wins in server order.
      for (const field of ['priority', 'type', 'channel'] as const) {
        const value = args[field];
        if (value !== undefined && value !== next[field]) {
          if (field !== 'channel') logEvent(tx, ctx, ticket.id, field, next[field], value);
          next = { ...next, [field]: value };
        }
      }
      if (args.subject !== undefined) {
        const conflict = guard(ticket, 'subject', args.baseSubject, args.subject, null);
        if (conflict) conflicts.push(conflict);
        else next = { ...next, subject: args.subject };
      }
      if (next !== ticket) tx.put('ticket', touch(next, ctx));
      if (conflicts.length) return { conflicts };
    },
  }),

  'ticket.tags': define({
    args: z.object({ id: Id, add: TagList.default([]), remove: TagList.default([]) }),
    subject: { entity: 'ticket', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const ticket = editableTicket(tx, ctx, args.id);
      // Add and remove commute, so concurrent tag edits from several people all survive.
      const tags = new Set(ticket.tags);
      for (const t of args.add) tags.add(t);
      for (const t of args.remove) tags.delete(t);
      const next = [...tags].sort();
      if (next.join(',') === ticket.tags.join(',')) return;
      logEvent(tx, ctx, ticket.id, 'tags', ticket.tags, next);
      tx.put('ticket', touch({ ...ticket, tags: next }, ctx));
    },
  }),

  'ticket.escalate': define({
    args: z.object({ id: Id, tier: EscalationTier, reason: z.string().trim().min(1).max(2000) }),
    subject: { entity: 'ticket', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const ticket = editableTicket(tx, ctx, args.id);
      if (args.tier <= ticket.escalationTier) rejected('RULE_VIOLATION', `ticket is already at tier ${ticket.escalationTier}`);
      logEvent(tx, ctx, ticket.id, 'escalated', ticket.escalationTier, { tier: args.tier, reason: args.reason });
      const next = systemMessage(tx, ctx, { ...ticket, escalationTier: args.tier }, `Escalated to tier ${args.tier}: ${args.reason}`);
      tx.put('ticket', touch(next, ctx));
    },
  }),

  'ticket.merge': define({
    args: z
      .object({ sourceId: Id, targetId: Id })
      .refine((a) => a.sourceId !== a.targetId, { message: 'a ticket cannot be merged into itself' }),
    subject: { entity: 'ticket', id: (a) => a.sourceId },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const source = visibleTicket(tx, ctx, args.sourceId);
      if (source.mergedIntoId === args.targetId) return; // replay
      if (!isEditable(source.status)) rejected('RULE_VIOLATION', 'a closed ticket cannot be merged');
      const target = editableTicket(tx, ctx, args.targetId);
      // The threads combine in time order: the source's messages move to the target.
      const moved: Message[] = tx.messagesOf(source.id).filter((m) => m.kind !== 'system');
      for (const m of moved) tx.put('message', { ...m, ticketId: target.id, updatedAt: ctx.now });
      const lastMoved = moved.reduce((t, m) => Math.max(t, m.createdAt), 0);
      let nextTarget: Ticket = {
        ...target,
        messageCount: target.messageCount + moved.length,
        lastMessageAt: Math.max(target.lastMessageAt, lastMoved),
        tags: [...new Set([...target.tags, ...source.tags])].sort(),
      };
      nextTarget = systemMessage(tx, ctx, nextTarget, `Merged ticket #${source.number ?? '?'} into this one`);
      let nextSource: Ticket = { ...source, messageCount: source.messageCount - moved.length, mergedIntoId: target.id };
      nextSource = systemMessage(tx, ctx, nextSource, `Merged into ticket #${target.number ?? '?'}`);
      nextSource = setStatus(tx, ctx, nextSource, 'closed');
      logEvent(tx, ctx, source.id, 'merged', null, { into: target.id });
      logEvent(tx, ctx, target.id, 'merged', null, { from: source.id });
      tx.put('ticket_link', linkRow(ctx, source.id, target.id, 'duplicate'));
      tx.put('ticket', touch(nextTarget, ctx));
      tx.put('ticket', touch(nextSource, ctx));
    },
  }),

  'ticket.link': define({
    args: z.object({ id: Id, otherId: Id }).refine((a) => a.id !== a.otherId, { message: 'a ticket cannot be linked to itself' }),
    subject: { entity: 'ticket', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      visibleTicket(tx, ctx, args.id);
      visibleTicket(tx, ctx, args.otherId);
      const link = linkRow(ctx, args.id, args.otherId, 'related');
      if (tx.get('ticket_link', link.id)) return;
      tx.put('ticket_link', link);
      logEvent(tx, ctx, args.id, 'linked', null, { ticketId: args.otherId });
      logEvent(tx, ctx, args.otherId, 'linked', null, { ticketId: args.id });
    },
  }),

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
      tx.put('contact', {
        ...args,
        tenantId: ctx.actor.tenantId,
        version: existing?.version ?? 0,
        createdAt: existing?.createdAt ?? ctx.now,
        updatedAt: ctx.now,
      });
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
        authorId: ctx.actor.id,
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
      tx.put('task', {
        ...args,
        completedAt: existing?.completedAt ?? null,
        tenantId: ctx.actor.tenantId,
        version: existing?.version ?? 0,
        createdAt: existing?.createdAt ?? ctx.now,
        updatedAt: ctx.now,
      });
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

  'macro.upsert': define({
    args: Macro.omit({ tenantId: true, version: true, createdAt: true, updatedAt: true }),
    subject: { entity: 'macro', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const existing = tx.get('macro', args.id);
      if (existing && existing.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that macro does not exist');
      const isShared = args.ownerId === null || existing?.ownerId === null;
      if (isShared ? !canManageMacros(ctx.actor) : args.ownerId !== ctx.actor.id) rejected('FORBIDDEN', 'you cannot edit this macro');
      // A macro naming a team or person that does not exist would fail on every ticket it is applied to.
      const { teamId, assigneeId } = args.actions;
      if (teamId !== undefined && tx.get('team', teamId)?.tenantId !== ctx.actor.tenantId)
        rejected('NOT_FOUND', 'that team does not exist');
      if (assigneeId && tx.get('user', assigneeId)?.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that person does not exist');
      tx.put('macro', {
        ...args,
        tenantId: ctx.actor.tenantId,
        version: existing?.version ?? 0,
        createdAt: existing?.createdAt ?? ctx.now,
        updatedAt: ctx.now,
      });
    },
  }),

  'view.upsert': define({
    args: SavedView.omit({ tenantId: true, version: true, createdAt: true, updatedAt: true }),
    subject: { entity: 'saved_view', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const existing = tx.get('saved_view', args.id);
      if (existing && existing.tenantId !== ctx.actor.tenantId) rejected('NOT_FOUND', 'that view does not exist');
      const isShared = args.ownerId === null || existing?.ownerId === null;
      if (isShared ? !canShareViews(ctx.actor) : args.ownerId !== ctx.actor.id) rejected('FORBIDDEN', 'you cannot edit this view');
      tx.put('saved_view', {
        ...args,
        tenantId: ctx.actor.tenantId,
        version: existing?.version ?? 0,
        createdAt: existing?.createdAt ?? ctx.now,
        updatedAt: ctx.now,
      });
    },
  }),

  'view.delete': define({
    args: z.object({ id: Id }),
    subject: { entity: 'saved_view', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const existing = tx.get('saved_view', args.id);
      if (!existing) return;
      if (existing.ownerId === null ? !canShareViews(ctx.actor) : existing.ownerId !== ctx.actor.id)
        rejected('FORBIDDEN', 'you cannot delete this view');
      tx.del('saved_view', args.id);
    },
  }),
} as const;

function linkRow(ctx: MutatorContext, a: string, b: string, kind: 'related' | 'duplicate' | 'follow_up') {
  // One link per pair and kind, whichever side asked: the id is named by the sorted pair.
  const [first, second] = a < b ? [a, b] : [b, a];
  return {
    id: deterministicId('ticket_link', first, second, kind),
    tenantId: ctx.actor.tenantId,
    ticketId: a,
    otherTicketId: b,
    kind,
    version: 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

export type Mutators = typeof mutators;
export type MutatorName = keyof Mutators;
export type MutatorArgs<N extends MutatorName> = z.input<Mutators[N]['args']>;
export const MUTATOR_NAMES = Object.keys(mutators) as MutatorName[];

export function isMutatorName(name: unknown): name is MutatorName {
  return typeof name === 'string' && Object.hasOwn(mutators, name);
}

/** A mutator seen through its general shape, for the functions that work on any of them by name. */
function mutatorNamed(name: string): Mutator<z.ZodType> | null {
  return isMutatorName(name) ? (mutators[name] as unknown as Mutator<z.ZodType>) : null;
}

/**
 * Runs one mutation: validates its arguments (a malformed one is rejected with VALIDATION, like
 * any other bad input) and applies it. Both the client and the server call exactly this.
 */
export function runMutation(tx: MutatorTx, name: string, rawArgs: unknown, ctx: MutatorContextWithIds): MutatorOutcome {
  const mutator = mutatorNamed(name);
  if (!mutator) throw new AppError('VALIDATION', `no mutator named ${JSON.stringify(name.slice(0, 64))}`);
  const parsed = mutator.args.safeParse(rawArgs);
  if (!parsed.success) throw validationError(`arguments of ${name}`, parsed.error);
  return mutator.apply(tx, parsed.data, ctx);
}

/** The record a mutation is about (its mutator's subject); null when no mutator takes these arguments. */
export function subjectOf(name: string, rawArgs: unknown): MutationSubject | null {
  const mutator = mutatorNamed(name);
  const parsed = mutator?.args.safeParse(rawArgs);
  if (!mutator || !parsed?.success) return null;
  return { entity: mutator.subject.entity, id: mutator.subject.id(parsed.data) };
}

/**
 * "Apply mine" for a conflicted mutation: the mutation to run instead, the same change based on
 * the server's values (its mutator's applyMine). Role checks happen on the server again. Throws
 * RULE_VIOLATION when the conflict cannot be re-applied and the person has to make the change again.
 */
export function reapplyMine(name: string, rawArgs: unknown, conflicts: ConflictDetail[]): { name: MutatorName; args: unknown } {
  const mutator = mutatorNamed(name);
  const parsed = mutator?.args.safeParse(rawArgs);
  const again = mutator && parsed?.success && mutator.applyMine !== 'never-conflicts' ? mutator.applyMine(parsed.data, conflicts) : null;
  if (again === null) throw new AppError('RULE_VIOLATION', `a conflict of ${name} cannot be re-applied; make the change again`);
  return { name: name as MutatorName, args: again };
}
