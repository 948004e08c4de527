/**
 * "Next ticket" (docs/routing.md, "Pull mode"): an agent of a team whose rule is in pull mode asks
 * for work, and gets the most urgent waiting ticket of those teams that they may take: soonest SLA
 * due first (tickets without a running target last), then the highest priority, then the oldest.
 * "May take" is routing's own rule (shared/routing/decide.ts) asked about the agent alone: on
 * shift, online, taking the channel, speaking the language and having the skills when the rule
 * matches them, and below their capacity.
 *
 * Exactly once: the request holds the tenant clock's lock from its first read to its commit (every
 * commit of the tenant takes it), so two agents pressing at once go one after the other and the
 * second finds the first one's ticket taken. The assignment is `ticket.route` by the routing job's
 * system actor with mode `pull`, keyed by the ticket's row version, so the history reads "taken by
 * X with Next ticket" and a retried request cannot take one ticket twice.
 */
import { AppError } from '../../shared/contract/errors.ts';
import { systemActor } from '../../shared/domain/actors.ts';
import { TICKET_PRIORITIES } from '../../shared/domain/enums.ts';
import { decideRoute, type RoutingAgent } from '../../shared/routing/decide.ts';
import type { RoutingRuleRecord } from '../../shared/routing/records.ts';
import type { NextTicketNone, NextTicketRequest, NextTicketResponse } from '../../shared/sync/protocol.ts';
import type { Session } from '../auth/service.ts';
import type { Db } from '../store/db.ts';
import { commitTransaction, type CommitDeps } from '../sync/commit.ts';
import { lockTenantClock } from '../sync/record-writer.ts';
import { checkSchemaVersion } from '../sync/schema-version.ts';
import { loadAgents, ROUTED_STATUSES, ROUTING_ACTOR, routingTicket, ruleSpec, teamSkills, type WaitingTicket } from './route-team.ts';

/** The most urgent tickets looked at per request: enough that one the agent cannot take does not hide the rest. */
const CANDIDATES = 200;

/** Highest first, for array_position. */
const PRIORITIES_DESC = [...TICKET_PRIORITIES].reverse();

export async function takeNextTicket(db: Db, deps: CommitDeps, session: Session, req: NextTicketRequest): Promise<NextTicketResponse> {
  if (req.clientId !== session.clientId) throw new AppError('FORBIDDEN', 'the access token belongs to another client');
  checkSchemaVersion(req.schemaVersion);
  const { tenantId, userId } = session;
  return commitTransaction(db, deps, async (tx) => {
    const { q } = tx;
    // First: everything read below is as the last commit before this one left it.
    await lockTenantClock(q, tenantId);
    // The person's teams as routing reads them (the user record, which loadAgents reads too).
    const { rows: users } = await q.query<{ data: { active: boolean; teamIds: string[] } }>(
      "SELECT data FROM records WHERE tenant_id = $1 AND entity = 'user' AND id = $2 AND NOT deleted",
      [tenantId, userId],
    );
    const user = users[0]?.data;
    if (!user?.active) throw new AppError('UNAUTHORIZED', 'this session has ended; sign in again');
    const { rows: ruleRows } = await q.query<{ data: RoutingRuleRecord }>(
      `SELECT data FROM records
        WHERE tenant_id = $1 AND entity = 'routing_rule' AND NOT deleted AND id = ANY($2::uuid[])
          AND (data ->> 'enabled')::boolean AND data ->> 'mode' = 'pull'`,
      [tenantId, user.teamIds],
    );
    if (!ruleRows.length) throw new AppError('RULE_VIOLATION', 'none of your teams hands out tickets with Next ticket');
    const rules = new Map(ruleRows.map((r) => [r.data.id, r.data]));
    const now = deps.now();

    const { rows: waiting } = await q.query<WaitingTicket & { version: string; team: string }>(
      `SELECT id::text AS id, version, scope::text AS team, data ->> 'channel' AS channel, data -> 'tags' AS tags FROM records
        WHERE tenant_id = $1 AND entity = 'ticket' AND NOT deleted AND scope = ANY($2::uuid[])
          AND data ->> 'assigneeId' IS NULL AND data ->> 'status' = ANY($3::text[])
        ORDER BY (data -> 'sla' ->> 'nextDueAt')::bigint NULLS LAST, array_position($4::text[], data ->> 'priority'),
          (data ->> 'createdAt')::bigint, id
        LIMIT $5`,
      [tenantId, [...rules.keys()], ROUTED_STATUSES, PRIORITIES_DESC, CANDIDATES],
    );
    if (!waiting.length) return { outcome: 'none', reason: 'nothing_waiting' };

    // The agent as each of their pull teams' routing sees them, and the skills that team's tickets can ask for.
    const teams = new Map<string, { me: RoutingAgent; skills: Set<string> }>();
    for (const teamId of rules.keys()) {
      const agents = await loadAgents(q, tenantId, teamId, now);
      const me = agents.find((a) => a.id === userId);
      if (me) teams.set(teamId, { me, skills: teamSkills(agents) });
    }
    let reason: NextTicketNone | null = null;
    for (const ticket of waiting) {
      const rule = rules.get(ticket.team)!;
      const team = teams.get(ticket.team);
      if (!team) continue;
      const decision = decideRoute(await routingTicket(q, tenantId, rule, ticket, team.skills), ruleSpec(rule), [team.me]);
      if (decision.outcome !== 'assigned') {
        // The most urgent ticket's reason is the one the agent is told.
        reason ??= decision.reason;
        continue;
      }
      const outcome = await tx.commit({
        tenantId,
        actor: systemActor(ROUTING_ACTOR, tenantId),
        mutations: [
          {
            name: 'ticket.route',
            args: { ticketId: ticket.id, agentId: userId, mode: 'pull', eligible: 1, language: decision.language },
            idempotencyKey: `next-ticket:${ticket.id}:${ticket.version}`,
          },
        ],
      });
      const result = outcome.results[0];
      if (result?.status === 'rejected') throw AppError.fromPayload(result.error);
      if (result?.status === 'applied') return { outcome: 'taken', ticketId: ticket.id };
    }
    return { outcome: 'none', reason: reason ?? 'nothing_waiting' };
  });
}
