/**
 * How ticket mutators read and write a ticket: who may see it, the events of its history, guarded
 * fields and their conflicts, replies and status. Any mutator that changes a ticket (a person's or
 * an automation's) goes through these, so history reads the same for all.
 */
import type { Ticket, TicketEvent, TicketEventKind } from '../../domain/records.ts';
import type { TicketEventChange } from '../../domain/ticket-events.ts';
import { canSeeTicket } from '../../domain/permissions.ts';
import { isEditable } from '../../domain/ticket-status.ts';
import { unseenMessages } from '../../domain/unseen-messages.ts';
import { deterministicId } from '../../ids.ts';
import { rejected, type MutatorContextWithIds } from '../../sync/define-mutator.ts';
import type { ConflictDetail } from '../../sync/protocol.ts';
import type { MutatorContext, MutatorTx } from '../../sync/tx.ts';
import { eventActor, personOf } from '../../domain/actors.ts';

export function visibleTicket(tx: MutatorTx, ctx: MutatorContext, id: string): Ticket {
  const ticket = tx.get('ticket', id);
  if (!ticket || ticket.tenantId !== ctx.actor.tenantId) return rejected('NOT_FOUND', `ticket ${id} does not exist`);
  const account = ticket.accountId ? tx.get('account', ticket.accountId) : null;
  if (!canSeeTicket(ctx.actor, ticket, account)) return rejected('NOT_FOUND', `ticket ${id} does not exist`);
  return ticket;
}

export function editableTicket(tx: MutatorTx, ctx: MutatorContext, id: string): Ticket {
  const ticket = visibleTicket(tx, ctx, id);
  if (!isEditable(ticket.status)) rejected('RULE_VIOLATION', `ticket ${ticket.number ?? id} is closed`);
  return ticket;
}

/**
 * When the person acted on this ticket: the mutation's clock (on the server, the console's
 * bounded acted-at time), but never before the ticket existed, since a console's clock may run
 * behind the server's. Every time a ticket write stamps goes through here.
 */
function actedOn(ctx: MutatorContext, ticket: Pick<Ticket, 'createdAt'>): number {
  return Math.max(ctx.now, ticket.createdAt);
}

/** Appends an event to the ticket's log, stamped with when the actor acted on it. */
export function logEvent(tx: MutatorTx, ctx: MutatorContextWithIds, ticket: Ticket, change: TicketEventChange): void {
  tx.put('ticket_event', {
    id: ctx.newId(),
    tenantId: ctx.actor.tenantId,
    ticketId: ticket.id,
    ...eventActor(ctx.actor),
    ...(change as Pick<TicketEvent, 'kind' | 'from' | 'to'>),
    at: actedOn(ctx, ticket),
  });
}

/** A guarded field: applied if the person saw the current value (or asks for it); else a conflict. */
export function guard(
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

export function touch(ticket: Ticket, ctx: MutatorContext): Ticket {
  // Never back: offline work synced late leaves the newest change's time.
  return { ...ticket, updatedAt: Math.max(ctx.now, ticket.updatedAt) };
}

export function appendMessage(
  tx: MutatorTx,
  ctx: MutatorContextWithIds,
  ticket: Ticket,
  msg: { id: string; kind: 'reply' | 'note' | 'inbound'; body: string; contactId: string | null },
): Ticket {
  const at = actedOn(ctx, ticket);
  tx.put('message', {
    id: msg.id,
    tenantId: ticket.tenantId,
    ticketId: ticket.id,
    kind: msg.kind,
    authorType: msg.kind === 'inbound' ? 'contact' : 'agent',
    authorId: msg.kind === 'inbound' ? msg.contactId : personOf(ctx.actor).id,
    body: msg.body,
    channel: ticket.channel,
    version: 0,
    createdAt: at,
    updatedAt: at,
  });
  logEvent(tx, ctx, ticket, { kind: 'message', from: null, to: { messageId: msg.id, kind: msg.kind } });
  const next = { ...ticket, messageCount: ticket.messageCount + 1, lastMessageAt: at, updatedAt: Math.max(at, ticket.updatedAt) };
  if (msg.kind === 'reply' && next.firstReplyAt === null) next.firstReplyAt = at;
  return next;
}

export function setStatus(tx: MutatorTx, ctx: MutatorContextWithIds, ticket: Ticket, status: Ticket['status']): Ticket {
  if (ticket.status === status) return ticket;
  logEvent(tx, ctx, ticket, { kind: 'status', from: ticket.status, to: status });
  const at = actedOn(ctx, ticket);
  return {
    ...ticket,
    status,
    solvedAt: status === 'solved' ? at : ticket.solvedAt,
    closedAt: status === 'closed' ? at : ticket.closedAt,
    updatedAt: Math.max(at, ticket.updatedAt),
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
export function staleReply(
  tx: MutatorTx,
  ctx: MutatorContext,
  ticketId: string,
  seenMessageId: string | null,
  body: string,
): ConflictDetail | null {
  const unseen: UnseenMessage[] = unseenMessages(tx.messagesOf(ticketId), seenMessageId, personOf(ctx.actor).id).map((m) => ({
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
export function lastChange(tx: MutatorTx, ticketId: string, kind: TicketEventKind): { by: string | null; at: number } | null {
  const event = tx.lastEvent(ticketId, kind);
  return event ? { by: event.actorId, at: event.at } : null;
}

export function linkRow(ctx: MutatorContext, a: string, b: string, kind: 'related' | 'duplicate' | 'follow_up') {
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
