/**
 * The breach job: one per SLA timer and due instant, enqueued by the commit step that computed it
 * (ticket-sla.ts): at the due instant of a running timer, and at once for a breach a commit found
 * (a priority raised past the time already counted). If the timer is still running under that due
 * instant when the job runs, it breached with nobody there to see: the job records the breach as
 * one `sla` event through the commit path, by the automation:sla system actor, with the key
 * `sla-breach:<ticketId>:<metric>:<dueAt>`.
 *
 * The breached timer's policy (the revision the ticket's timers were computed with) then says what
 * else happens, each a further effect of the same commit with a key of its own
 * (`<breach key>:<action>`): tell the assignee, tell the team's supervisors (an `sla` event
 * `notified` naming them, which their consoles announce when they pull it), raise the priority one step,
 * escalate one tier. The commit happens in the job's own transaction, so the effects and the job's
 * completion commit together (exactly once across instances: the claim's fence, and the keys if
 * the job runs again); consoles get them with their next pull.
 */
import { z } from 'zod';
import { systemActor } from '../../shared/domain/actors.ts';
import { Id, Timestamp, type Ticket } from '../../shared/domain/records.ts';
import type { BreachAction } from '../../shared/areas/tickets/sla-mutators.ts';
import type { BreachActions } from '../../shared/sla/records.ts';
import { SLA_METRICS } from '../../shared/sla/target.ts';
import { SLA_ACTOR, slaBreachKey } from '../../shared/sla/ticket-sla.ts';
import { defineJobKind, jobCommitDeps } from '../jobs/job.ts';
import { tenantChannel } from '../live/pokes.ts';
import type { Queryable } from '../store/db.ts';
import { commitWithin, type SystemMutation } from '../sync/commit.ts';

const Payload = z.object({ ticketId: Id, metric: z.enum(SLA_METRICS), startedAt: Timestamp, dueAt: Timestamp });
type Payload = z.infer<typeof Payload>;

export const slaBreachJob = defineJobKind({
  name: 'sla.breach',
  payload: Payload,
  async handle({ tx, payload, tenantId, now }) {
    if (tenantId === null) throw new Error('an SLA breach job belongs to a tenant');
    const breachKey = slaBreachKey(payload.ticketId, payload.metric, payload.dueAt);
    const actions = await breachActions(tx, tenantId, payload, now);
    const outcome = await commitWithin(tx, jobCommitDeps(now), {
      tenantId,
      actor: systemActor(SLA_ACTOR, tenantId),
      mutations: [
        { name: 'ticket.slaBreach', args: payload, idempotencyKey: breachKey },
        ...actions.map(({ name, action }): SystemMutation => ({
          name: 'ticket.slaBreachAction',
          args: { ...payload, action },
          idempotencyKey: `${breachKey}:${name}`,
        })),
      ],
    });
    // Delivered when the job's transaction commits, not before: the consoles pull the event then.
    if (outcome.wrote) await tx.query('SELECT pg_notify($1, $2)', [tenantChannel(tenantId), '']);
    const [breach, ...rest] = outcome.results;
    return { breach: breach?.status ?? null, actions: Object.fromEntries(actions.map((a, i) => [a.name, rest[i]?.status ?? null])) };
  },
});

interface PlannedAction {
  /** The action's switch (BreachActions), which names its effect. */
  name: keyof BreachActions;
  action: BreachAction;
}

/**
 * The actions the breached timer's policy asks for, with the people to tell found now. None when
 * the timer did not breach at this due instant (the mutator checks again under the tenant lock).
 */
async function breachActions(q: Queryable, tenantId: string, breach: Payload, now: number): Promise<PlannedAction[]> {
  const { rows } = await q.query<{ data: Ticket }>("SELECT data FROM records WHERE tenant_id = $1 AND entity = 'ticket' AND id = $2", [
    tenantId,
    breach.ticketId,
  ]);
  const ticket = rows[0]?.data;
  const timer = ticket?.sla?.[breach.metric];
  if (!ticket?.sla || !timer || timer.startedAt !== breach.startedAt || timer.dueAt !== breach.dueAt) return [];
  if (timer.state !== 'breached' && !(timer.state === 'running' && now > breach.dueAt)) return [];
  const switches = await policyActions(q, tenantId, ticket.sla.policyId, ticket.sla.policyVersion);
  if (!switches) return [];
  const planned: PlannedAction[] = [];
  if (switches.notifyAssignee && ticket.assigneeId)
    planned.push({ name: 'notifyAssignee', action: { do: 'notify', audience: 'assignee', userIds: [ticket.assigneeId] } });
  if (switches.notifySupervisors) {
    const userIds = await supervisorsOf(q, tenantId, ticket.teamId);
    if (userIds.length) planned.push({ name: 'notifySupervisors', action: { do: 'notify', audience: 'supervisors', userIds } });
  }
  if (switches.raisePriority) planned.push({ name: 'raisePriority', action: { do: 'raisePriority' } });
  if (switches.escalate) planned.push({ name: 'escalate', action: { do: 'escalate' } });
  return planned;
}

/**
 * The breach actions of the policy revision the timers were computed with: its version record, or
 * the policy itself while still at that revision (a version record may not have synced from an
 * older server).
 */
async function policyActions(q: Queryable, tenantId: string, policyId: string, revision: number): Promise<BreachActions | null> {
  const { rows } = await q.query<{ data: { revision: number; breachActions?: BreachActions } }>(
    `SELECT data FROM records WHERE tenant_id = $1 AND NOT deleted
       AND ((entity = 'sla_policy_version' AND data ->> 'policyId' = $2) OR (entity = 'sla_policy' AND id::text = $2))
       AND (data ->> 'revision')::int = $3
     LIMIT 1`,
    [tenantId, policyId, revision],
  );
  return rows[0]?.data.breachActions ?? null;
}

/** The team's active supervisors, by membership (the server's truth, not a synced copy). */
async function supervisorsOf(q: Queryable, tenantId: string, teamId: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id
      WHERE u.tenant_id = $1 AND m.team_id = $2 AND u.role = 'supervisor' AND u.active
      ORDER BY u.id`,
    [tenantId, teamId],
  );
  return rows.map((r) => r.id);
}
