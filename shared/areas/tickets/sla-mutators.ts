/**
 * What the SLA automation writes through the commit path: a breach that happened with nobody there
 * to find it (the breach job, server/sla/sla-breach-job.ts, at the timer's due instant). Breaches
 * and targets met that a person's change reveals are written by the server's commit step itself
 * (server/sla/ticket-sla.ts); both write the same `sla` event, once per cycle.
 */
import { z } from 'zod';
import { isSystemActor } from '../../domain/actors.ts';
import { Id, Timestamp } from '../../domain/records.ts';
import { SLA_METRICS } from '../../sla/target.ts';
import { define, rejected } from '../../sync/define-mutator.ts';
import { logEvent, visibleTicket } from './ticket-writes.ts';

export const slaBreachMutators = {
  'ticket.slaBreach': define({
    args: z.object({ ticketId: Id, metric: z.enum(SLA_METRICS), startedAt: Timestamp, dueAt: Timestamp }),
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
};
