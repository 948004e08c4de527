/**
 * What each kind of ticket event holds: the one typed shape of the ticket event log, written by
 * live work (the ticket mutators) and by the demo generator alike, and read by the history, the
 * thread's event lines and, later, the SLA clock. An event is data (who, from, to, which message),
 * never text: the console puts it in words in the reader's language.
 *
 * The stored record (TicketEvent in records.ts) keeps `from` and `to` as JSON so that a row written
 * by a newer version still syncs; `ticketEventChange` reads a row as this shape, or null when it
 * is not one this version knows (the reader then shows its kind alone).
 */
import { z } from 'zod';
import { Text } from './text.ts';
import { Channel, EscalationTier, Locale, MessageKind, TicketPriority, TicketStatus, TicketType } from './enums.ts';
import { ROUTING_MODES } from '../routing/decide.ts';
import { Id, Timestamp, type TicketEvent } from './records.ts';
import { SLA_METRICS } from '../sla/target.ts';

const Tags = z.array(Text);

// Strict objects: a field one writer adds and another does not is a difference in shape, caught.
export const TicketEventChange = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('created'),
    from: z.null(),
    to: z.strictObject({ status: TicketStatus, priority: TicketPriority, channel: Channel, followUpOf: Id.optional() }),
  }),
  z.strictObject({ kind: z.literal('status'), from: TicketStatus, to: TicketStatus }),
  z.strictObject({ kind: z.literal('priority'), from: TicketPriority, to: TicketPriority }),
  z.strictObject({ kind: z.literal('type'), from: TicketType, to: TicketType }),
  /** Null is a value here: unassigned. */
  z.strictObject({ kind: z.literal('assignee'), from: Id.nullable(), to: Id.nullable() }),
  z.strictObject({ kind: z.literal('team'), from: Id, to: Id }),
  z.strictObject({ kind: z.literal('tags'), from: Tags, to: Tags }),
  z.strictObject({
    kind: z.literal('escalated'),
    from: EscalationTier,
    /**
     * A person's reason, in their words; without one only in data from before reasons were kept (the
     * old demo data) and when a breach escalated it (`slaBreach`, the target breached, which each
     * reader words in their own language).
     */
    to: z.strictObject({ tier: EscalationTier, reason: Text.optional(), slaBreach: z.enum(SLA_METRICS).optional() }),
  }),
  z.strictObject({ kind: z.literal('message'), from: z.null(), to: z.strictObject({ messageId: Id, kind: MessageKind }) }),
  z.strictObject({ kind: z.literal('merged'), from: z.null(), to: z.union([z.strictObject({ into: Id }), z.strictObject({ from: Id })]) }),
  z.strictObject({ kind: z.literal('linked'), from: z.null(), to: z.strictObject({ ticketId: Id }) }),
  /**
   * By the SLA engine's system actor: a target met or breached, written once per cycle
   * (shared/sla/ticket-sla.ts); or a breach's people told by the breach job
   * (server/sla/sla-breach-job.ts), the assignee or the team's supervisors, whose consoles show a
   * desktop notification when they pull it. A console older than the notices shows its kind alone.
   */
  z.strictObject({
    kind: z.literal('sla'),
    from: z.null(),
    to: z.union([
      z.strictObject({
        metric: z.enum(SLA_METRICS),
        state: z.enum(['met', 'breached']),
        startedAt: Timestamp,
        dueAt: Timestamp.nullable(),
      }),
      z.strictObject({
        metric: z.enum(SLA_METRICS),
        state: z.literal('notified'),
        startedAt: Timestamp,
        dueAt: Timestamp,
        audience: z.enum(['assignee', 'supervisors']),
        userIds: z.array(Id).min(1),
      }),
    ]),
  }),
  /**
   * The server's routing job gave the ticket to an agent (shared/routing/decide.ts): by which rule,
   * among how many eligible agents, matching which language. `from`: the assignee before (none).
   */
  z.strictObject({
    kind: z.literal('routed'),
    from: Id.nullable(),
    to: z.strictObject({
      agentId: Id,
      mode: z.enum(ROUTING_MODES),
      eligible: z.number().int().positive(),
      language: Locale.nullable(),
    }),
  }),
  /** A complaint mark: the category id, null when not a complaint (shared/areas/complaints/mutators.ts). */
  z.strictObject({ kind: z.literal('complaint'), from: Id.nullable(), to: Id.nullable() }),
  z.strictObject({ kind: z.literal('root_cause'), from: Text.nullable(), to: Text }),
]);
export type TicketEventChange = z.infer<typeof TicketEventChange>;

/**
 * A tier taken down (ticket.deescalate): logged as an `escalated` event whose tier goes down, so
 * the log keeps its kinds; readers tell the two apart by the direction.
 */
export function isDeescalation(change: TicketEventChange | null): boolean {
  return change?.kind === 'escalated' && change.to.tier < change.from;
}

/** The event's change in its typed shape; null for a shape this version does not know. */
export function ticketEventChange(event: Pick<TicketEvent, 'kind' | 'from' | 'to'>): TicketEventChange | null {
  const parsed = TicketEventChange.safeParse({ kind: event.kind, from: event.from, to: event.to });
  return parsed.success ? parsed.data : null;
}
