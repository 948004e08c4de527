import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../shared/domain/records.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { createJobRunner, type JobRunner } from '../jobs/runner.ts';
import { enqueue } from '../jobs/enqueue.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, setUp, type Fixture, type TestClient } from '../testing/fixture.ts';
import { writeRecords } from '../sync/commit.ts';
import { OFFLINE_GRACE_MS, routeTeamJob, routingSweepJob, takeBackJob } from './routing-jobs.ts';

const HOUR = 3_600_000;

describe.each(backends)('routing on the server on $name', (backend) => {
  let f: Fixture;
  let supervisor: TestClient;
  let li: TestClient;
  let sam: TestClient;
  let runners: JobRunner[];
  /** Each client's last mutation id. */
  const sent = new Map<TestClient, number>();

  const push = async (client: TestClient, name: string, args: unknown) => {
    const id = (sent.get(client) ?? 0) + 1;
    sent.set(client, id);
    const r = await client.push([{ id, name, args }]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const result = r.body.results[0];
    expect(result.status, `${name}: ${JSON.stringify(result)}`).toBe('applied');
  };
  const ticket = async (id: string) =>
    (await f.db.query<{ data: { assigneeId: string | null } }>("SELECT data FROM records WHERE entity = 'ticket' AND id = $1", [id]))
      .rows[0]!.data;
  const routedEvents = async (id: string) =>
    (
      await f.db.query<{ data: TicketEvent }>(
        "SELECT data FROM records WHERE entity = 'ticket_event' AND data ->> 'ticketId' = $1 AND data ->> 'kind' = 'routed'",
        [id],
      )
    ).rows.map((r) => r.data);
  /** A new billing ticket from the customer, written by `by`, with the customer's message `body`. */
  const create = async (by: TestClient, body: string) => {
    const t = newTicket(f, f.teams.billing.id, body.slice(0, 40));
    await push(by, 'ticket.create', { ...t.args, message: { ...t.args.message, body } });
    return t.id;
  };
  const runJobs = () => runners[0]!.tick();

  beforeAll(async () => {
    f = await setUp(backend, { jobs: false });
    supervisor = await f.client(f.users.supervisor);
    li = await f.client(f.users.agent);
    sam = await f.client(f.users.techAgent);
    runners = [0, 1].map((i) =>
      createJobRunner({ db: f.db, kinds: [routeTeamJob, takeBackJob, routingSweepJob], instanceId: `routing-test-${i}`, random: () => 0 }),
    );
    // Sam works billing too: two agents in the team.
    const samRecord = { ...f.users.techAgent, teamIds: [f.teams.billing.id, f.teams.tech.id] };
    await f.db.transaction((q) => writeRecords(q, f.tenantId, [{ entity: 'user', id: samRecord.id, row: samRecord }]));

    await push(supervisor, 'user.setRoutingProfile', {
      userId: f.users.agent.id,
      languages: ['zh-CN', 'en'],
      skills: [],
      channelCapacity: { email: 3 },
    });
    await push(supervisor, 'user.setRoutingProfile', {
      userId: samRecord.id,
      languages: ['en'],
      skills: [],
      channelCapacity: { email: 3 },
    });
    await push(supervisor, 'routingRule.set', {
      teamId: f.teams.billing.id,
      mode: 'round_robin',
      matchLanguage: true,
      matchSkills: false,
      takeBackWhenOffline: true,
      enabled: true,
    });
    const start = Date.now() - HOUR;
    for (const userId of [f.users.agent.id, samRecord.id])
      await push(supervisor, 'shift.put', {
        userId,
        shift: { id: uuidv7(), teamId: f.teams.billing.id, start, end: start + 9 * HOUR, breaks: [] },
        previousStart: null,
      });
    await push(li, 'presence.set', { userId: f.users.agent.id, status: 'online' });
    await push(sam, 'presence.set', { userId: samRecord.id, status: 'online' });
    await runJobs();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await f.close();
  });

  it('routes a Chinese ticket to the one Chinese speaker on shift and online, and says why in its history', async () => {
    const id = await create(supervisor, '你好，我的发票金额不对，请帮我看一下。');
    await runJobs();
    expect((await ticket(id)).assigneeId).toBe(f.users.agent.id);
    const [routed, ...more] = await routedEvents(id);
    expect(more).toEqual([]);
    expect(routed).toMatchObject({
      actorKind: 'automation',
      automation: 'automation:routing',
      to: { agentId: f.users.agent.id, mode: 'round_robin', eligible: 1, language: 'zh-CN' },
    });
  });

  it('gives an English ticket to the agent whose turn it is (round robin: routed longest ago)', async () => {
    const id = await create(supervisor, 'My invoice total is wrong, please check it.');
    await runJobs();
    expect((await ticket(id)).assigneeId).toBe(f.users.techAgent.id);
    expect((await routedEvents(id))[0]?.to).toMatchObject({ eligible: 2, language: 'en' });
  });

  it('lets a ticket wait while nobody fits, and routes it when an agent comes back from a break', async () => {
    await push(li, 'presence.set', { userId: f.users.agent.id, status: 'on_break' });
    const id = await create(supervisor, '请问退款什么时候到账？');
    await runJobs();
    expect((await ticket(id)).assigneeId).toBeNull();
    expect(await routedEvents(id)).toEqual([]);
    await push(li, 'presence.set', { userId: f.users.agent.id, status: 'online' });
    await runJobs();
    expect((await ticket(id)).assigneeId).toBe(f.users.agent.id);
  });

  it('decides each ticket once when two instances run the team’s routing at the same moment', async () => {
    await push(li, 'presence.set', { userId: f.users.agent.id, status: 'on_break' });
    await push(sam, 'presence.set', { userId: f.users.techAgent.id, status: 'on_break' });
    const ids = [await create(supervisor, 'First question about my bill'), await create(supervisor, 'Second question about my bill')];
    await runJobs();
    expect((await Promise.all(ids.map(ticket))).map((t) => t.assigneeId)).toEqual([null, null]);
    // Sam's return queues a run; a second, separately queued run of the same team races it.
    await push(sam, 'presence.set', { userId: f.users.techAgent.id, status: 'online' });
    await enqueue(
      f.db,
      { kind: routeTeamJob, tenantId: f.tenantId, payload: { teamId: f.teams.billing.id }, dedupeKey: `race:${uuidv7()}`, runAt: 0 },
      Date.now(),
    );
    await Promise.all(runners.map((r) => r.tick()));
    for (const id of ids) {
      expect((await ticket(id)).assigneeId).toBe(f.users.techAgent.id);
      expect(await routedEvents(id)).toHaveLength(1);
    }
  });

  it('queues a routing run when a ticket changes what routing reads, and none for a change of priority alone', async () => {
    const id = await create(supervisor, 'My invoice was charged twice this month, please check it.');
    await runJobs();
    const queued = async () =>
      Number(
        (await f.db.query<{ n: string }>("SELECT count(*) AS n FROM jobs WHERE kind = 'routing.team' AND state = 'queued'")).rows[0]!.n,
      );
    expect(await queued()).toBe(0);
    await push(supervisor, 'ticket.update', { id, priority: 'urgent' });
    expect(await queued()).toBe(0);
    await push(supervisor, 'ticket.tags', { id, add: ['refund'] });
    expect(await queued()).toBe(1);
    await runJobs();
    const teamId = f.teams.billing.id;
    const assigneeId = (await ticket(id)).assigneeId;
    await push(supervisor, 'ticket.assign', { id, assigneeId: assigneeId ? null : f.users.agent.id, teamId, base: { assigneeId, teamId } });
    expect(await queued()).toBe(1);
    await runJobs();
  });

  it('never routes past an agent’s capacity for the channel', async () => {
    // Sam carries three open e-mails now (his capacity): the next English ticket waits.
    await create(supervisor, 'Third question about my bill');
    await runJobs();
    const id = await create(supervisor, 'Fourth question about my bill');
    await runJobs();
    const { rows } = await f.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM records WHERE entity = 'ticket' AND data ->> 'assigneeId' = $1 AND data ->> 'status' IN ('new', 'open', 'on_hold')",
      [f.users.techAgent.id],
    );
    expect(Number(rows[0]!.n)).toBe(3);
    expect((await ticket(id)).assigneeId).toBeNull();
  });

  it('takes an offline agent’s tickets back to the queue under a rule that says so', async () => {
    await push(sam, 'presence.set', { userId: f.users.techAgent.id, status: 'offline' });
    await runJobs();
    const { rows } = await f.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM records WHERE entity = 'ticket' AND data ->> 'assigneeId' = $1 AND data ->> 'status' IN ('new', 'open', 'on_hold')",
      [f.users.techAgent.id],
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('sets offline someone whose console has been gone past the grace period', async () => {
    await push(li, 'presence.set', { userId: f.users.agent.id, status: 'online' });
    await f.db.query(
      `INSERT INTO console_seen (tenant_id, user_id, last_seen) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET last_seen = excluded.last_seen`,
      [f.tenantId, f.users.agent.id, Date.now() - OFFLINE_GRACE_MS - 1000],
    );
    await f.db.transaction((tx) => routingSweepJob.handle({ tx, payload: {}, tenantId: null, attempt: 1, now: Date.now() }));
    const { rows } = await f.db.query<{ status: string }>(
      "SELECT data ->> 'status' AS status FROM records WHERE entity = 'agent_presence' AND id = $1",
      [f.users.agent.id],
    );
    expect(rows[0]?.status).toBe('offline');
  });
});
