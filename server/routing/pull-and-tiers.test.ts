/**
 * "Next ticket" in pull mode and escalation tiers that route, on the server (docs/routing.md):
 * real HTTP against one database, PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../shared/domain/records.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol.ts';
import { createJobRunner, type JobRunner } from '../jobs/runner.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, setUp, type Fixture, type TestClient } from '../testing/fixture.ts';
import { writeRecords } from '../sync/commit.ts';
import { followTierJob, routeTeamJob, routingSweepJob, takeBackJob } from './routing-jobs.ts';

const HOUR = 3_600_000;

describe.each(backends)('pull mode and escalation tiers on $name', (backend) => {
  let f: Fixture;
  let supervisor: TestClient;
  let li: TestClient;
  let sam: TestClient;
  let runner: JobRunner;
  const sent = new Map<TestClient, number>();

  const push = async (client: TestClient, name: string, args: unknown) => {
    const id = (sent.get(client) ?? 0) + 1;
    sent.set(client, id);
    const r = await client.push([{ id, name, args }]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.results[0] as { status: string; error?: { code: string } };
  };
  const applied = async (client: TestClient, name: string, args: unknown) => {
    const result = await push(client, name, args);
    expect(result.status, `${name}: ${JSON.stringify(result)}`).toBe('applied');
  };
  const next = (client: TestClient) => client.request('/routing/next', { clientId: client.clientId, schemaVersion: SYNC_SCHEMA_VERSION });
  const ticket = async (id: string) =>
    (
      await f.db.query<{ data: { assigneeId: string | null; teamId: string; escalationTier: number } }>(
        "SELECT data FROM records WHERE entity = 'ticket' AND id = $1",
        [id],
      )
    ).rows[0]!.data;
  const events = async (id: string, kind: string) =>
    (
      await f.db.query<{ data: TicketEvent }>(
        "SELECT data FROM records WHERE entity = 'ticket_event' AND data ->> 'ticketId' = $1 AND data ->> 'kind' = $2 ORDER BY data ->> 'at', id",
        [id, kind],
      )
    ).rows.map((r) => r.data);
  /** Solves the billing team's waiting tickets, so each test starts with an empty queue. */
  const clearQueue = async () => {
    const { rows } = await f.db.query<{ id: string; status: string }>(
      `SELECT id::text AS id, data ->> 'status' AS status FROM records
        WHERE entity = 'ticket' AND scope = $1 AND data ->> 'assigneeId' IS NULL AND data ->> 'status' IN ('new', 'open', 'on_hold')`,
      [f.teams.billing.id],
    );
    for (const r of rows) await applied(supervisor, 'ticket.setStatus', { id: r.id, status: 'solved', base: r.status });
  };
  const create = async (subject: string, extra: Record<string, unknown> = {}) => {
    const t = newTicket(f, f.teams.billing.id, subject, extra);
    await applied(supervisor, 'ticket.create', t.args);
    return t.id;
  };
  const rule = (teamId: string, fields: Record<string, unknown>) => ({
    teamId,
    mode: 'round_robin',
    matchLanguage: false,
    matchSkills: false,
    takeBackWhenOffline: false,
    enabled: true,
    nextTierTeamId: null,
    ...fields,
  });

  beforeAll(async () => {
    f = await setUp(backend, { jobs: false });
    supervisor = await f.client(f.users.supervisor);
    li = await f.client(f.users.agent);
    sam = await f.client(f.users.techAgent);
    runner = createJobRunner({
      db: f.db,
      kinds: [routeTeamJob, takeBackJob, followTierJob, routingSweepJob],
      instanceId: 'pull-test',
      random: () => 0,
    });
    const start = Date.now() - HOUR;
    for (const [user, team] of [
      [f.users.agent, f.teams.billing],
      [f.users.techAgent, f.teams.tech],
    ] as const) {
      await applied(supervisor, 'user.setRoutingProfile', {
        userId: user.id,
        languages: ['en'],
        skills: [],
        channelCapacity: { email: 10 },
      });
      await applied(supervisor, 'shift.put', {
        userId: user.id,
        shift: { id: uuidv7(), teamId: team.id, start, end: start + 9 * HOUR, breaks: [] },
        previousStart: null,
      });
    }
    await applied(li, 'presence.set', { userId: f.users.agent.id, status: 'online' });
    await applied(sam, 'presence.set', { userId: f.users.techAgent.id, status: 'online' });
    await applied(supervisor, 'routingRule.set', rule(f.teams.billing.id, { mode: 'pull', nextTierTeamId: f.teams.tech.id }));
    await applied(supervisor, 'routingRule.set', rule(f.teams.tech.id, {}));
    await runner.tick();
  }, 60_000);
  afterAll(async () => {
    await runner.stop();
    await f.close();
  });

  it('pushes nothing in pull mode: a new ticket waits in the queue', async () => {
    const id = await create('Waiting for someone to take it');
    await runner.tick();
    expect((await ticket(id)).assigneeId).toBeNull();
    await clearQueue();
  });

  it('gives the agent the most urgent waiting ticket (priority, then age), opens it to them, and says so in its history', async () => {
    const normal = await create('An old normal question');
    const urgentOld = await create('An urgent outage', { priority: 'urgent' });
    const urgentNew = await create('Another urgent outage', { priority: 'urgent' });
    const r = await next(li);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ outcome: 'taken', ticketId: urgentOld });
    expect((await ticket(urgentOld)).assigneeId).toBe(f.users.agent.id);
    const [routed, ...more] = await events(urgentOld, 'routed');
    expect(more).toEqual([]);
    expect(routed).toMatchObject({ automation: 'automation:routing', to: { agentId: f.users.agent.id, mode: 'pull', eligible: 1 } });
    expect((await next(li)).body).toEqual({ outcome: 'taken', ticketId: urgentNew });
    expect((await next(li)).body).toEqual({ outcome: 'taken', ticketId: normal });
    expect((await next(li)).body).toEqual({ outcome: 'none', reason: 'nothing_waiting' });
  });

  it('tells an agent on break why nothing came, and assigns nothing', async () => {
    const id = await create('While Li is on break');
    await applied(li, 'presence.set', { userId: f.users.agent.id, status: 'on_break' });
    expect((await next(li)).body).toEqual({ outcome: 'none', reason: 'nobody_online' });
    expect((await ticket(id)).assigneeId).toBeNull();
    await applied(li, 'presence.set', { userId: f.users.agent.id, status: 'online' });
    await clearQueue();
  });

  it('refuses Next ticket to someone none of whose teams is in pull mode (RULE_VIOLATION), changing nothing', async () => {
    const id = await create('Not for Sam');
    const r = await next(sam);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('RULE_VIOLATION');
    expect((await ticket(id)).assigneeId).toBeNull();
    await clearQueue();
  });

  it('never gives one ticket to two agents pressing at once', async () => {
    // Sam joins billing (on shift there too): two agents pull from one queue.
    const samRecord = { ...f.users.techAgent, teamIds: [f.teams.billing.id, f.teams.tech.id] };
    await f.db.transaction((q) => writeRecords(q, f.tenantId, [{ entity: 'user', id: samRecord.id, row: samRecord }]));
    await applied(supervisor, 'user.setRoutingProfile', {
      userId: samRecord.id,
      languages: ['en'],
      skills: [],
      channelCapacity: { email: 10 },
    });
    const start = Date.now() - HOUR;
    await applied(supervisor, 'shift.put', {
      userId: samRecord.id,
      shift: { id: uuidv7(), teamId: f.teams.billing.id, start: start + 9 * HOUR, end: start + 10 * HOUR, breaks: [] },
      previousStart: null,
    });
    const ids = [await create('Race one'), await create('Race two'), await create('Race three')];
    const replies = await Promise.all([next(li), next(sam), next(li), next(sam), next(li), next(sam)]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const taken = replies.filter((r) => r.body.outcome === 'taken').map((r) => r.body.ticketId as string);
    expect(taken.sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await events(id, 'routed')).toHaveLength(1);
    expect(replies.filter((r) => r.body.outcome === 'none').map((r) => r.body.reason)).toEqual([
      'nothing_waiting',
      'nothing_waiting',
      'nothing_waiting',
    ]);
  });

  it('moves an escalated ticket to the next tier’s team, unassigned, where that team’s rule routes it', async () => {
    const id = await create('Needs the tech team');
    const took = await next(li);
    expect(took.body).toEqual({ outcome: 'taken', ticketId: id });
    await applied(li, 'ticket.escalate', { id, tier: 2, reason: 'Needs a database fix' });
    await runner.tick();
    expect(await ticket(id)).toMatchObject({ teamId: f.teams.tech.id, escalationTier: 2, assigneeId: f.users.techAgent.id });
    const [moved, ...more] = await events(id, 'team');
    expect(more).toEqual([]);
    expect(moved).toMatchObject({ automation: 'automation:routing', from: f.teams.billing.id, to: f.teams.tech.id });
    // Events of one commit share their instant: compared as a set.
    const assignees = (await events(id, 'assignee')).map((e) => [e.from, e.to]);
    expect(assignees).toHaveLength(3);
    expect(assignees).toEqual(
      expect.arrayContaining([
        [null, f.users.agent.id],
        [f.users.agent.id, null],
        [null, f.users.techAgent.id],
      ]),
    );
    expect((await events(id, 'routed')).map((e) => (e.to as { mode: string }).mode).sort()).toEqual(['pull', 'round_robin']);
  });

  it('refuses a rule whose next tier is an unknown team or the team itself, saving nothing', async () => {
    const unknown = await push(supervisor, 'routingRule.set', rule(f.teams.tech.id, { nextTierTeamId: uuidv7() }));
    expect(unknown).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' } });
    const itself = await push(supervisor, 'routingRule.set', rule(f.teams.tech.id, { nextTierTeamId: f.teams.tech.id }));
    expect(itself).toMatchObject({ status: 'rejected', error: { code: 'RULE_VIOLATION' } });
    const { rows } = await f.db.query<{ next: string | null }>(
      "SELECT data ->> 'nextTierTeamId' AS next FROM records WHERE entity = 'routing_rule' AND id = $1",
      [f.teams.tech.id],
    );
    expect(rows[0]?.next ?? null).toBeNull();
  });
});
