/**
 * The breach job: one per running SLA timer and due instant, enqueued by the commit step that
 * computed it (ticket-sla.ts) and run just after the due instant. If the timer is still running
 * under that due instant then, it breached with nobody there to see: the job records the breach
 * as one `sla` event through the commit path, by the automation:sla system actor, with the key
 * `sla-breach:<ticketId>:<metric>:<dueAt>`. The commit happens in the job's own transaction, so
 * the event and the job's completion commit together (exactly once across instances: the claim's
 * fence, and the key if the job runs again); consoles get the event with their next pull.
 *
 * The policy's breach actions (notify the assignee or supervisors, raise the priority, escalate)
 * belong here, as further effects of the same commit, each with a key of its own, once the
 * policy records carry them.
 */
import { z } from 'zod';
import { systemActor } from '../../shared/domain/actors.ts';
import { Id, Timestamp } from '../../shared/domain/records.ts';
import { SLA_METRICS } from '../../shared/sla/target.ts';
import { slaBreachKey } from '../../shared/sla/ticket-sla.ts';
import { defineJobKind } from '../jobs/job.ts';
import { tenantChannel } from '../live/pokes.ts';
import { commitWithin } from '../sync/commit.ts';

export const SLA_ACTOR = 'automation:sla';

export const slaBreachJob = defineJobKind({
  name: 'sla.breach',
  payload: z.object({ ticketId: Id, metric: z.enum(SLA_METRICS), startedAt: Timestamp, dueAt: Timestamp }),
  async handle({ tx, payload, tenantId, now }) {
    if (tenantId === null) throw new Error('an SLA breach job belongs to a tenant');
    const outcome = await commitWithin(
      tx,
      {
        now: () => now,
        onBug: (err) => {
          throw err;
        },
        poke: () => {},
      },
      {
        tenantId,
        actor: systemActor(SLA_ACTOR, tenantId),
        mutations: [
          { name: 'ticket.slaBreach', args: payload, idempotencyKey: slaBreachKey(payload.ticketId, payload.metric, payload.dueAt) },
        ],
      },
    );
    // Delivered when the job's transaction commits, not before: the consoles pull the event then.
    if (outcome.wrote) await tx.query('SELECT pg_notify($1, $2)', [tenantChannel(tenantId), '']);
    return outcome.results[0]?.status ?? null;
  },
});
