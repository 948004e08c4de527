/**
 * When routing runs (docs/routing.md, "The routing job"), as durable jobs:
 * - `routing.team`, enqueued by the commit that made a team's queue or its agents change (a ticket
 *   created, unassigned, solved or moved; an agent online): routes the team's waiting tickets;
 * - `routing.takeBack`, enqueued by the commit that set someone offline: their tickets go back to
 *   the queue under rules that say so, and are routed again;
 * - `routing.follow_tier`, enqueued by the commit that escalated a ticket up: it moves to the
 *   next tier's team (when its team's rule names one), and that team is routed;
 * - `routing.sweep`, every minute: sets offline everyone whose console has been gone past the
 *   grace period, and routes every team with an enabled rule, which is how a ticket waiting for
 *   nobody-on-shift goes to the first agent whose shift starts.
 * Each runs in the job's transaction: its commits and the job's completion are one.
 */
import { z } from 'zod';
import { systemActor } from '../../shared/domain/actors.ts';
import { Id, type TicketEvent } from '../../shared/domain/records.ts';
import { sameJson } from '../../shared/json-equal.ts';
import { ticketEventChange } from '../../shared/domain/ticket-events.ts';
import type { AgentPresence } from '../../shared/routing/records.ts';
import { defineJobKind, jobCommitDeps, type Schedule } from '../jobs/job.ts';
import { enqueue } from '../jobs/enqueue.ts';
import { tenantChannel } from '../live/pokes.ts';
import type { Queryable } from '../store/db.ts';
import { commitIn, type CommitDeps } from '../sync/commit.ts';
import type { Batch } from '../sync/pg-mutator-tx.ts';
import { key, type Row } from '../sync/record-writer.ts';
import { followTier, ROUTING_ACTOR, routeTeam, takeBack } from './route-team.ts';

export const PRESENCE_ACTOR = 'automation:presence';
/** How long a console may be gone before its person is set offline. */
export const OFFLINE_GRACE_MS = 5 * 60_000;
const SWEEP_EVERY_MS = 60_000;

async function versionOf(tx: Queryable, tenantId: string): Promise<number> {
  const { rows } = await tx.query<{ version: string }>('SELECT version FROM tenant_clock WHERE tenant_id = $1', [tenantId]);
  return Number(rows[0]?.version ?? 0);
}

/** Runs `work`; if it wrote (the tenant's version moved), the consoles are poked when the job's transaction commits. */
async function whileNotifying<T>(tx: Queryable, tenantId: string, now: number, work: (deps: CommitDeps) => Promise<T>): Promise<T> {
  const before = await versionOf(tx, tenantId);
  const result = await work(jobCommitDeps(now));
  if ((await versionOf(tx, tenantId)) !== before) await tx.query('SELECT pg_notify($1, $2)', [tenantChannel(tenantId), '']);
  return result;
}

export const routeTeamJob = defineJobKind({
  name: 'routing.team',
  payload: z.object({ teamId: Id }),
  async handle({ tx, payload, tenantId, now }) {
    if (tenantId === null) throw new Error('a routing job belongs to a tenant');
    const outcome = await whileNotifying(tx, tenantId, now, (deps) => routeTeam(tx, deps, tenantId, payload.teamId, now));
    return { routed: outcome.routed, waiting: outcome.waiting };
  },
});

export const takeBackJob = defineJobKind({
  name: 'routing.take_back',
  payload: z.object({ userId: Id }),
  async handle({ tx, payload, tenantId, now }) {
    if (tenantId === null) throw new Error('a routing job belongs to a tenant');
    const teams = await whileNotifying(tx, tenantId, now, (deps) => takeBack(tx, deps, tenantId, payload.userId, now));
    return { teams };
  },
});

export const followTierJob = defineJobKind({
  name: 'routing.follow_tier',
  payload: z.object({ ticketId: Id, eventId: Id, tiers: z.number().int().min(1).max(2) }),
  async handle({ tx, payload, tenantId, now }) {
    if (tenantId === null) throw new Error('a routing job belongs to a tenant');
    const team = await whileNotifying(tx, tenantId, now, (deps) =>
      followTier(tx, deps, tenantId, payload.ticketId, payload.eventId, payload.tiers, now),
    );
    return { team };
  },
});

/**
 * Sets offline the people of the tenant whose presence is not offline and whose consoles have all
 * been gone past the grace period (console_seen, kept by the live sockets), each once per presence
 * state (the key names the presence record's row version).
 */
export async function setGoneOffline(tx: Queryable, deps: CommitDeps, tenantId: string, now: number): Promise<number> {
  const { rows } = await tx.query<{ id: string; version: string }>(
    `SELECT p.id::text AS id, p.version FROM records p
       LEFT JOIN console_seen s ON s.tenant_id = p.tenant_id AND s.user_id = p.id
      WHERE p.tenant_id = $1 AND p.entity = 'agent_presence' AND NOT p.deleted AND p.data ->> 'status' <> 'offline'
        AND coalesce(s.last_seen, (p.data ->> 'since')::bigint) < $2`,
    [tenantId, now - OFFLINE_GRACE_MS],
  );
  if (!rows.length) return 0;
  const outcome = await commitIn(tx, deps, {
    tenantId,
    actor: systemActor(PRESENCE_ACTOR, tenantId),
    mutations: rows.map((p) => ({
      name: 'presence.set',
      args: { userId: p.id, status: 'offline' },
      idempotencyKey: `presence-offline:${p.id}:${p.version}`,
    })),
  });
  return outcome.results.filter((r) => r.status === 'applied').length;
}

export const routingSweepJob = defineJobKind({
  name: 'routing.sweep',
  payload: z.object({}),
  async handle({ tx, now }) {
    const tenants = await tx.query<{ id: string }>('SELECT id::text AS id FROM tenants ORDER BY id');
    let offline = 0;
    let routed = 0;
    for (const { id: tenantId } of tenants.rows) {
      await whileNotifying(tx, tenantId, now, async (deps) => {
        offline += await setGoneOffline(tx, deps, tenantId, now);
        const teams = await tx.query<{ id: string }>(
          `SELECT id::text AS id FROM records
              WHERE tenant_id = $1 AND entity = 'routing_rule' AND NOT deleted AND (data ->> 'enabled')::boolean ORDER BY id`,
          [tenantId],
        );
        for (const team of teams.rows) routed += (await routeTeam(tx, deps, tenantId, team.id, now)).routed;
      });
    }
    return { offline, routed };
  },
});

export const routingSweepEveryMinute: Schedule<Record<string, never>> = { kind: routingSweepJob, everyMs: SWEEP_EVERY_MS, payload: {} };

/**
 * What a routing decision reads of a ticket (docs/routing.md): whether it waits (assignee, status,
 * team), and what the agents must take (channel, skills from its tags). A write that changes none
 * of these (a priority, an SLA snapshot, a subject) leaves every queue and load as it was, so it
 * queues no routing run: an offline console's thousand priority changes would otherwise queue a
 * run per push, each holding the tenant's lock while it looks at the team's waiting tickets.
 */
const ROUTING_FIELDS = ['assigneeId', 'status', 'teamId', 'channel', 'tags'] as const;

function changesRouting(before: Row | null, after: Row): boolean {
  return before === null || ROUTING_FIELDS.some((f) => !sameJson(before[f], after[f]));
}

/**
 * Called by the commit path with a batch's writes, at the tenant version they land at: queues a
 * routing run for each team whose queue or agents changed, and a take-back for each person set
 * offline. The routing job's own commits queue nothing (it has just routed the team).
 */
export async function scheduleRouting(batch: Batch, actorName: string | null, version: number, now: number): Promise<void> {
  if (actorName === ROUTING_ACTOR) return;
  const teams = new Set<string>();
  const offline = new Set<string>();
  const online: string[] = [];
  const escalated: { ticketId: string; eventId: string; tiers: number }[] = [];
  for (const w of batch.written.values()) {
    if (w.entity === 'ticket_event' && w.row) {
      const change = ticketEventChange(w.row as unknown as TicketEvent);
      if (change?.kind === 'escalated' && change.to.tier > change.from)
        escalated.push({ ticketId: String(w.row.ticketId), eventId: w.id, tiers: change.to.tier - change.from });
    }
    if (w.entity === 'ticket' && w.row && typeof w.row.teamId === 'string') {
      const before = batch.stored.get(key('ticket', w.id)) ?? null;
      if (changesRouting(before, w.row)) {
        teams.add(w.row.teamId);
        if (typeof before?.teamId === 'string') teams.add(before.teamId);
      }
    }
    if (w.entity === 'routing_rule' && w.row) teams.add(w.id);
    if (w.entity === 'agent_presence' && w.row) {
      const status = (w.row as unknown as AgentPresence).status;
      if (status === 'online') online.push(w.id);
      if (status === 'offline') offline.add(w.id);
    }
  }
  for (const w of batch.written.values())
    if (w.entity === 'user' && w.row && Array.isArray(w.row.teamIds)) for (const t of w.row.teamIds) teams.add(String(t));
  if (online.length) {
    const { rows } = await batch.q.query<{ team: string }>(
      `SELECT DISTINCT jsonb_array_elements_text(data -> 'teamIds') AS team FROM records
        WHERE tenant_id = $1 AND entity = 'user' AND id = ANY($2::uuid[])`,
      [batch.tenantId, online],
    );
    for (const r of rows) teams.add(r.team);
  }
  // Only teams routed by an enabled rule: every other commit queues nothing.
  const { rows: routed } = teams.size
    ? await batch.q.query<{ id: string }>(
        `SELECT id::text AS id FROM records
          WHERE tenant_id = $1 AND entity = 'routing_rule' AND id = ANY($2::uuid[]) AND NOT deleted AND (data ->> 'enabled')::boolean`,
        [batch.tenantId, [...teams]],
      )
    : { rows: [] };
  for (const { id: teamId } of routed)
    await enqueue(
      batch.q,
      { kind: routeTeamJob, tenantId: batch.tenantId, payload: { teamId }, dedupeKey: `routing.team:${teamId}:${version}`, runAt: now },
      now,
    );
  // Every escalation up, whatever the rules: the job finds out whether the team names a next tier.
  for (const payload of escalated)
    await enqueue(
      batch.q,
      { kind: followTierJob, tenantId: batch.tenantId, payload, dedupeKey: `routing.follow_tier:${payload.eventId}`, runAt: now },
      now,
    );
  for (const userId of offline)
    await enqueue(
      batch.q,
      { kind: takeBackJob, tenantId: batch.tenantId, payload: { userId }, dedupeKey: `routing.take_back:${userId}:${version}`, runAt: now },
      now,
    );
}
