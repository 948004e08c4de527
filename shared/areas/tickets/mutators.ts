/**
 * The tickets area's mutators: creating tickets, the thread (message.append) and every change to
 * a ticket's fields, tags, escalation, merges and links. Rules are in shared/domain; how a ticket
 * is read and written is in ticket-writes.ts.
 */
import { z } from 'zod';
import { Channel, EscalationTier, TicketPriority, TicketStatus, TicketType } from '../../domain/enums.ts';
import { Id, Tag } from '../../domain/records.ts';
import type { Message, Ticket } from '../../domain/records.ts';
import { isSystemActor } from '../../domain/actors.ts';
import { canMoveToTeam } from '../../domain/permissions.ts';
import { overseesAll } from '../../sync/scopes.ts';
import { checkTransition, isEditable, onCustomerReply, statusAfterAgentReply } from '../../domain/ticket-status.ts';
import { define, rejected } from '../../sync/define-mutator.ts';
import type { ConflictDetail } from '../../sync/protocol.ts';
import {
  appendMessage,
  editableTicket,
  guard,
  lastChange,
  linkRow,
  logEvent,
  setStatus,
  STALE_REPLY_FIELD,
  staleReply,
  touch,
  visibleTicket,
} from './ticket-writes.ts';
import { Text } from '../../domain/text.ts';

const Body = Text.trim().min(1).max(100_000);
const TagList = z.array(Tag).max(50);

const NewTicket = z.object({
  id: Id,
  subject: Text.trim().min(1).max(500),
  priority: TicketPriority.default('normal'),
  type: TicketType.default('question'),
  channel: Channel,
  requesterId: Id,
  teamId: Id,
  assigneeId: Id.nullable().default(null),
  tags: TagList.default([]),
  status: TicketStatus.exclude(['closed']).optional(),
});

export const ticketMutators = {
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
        sla: null,
        firstReplyAt: null,
        solvedAt: null,
        closedAt: null,
        lastMessageAt: ctx.now,
        messageCount: 0,
        mergedIntoId: null,
        followUpOfId: followUpOfId ?? null,
      };
      logEvent(tx, ctx, ticket, {
        kind: 'created',
        from: null,
        to: {
          status: ticket.status,
          priority: ticket.priority,
          channel: ticket.channel,
          ...(followUpOfId ? { followUpOf: followUpOfId } : {}),
        },
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
          // A new conversation: it is a complaint only if someone marks it so.
          delete followUp.complaintCategoryId;
          delete followUp.rootCause;
          logEvent(tx, ctx, followUp, {
            kind: 'created',
            from: null,
            to: { status: followUp.status, priority: followUp.priority, channel: followUp.channel, followUpOf: ticket.id },
          });
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
        logEvent(tx, ctx, ticket, { kind: 'team', from: ticket.teamId, to: args.teamId });
        next = { ...next, teamId: args.teamId };
      }
      if (ticket.assigneeId !== args.assigneeId) {
        logEvent(tx, ctx, ticket, { kind: 'assignee', from: ticket.assigneeId, to: args.assigneeId });
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
        subject: Text.trim().min(1).max(500).optional(),
        /** The subject the person edited; long text is guarded (both kept on conflict). */
        baseSubject: Text.optional(),
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
      if (args.priority !== undefined && args.priority !== next.priority) {
        logEvent(tx, ctx, ticket, { kind: 'priority', from: next.priority, to: args.priority });
        next = { ...next, priority: args.priority };
      }
      if (args.type !== undefined && args.type !== next.type) {
        logEvent(tx, ctx, ticket, { kind: 'type', from: next.type, to: args.type });
        next = { ...next, type: args.type };
      }
      if (args.channel !== undefined) next = { ...next, channel: args.channel };
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
      logEvent(tx, ctx, ticket, { kind: 'tags', from: ticket.tags, to: next });
      tx.put('ticket', touch({ ...ticket, tags: next }, ctx));
    },
  }),

  'ticket.escalate': define({
    args: z.object({ id: Id, tier: EscalationTier, reason: Text.trim().min(1).max(2000) }),
    subject: { entity: 'ticket', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const ticket = editableTicket(tx, ctx, args.id);
      if (args.tier <= ticket.escalationTier) rejected('RULE_VIOLATION', `ticket is already at tier ${ticket.escalationTier}`);
      logEvent(tx, ctx, ticket, { kind: 'escalated', from: ticket.escalationTier, to: { tier: args.tier, reason: args.reason } });
      tx.put('ticket', touch({ ...ticket, escalationTier: args.tier }, ctx));
    },
  }),

  /**
   * Takes a ticket back down a tier (or more), with the reason kept in the event log. It is the
   * supervisor's call, as the escalation queue is theirs: an agent lowering a tier would take the
   * ticket out of the queue that watches it. Logged as an `escalated` event whose tier goes down,
   * so the log's kinds (and the caches' checks on them) stay as they are.
   */
  'ticket.deescalate': define({
    args: z.object({ id: Id, tier: EscalationTier, reason: Text.trim().min(1).max(2000) }),
    subject: { entity: 'ticket', id: (a) => a.id },
    applyMine: 'never-conflicts',
    apply(tx, args, ctx) {
      const ticket = editableTicket(tx, ctx, args.id);
      if (!isSystemActor(ctx.actor) && !overseesAll(ctx.actor.role))
        rejected('FORBIDDEN', 'only supervisors and admins take a ticket down a tier');
      if (args.tier >= ticket.escalationTier) rejected('RULE_VIOLATION', `ticket is at tier ${ticket.escalationTier}`);
      logEvent(tx, ctx, ticket, { kind: 'escalated', from: ticket.escalationTier, to: { tier: args.tier, reason: args.reason } });
      tx.put('ticket', touch({ ...ticket, escalationTier: args.tier }, ctx));
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
      const moved: Message[] = tx.messagesOf(source.id);
      for (const m of moved) tx.put('message', { ...m, ticketId: target.id, updatedAt: ctx.now });
      const lastMoved = moved.reduce((t, m) => Math.max(t, m.createdAt), 0);
      const nextTarget: Ticket = {
        ...target,
        messageCount: target.messageCount + moved.length,
        lastMessageAt: Math.max(target.lastMessageAt, lastMoved),
        tags: [...new Set([...target.tags, ...source.tags])].sort(),
      };
      let nextSource: Ticket = { ...source, messageCount: source.messageCount - moved.length, mergedIntoId: target.id };
      nextSource = setStatus(tx, ctx, nextSource, 'closed');
      logEvent(tx, ctx, source, { kind: 'merged', from: null, to: { into: target.id } });
      logEvent(tx, ctx, target, { kind: 'merged', from: null, to: { from: source.id } });
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
      const ticket = visibleTicket(tx, ctx, args.id);
      const other = visibleTicket(tx, ctx, args.otherId);
      const link = linkRow(ctx, args.id, args.otherId, 'related');
      if (tx.get('ticket_link', link.id)) return;
      tx.put('ticket_link', link);
      logEvent(tx, ctx, ticket, { kind: 'linked', from: null, to: { ticketId: other.id } });
      logEvent(tx, ctx, other, { kind: 'linked', from: null, to: { ticketId: ticket.id } });
    },
  }),
} as const;
