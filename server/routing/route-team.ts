/**
 * The server's routing (docs/routing.md, "The routing job"): the waiting tickets of a team, oldest
 * first, each decided by shared/routing/decide.ts against the team's agents as the server's records
 * hold them now, and each assignment committed through the commit path by the automation:routing
 * system actor as `ticket.route` (the assignee, a `routed` event saying why, the agent's turn).
 *
 * One decision per ticket, even with two instances: the whole run holds the tenant clock's lock
 * (every commit of the tenant takes it too), so the state it decides on cannot change under it and
 * two runs of one team go one after the other; and each assignment carries the idempotency key
 * `routing:<ticket>:<ticket's row version>`, so the same ticket seen in the same state is never
 * decided twice, by a retried job or a second instance.
 */
import type { Channel, Locale, TicketStatus } from '../../shared/domain/enums.ts';
import { systemActor } from '../../shared/domain/actors.ts';
import { decideRoute, type RoutingAgent, type RoutingDecision, type RoutingRule, type RoutingTicket } from '../../shared/routing/decide.ts';
import { detectLanguage } from '../../shared/routing/language.ts';
import { onShiftAt, utcWeekStart, WEEK_MS, type AgentPresence, type RoutingRuleRecord, type Shift } from '../../shared/routing/records.ts';
import { commitIn, type CommitDeps } from '../sync/commit.ts';
import { lockTenantClock } from '../sync/record-writer.ts';
import type { Queryable } from '../store/db.ts';

export const ROUTING_ACTOR = 'automation:routing';

/** The statuses a ticket waits in, and counts towards its agent's load in: those whose SLA resolution clock runs. */
export const ROUTED_STATUSES: readonly TicketStatus[] = ['new', 'open', 'on_hold'];
/** The most tickets one run routes; the commit of the last one queues the next run. */
const MAX_PER_RUN = 200;

export interface RoutingOutcome {
  routed: number;
  waiting: number;
}

export interface WaitingTicket {
  id: string;
  version: number;
  channel: Channel;
  tags: string[];
}

export async function readRule(q: Queryable, tenantId: string, teamId: string): Promise<RoutingRuleRecord | null> {
  const { rows } = await q.query<{ data: RoutingRuleRecord }>(
    "SELECT data FROM records WHERE tenant_id = $1 AND entity = 'routing_rule' AND id = $2 AND NOT deleted",
    [tenantId, teamId],
  );
  return rows[0]?.data ?? null;
}

/**
 * Every active agent who could take a ticket of `teamId` at `now`, with their presence, whether
 * they are on shift (and not on a break or time off), their profile and their load per channel.
 */
export async function loadAgents(q: Queryable, tenantId: string, teamId: string, now: number): Promise<RoutingAgent[]> {
  const users = await q.query<{ id: string; data: Record<string, unknown> }>(
    `SELECT id::text AS id, data FROM records
      WHERE tenant_id = $1 AND entity = 'user' AND NOT deleted AND (data -> 'teamIds') ? $2`,
    [tenantId, teamId],
  );
  if (!users.rows.length) return [];
  const ids = users.rows.map((u) => u.id);
  const presence = await q.query<{ data: AgentPresence }>(
    "SELECT data FROM records WHERE tenant_id = $1 AND entity = 'agent_presence' AND NOT deleted AND id = ANY($2::uuid[])",
    [tenantId, ids],
  );
  const presenceOf = new Map(presence.rows.map((r) => [r.data.userId, r.data]));
  // A shift of at most 16 hours running now started this UTC week or the one before.
  const week = utcWeekStart(now);
  const shifts = await q.query<{ user: string; shifts: Shift[] }>(
    `SELECT data ->> 'userId' AS user, data -> 'shifts' AS shifts FROM records
      WHERE tenant_id = $1 AND entity = 'shift_week' AND NOT deleted
        AND data ->> 'userId' = ANY($2::text[]) AND (data ->> 'weekStart')::bigint IN ($3, $4)`,
    [tenantId, ids, week, week - WEEK_MS],
  );
  const shiftsOf = new Map<string, Shift[]>();
  for (const r of shifts.rows) shiftsOf.set(r.user, [...(shiftsOf.get(r.user) ?? []), ...r.shifts]);
  const off = await q.query<{ user: string }>(
    `SELECT DISTINCT data ->> 'userId' AS user FROM records
      WHERE tenant_id = $1 AND entity = 'time_off' AND NOT deleted AND data ->> 'userId' = ANY($2::text[])
        AND (data ->> 'start')::bigint <= $3 AND (data ->> 'end')::bigint > $3`,
    [tenantId, ids, now],
  );
  const away = new Set(off.rows.map((r) => r.user));
  const loads = await q.query<{ user: string; channel: Channel; n: string }>(
    `SELECT data ->> 'assigneeId' AS user, data ->> 'channel' AS channel, count(*) AS n FROM records
      WHERE tenant_id = $1 AND entity = 'ticket' AND NOT deleted AND data ->> 'assigneeId' = ANY($2::text[])
        AND data ->> 'status' = ANY($3::text[])
      GROUP BY 1, 2`,
    [tenantId, ids, ROUTED_STATUSES],
  );
  const loadOf = new Map<string, Partial<Record<Channel, number>>>();
  for (const r of loads.rows) loadOf.set(r.user, { ...loadOf.get(r.user), [r.channel]: Number(r.n) });

  return users.rows.map(({ id, data }) => {
    const p = presenceOf.get(id);
    return {
      id,
      active: data.active === true,
      teamIds: data.teamIds as string[],
      presence: p?.status ?? 'offline',
      onShift: !away.has(id) && onShiftAt(shiftsOf.get(id) ?? [], now),
      languages: (data.languages as Locale[] | undefined) ?? [],
      skills: (data.skills as string[] | undefined) ?? [],
      capacity: (data.channelCapacity as Partial<Record<Channel, number>> | undefined) ?? {},
      load: loadOf.get(id) ?? {},
      lastRoutedAt: p?.lastRoutedAt ?? null,
    };
  });
}

/** The language of the customer's first message on the ticket (language.ts); null without one. */
async function languageOf(q: Queryable, tenantId: string, ticketId: string): Promise<Locale | null> {
  const { rows } = await q.query<{ body: string }>(
    `SELECT data ->> 'body' AS body FROM records
      WHERE tenant_id = $1 AND entity = 'message' AND NOT deleted AND data ->> 'ticketId' = $2 AND data ->> 'kind' = 'inbound'
      ORDER BY (data ->> 'createdAt')::bigint, id LIMIT 1`,
    [tenantId, ticketId],
  );
  return rows[0] ? detectLanguage(rows[0].body) : null;
}

/** The skills a ticket of the team can ask for: those some agent of the team has. */
export function teamSkills(agents: readonly RoutingAgent[]): Set<string> {
  return new Set(agents.flatMap((a) => a.skills));
}

export function ruleSpec(rule: RoutingRuleRecord): RoutingRule {
  return { teamId: rule.id, mode: rule.mode, matchLanguage: rule.matchLanguage, matchSkills: rule.matchSkills };
}

/**
 * A waiting ticket as the decision reads it: its channel, the language of its customer's first
 * message (read only when the rule matches languages), and the skills it asks for, which are those
 * of its tags that some agent of the team has as a skill.
 */
export async function routingTicket(
  q: Queryable,
  tenantId: string,
  rule: RoutingRuleRecord,
  ticket: Pick<WaitingTicket, 'id' | 'channel' | 'tags'>,
  skills: ReadonlySet<string>,
): Promise<RoutingTicket> {
  const language = rule.matchLanguage ? await languageOf(q, tenantId, ticket.id) : null;
  return { teamId: rule.id, channel: ticket.channel, language, skills: ticket.tags.filter((t) => skills.has(t)) };
}

/**
 * Routes the team's waiting tickets, oldest first, in the caller's transaction (a job's, so the
 * assignments commit with its completion). Nothing happens without an enabled rule.
 */
export async function routeTeam(q: Queryable, deps: CommitDeps, tenantId: string, teamId: string, now: number): Promise<RoutingOutcome> {
  await lockTenantClock(q, tenantId);
  const rule = await readRule(q, tenantId, teamId);
  // In pull mode the agents take tickets themselves (next-ticket.ts): nothing is pushed.
  if (!rule?.enabled || rule.mode === 'pull') return { routed: 0, waiting: 0 };
  const { rows: waiting } = await q.query<WaitingTicket & { version: string }>(
    `SELECT id::text AS id, version, data ->> 'channel' AS channel, data -> 'tags' AS tags FROM records
      WHERE tenant_id = $1 AND entity = 'ticket' AND NOT deleted AND scope = $2
        AND data ->> 'assigneeId' IS NULL AND data ->> 'status' = ANY($3::text[])
      ORDER BY (data ->> 'createdAt')::bigint, id LIMIT $4`,
    [tenantId, teamId, ROUTED_STATUSES, MAX_PER_RUN],
  );
  if (!waiting.length) return { routed: 0, waiting: 0 };
  const agents = await loadAgents(q, tenantId, teamId, now);
  const skills = teamSkills(agents);
  const spec = ruleSpec(rule);
  const actor = systemActor(ROUTING_ACTOR, tenantId);
  let routed = 0;
  for (const ticket of waiting) {
    const decision: RoutingDecision = decideRoute(await routingTicket(q, tenantId, rule, ticket, skills), spec, agents);
    if (decision.outcome !== 'assigned') continue;
    const { agentId, mode, eligible } = decision;
    const outcome = await commitIn(q, deps, {
      tenantId,
      actor,
      mutations: [
        {
          name: 'ticket.route',
          args: { ticketId: ticket.id, agentId, mode, eligible, language: decision.language },
          idempotencyKey: `routing:${ticket.id}:${ticket.version}`,
        },
      ],
    });
    if (outcome.results[0]?.status !== 'applied') continue;
    routed++;
    // The agent's state as the commit left it, for the next ticket of this run.
    const agent = agents.find((a) => a.id === agentId)!;
    agent.load = { ...agent.load, [ticket.channel]: (agent.load[ticket.channel] ?? 0) + 1 };
    agent.lastRoutedAt = now;
  }
  return { routed, waiting: waiting.length - routed };
}

/**
 * An agent went offline: under each of their teams' rules that take tickets back, their open
 * tickets of that team return to the queue (`ticket.takeBack`, keyed by the ticket's row version)
 * and the team is routed again. Returns the teams routed.
 */
export async function takeBack(q: Queryable, deps: CommitDeps, tenantId: string, userId: string, now: number): Promise<string[]> {
  await lockTenantClock(q, tenantId);
  const presence = await q.query<{ status: string }>(
    "SELECT data ->> 'status' AS status FROM records WHERE tenant_id = $1 AND entity = 'agent_presence' AND id = $2 AND NOT deleted",
    [tenantId, userId],
  );
  // Back online before the job ran: their tickets stay theirs.
  if (presence.rows[0]?.status !== 'offline') return [];
  const { rows } = await q.query<{ id: string; version: string; team: string }>(
    `SELECT t.id::text AS id, t.version, t.scope::text AS team FROM records t
       JOIN records r ON r.tenant_id = t.tenant_id AND r.entity = 'routing_rule' AND r.id = t.scope AND NOT r.deleted
      WHERE t.tenant_id = $1 AND t.entity = 'ticket' AND NOT t.deleted AND t.data ->> 'assigneeId' = $2
        AND t.data ->> 'status' = ANY($3::text[])
        AND (r.data ->> 'enabled')::boolean AND (r.data ->> 'takeBackWhenOffline')::boolean`,
    [tenantId, userId, ROUTED_STATUSES],
  );
  if (!rows.length) return [];
  await commitIn(q, deps, {
    tenantId,
    actor: systemActor(ROUTING_ACTOR, tenantId),
    mutations: rows.map((t) => ({
      name: 'ticket.takeBack',
      args: { ticketId: t.id, agentId: userId },
      idempotencyKey: `routing-take-back:${t.id}:${t.version}`,
    })),
  });
  const teams = [...new Set(rows.map((t) => t.team))];
  for (const team of teams) await routeTeam(q, deps, tenantId, team, now);
  return teams;
}

/**
 * A ticket was escalated `tiers` tiers up (the `escalated` event `eventId`): it moves to the next
 * tier's team when its team's rule names one (`ticket.toNextTier`, keyed by the event, so it moves
 * once per escalation), and that team is routed. Returns the team routed, or null when it stayed.
 */
export async function followTier(
  q: Queryable,
  deps: CommitDeps,
  tenantId: string,
  ticketId: string,
  eventId: string,
  tiers: number,
  now: number,
): Promise<string | null> {
  await lockTenantClock(q, tenantId);
  const before = await teamOf(q, tenantId, ticketId);
  await commitIn(q, deps, {
    tenantId,
    actor: systemActor(ROUTING_ACTOR, tenantId),
    mutations: [{ name: 'ticket.toNextTier', args: { ticketId, tiers }, idempotencyKey: `routing-tier:${eventId}` }],
  });
  const after = await teamOf(q, tenantId, ticketId);
  if (after === null || after === before) return null;
  await routeTeam(q, deps, tenantId, after, now);
  return after;
}

async function teamOf(q: Queryable, tenantId: string, ticketId: string): Promise<string | null> {
  const { rows } = await q.query<{ team: string }>(
    "SELECT scope::text AS team FROM records WHERE tenant_id = $1 AND entity = 'ticket' AND id = $2 AND NOT deleted",
    [tenantId, ticketId],
  );
  return rows[0]?.team ?? null;
}
