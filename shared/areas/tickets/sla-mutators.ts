/**
 * What the SLA automation writes through the commit path: a breach that happened with nobody there
 * to find it (the breach job, server/sla/sla-breach-job.ts, at the timer's due instant), and what
 * the breached timer's policy asks to be done about it. Breaches and targets met that a person's
 * change reveals are written by the server's commit step itself (server/sla/ticket-sla.ts); both
 * write the same `sla` event, once per cycle.
 */
import { z } from 'zod';
import { isSystemActor } from '../../domain/actors.ts';
import { TICKET_PRIORITIES } from '../../domain/enums.ts';
import { Id, Timestamp, type Ticket } from '../../domain/records.ts';
import { isEditable } from '../../domain/ticket-status.ts';
import { SLA_METRICS, type SlaMetric } from '../../sla/target.ts';
import { define, rejected } from '../../sync/define-mutator.ts';
import type { MutatorContext } from '../../sync/tx.ts';
import { logEvent, touch, visibleTicket } from './ticket-writes.ts';

const Breach = { ticketId: Id, metric: z.enum(SLA_METRICS), startedAt: Timestamp, dueAt: Timestamp };

/** What a policy's breach actions do (shared/sla/records.ts, BreachActions), one at a time. */
export const BreachAction = z.discriminatedUnion('do', [
  /** Tell these people (the assignee, or the team's supervisors, as the job found them). */
  z.strictObject({ do: z.literal('notify'), audience: z.enum(['assignee', 'supervisors']), userIds: z.array(Id).min(1).max(200) }),
  z.strictObject({ do: z.literal('raisePriority') }),
  z.strictObject({ do: z.literal('escalate') }),
]);
export type BreachAction = z.infer<typeof BreachAction>;

/**
 * Did this timer breach at this due instant? Either the breach is recorded (the snapshot says so)
 * or it is being recorded by this very commit: the snapshot is computed again only once the whole
 * batch has run, so within it the timer still reads running, past its due instant.
 */
function breachedAt(ticket: Ticket, metric: SlaMetric, startedAt: number, dueAt: number, ctx: MutatorContext): boolean {
  const timer = ticket.sla?.[metric];
  if (!timer || timer.startedAt !== startedAt || timer.dueAt !== dueAt) return false;
  return timer.state === 'breached' || (timer.state === 'running' && ctx.now > dueAt);
}

export const slaBreachMutators = {
  'ticket.slaBreach': define({
    args: z.object(Breach),
    subject: { entity: 'ticket', id: (a) => a.ticketId },
    applyMine: 'never-conflicts',
    apply(tx, { ticketId, metric, startedAt, dueAt }, ctx) {
      if (!isSystemActor(ctx.actor)) rejected('FORBIDDEN', 'only the SLA automation records a breach');
      const ticket = visibleTicket(tx, ctx, ticketId);
      const timer = ticket.sla?.[metric];
      // The timer moved on (stopped in time, re-targeted, a new cycle) or its breach is already
      // recorded (a commit after the due instant found it): nothing breached at this due instant.
      if (!timer || timer.state !== 'running' || timer.startedAt !== startedAt || timer.dueAt !== dueAt || ctx.now <= dueAt) return;
      logEvent(tx, ctx, ticket, { kind: 'sla', from: null, to: { metric, state: 'breached', startedAt, dueAt } });
    },
  }),

  /**
   * One of the policy's breach actions for one breach. Nothing happens unless that timer breached
   * at that due instant (it may have been met or re-targeted since the job was planned), and an
   * action with nothing left to do (already urgent, already at the top tier) changes nothing.
   */
  'ticket.slaBreachAction': define({
    args: z.object({ ...Breach, action: BreachAction }),
    subject: { entity: 'ticket', id: (a) => a.ticketId },
    applyMine: 'never-conflicts',
    apply(tx, { ticketId, metric, startedAt, dueAt, action }, ctx) {
      if (!isSystemActor(ctx.actor)) rejected('FORBIDDEN', 'only the SLA automation acts on a breach');
      const ticket = visibleTicket(tx, ctx, ticketId);
      if (!isEditable(ticket.status) || !breachedAt(ticket, metric, startedAt, dueAt, ctx)) return;
      switch (action.do) {
        case 'notify':
          logEvent(tx, ctx, ticket, {
            kind: 'sla',
            from: null,
            to: { metric, state: 'notified', startedAt, dueAt, audience: action.audience, userIds: action.userIds },
          });
          return;
        case 'raisePriority': {
          const next = TICKET_PRIORITIES[TICKET_PRIORITIES.indexOf(ticket.priority) + 1];
          if (!next) return;
          logEvent(tx, ctx, ticket, { kind: 'priority', from: ticket.priority, to: next });
          tx.put('ticket', touch({ ...ticket, priority: next }, ctx));
          return;
        }
        case 'escalate': {
          if (ticket.escalationTier >= 3) return;
          const tier = (ticket.escalationTier + 1) as 2 | 3;
          logEvent(tx, ctx, ticket, { kind: 'escalated', from: ticket.escalationTier, to: { tier, slaBreach: metric } });
          tx.put('ticket', touch({ ...ticket, escalationTier: tier }, ctx));
          return;
        }
      }
    },
  }),
};
