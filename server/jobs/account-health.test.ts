import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { backends } from '../testing/backends.ts';
import { setUp, type Fixture, type TestClient } from '../testing/fixture.ts';
import { writeRecords } from '../sync/commit.ts';
import type { Row } from '../sync/record-writer.ts';
import { accountHealthJob } from './account-health.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 3);

describe.each(backends)('daily account health on $name', (backend) => {
  let f: Fixture;
  let admin: TestClient;
  let manager: TestClient;
  const accountId = uuidv7();

  beforeAll(async () => {
    f = await setUp(backend, { jobs: false });
    admin = await f.client(f.users.admin);
    manager = await f.client(f.users.manager);
    const account = {
      id: accountId,
      tenantId: f.tenantId,
      version: 0,
      createdAt: 1,
      updatedAt: 1,
      name: 'Acme',
      domain: null,
      tier: 'standard',
      lifecycleStage: 'active',
      ownerId: f.users.manager.id,
      renewalDate: null,
      annualValueMinor: 0,
      currency: 'USD',
      healthScore: null,
      notes: '',
    };
    await f.db.transaction((q) => writeRecords(q, f.tenantId, [{ entity: 'account', id: accountId, row: account }]));
  }, 60_000);
  afterAll(() => f.close());

  /** One run of the job as the runner would make it, in a transaction of its own. */
  const runDay = (now: number) => f.db.transaction((tx) => accountHealthJob.handle({ tx, payload: {}, tenantId: null, attempt: 1, now }));
  const stored = async (entity: string, id: string) =>
    (
      await f.db.query<{ data: Record<string, unknown> }>('SELECT data FROM records WHERE tenant_id = $1 AND entity = $2 AND id = $3', [
        f.tenantId,
        entity,
        id,
      ])
    ).rows[0]?.data;
  const followUps = async () =>
    (
      await f.db.query<{ data: Record<string, unknown> }>(
        "SELECT data FROM records WHERE tenant_id = $1 AND entity = 'task' AND data ->> 'accountId' = $2",
        [f.tenantId, accountId],
      )
    ).rows.map((r) => r.data);

  it('refuses weights that do not add up to 100, and takes the admin’s', async () => {
    const bad = await admin.push([
      {
        id: 1,
        name: 'health.weights.set',
        args: { id: f.tenantId, weights: { support: 60, sentiment: 30, engagement: 20, lifecycle: 10 } },
      },
    ]);
    expect(bad.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION' } });
    // Engagement and lifecycle only, so the account's own fields move its score.
    const ok = await admin.push([
      { id: 2, name: 'health.weights.set', args: { id: f.tenantId, weights: { support: 0, sentiment: 0, engagement: 50, lifecycle: 50 } } },
    ]);
    expect(ok.body.results[0].status).toBe('applied');
  });

  it('scores each account once a day, keeps the history, and opens one follow-up task per fall into "at risk"', async () => {
    // Day 1: no interaction ever (-30) and none this month (-20): 50, to watch.
    expect(await runDay(NOW)).toEqual({ tenants: 1, applied: 1 });
    expect(await stored('account_health', accountId)).toMatchObject({
      score: 50,
      band: 'watch',
      day: '2026-03-10',
      history: [{ day: '2026-03-10', score: 50 }],
      reasons: [
        { code: 'no_interaction', points: 30 },
        { code: 'few_interactions', points: 20 },
      ],
    });
    expect(await stored('account', accountId)).toMatchObject({ healthScore: 50 });
    // The same day again (a retried job, a second instance): nothing more.
    expect(await runDay(NOW + 3600_000)).toEqual({ tenants: 1, applied: 0 });

    // Day 2: the account churned: lifecycle loses its 50 points, 0, a fall into "at risk".
    const account = (await stored('account', accountId)) as Row;
    await f.db.transaction((q) =>
      writeRecords(q, f.tenantId, [{ entity: 'account', id: accountId, row: { ...account, lifecycleStage: 'churned' } }]),
    );
    expect(await runDay(NOW + DAY)).toEqual({ tenants: 1, applied: 1 });
    expect(await stored('account_health', accountId)).toMatchObject({
      score: 0,
      band: 'at_risk',
      history: [
        { day: '2026-03-10', score: 50 },
        { day: '2026-03-11', score: 0 },
      ],
    });
    expect(await followUps()).toEqual([
      expect.objectContaining({ assigneeId: f.users.manager.id, title: 'Health fell to 0: follow up with Acme', completedAt: null }),
    ]);

    // Day 3: still at risk: no new fall, no second task.
    expect(await runDay(NOW + 2 * DAY)).toEqual({ tenants: 1, applied: 1 });
    expect(await followUps()).toHaveLength(1);

    // The owner's console receives the health record and the task; the agent's neither.
    const mine = (await manager.pullAll(null)).changes;
    expect(mine.some((c) => c.entity === 'account_health' && c.id === accountId)).toBe(true);
    expect(mine.some((c) => c.entity === 'task' && c.op === 'put' && c.row.accountId === accountId)).toBe(true);
    const agent = await f.client(f.users.agent);
    expect((await agent.pullAll(null)).changes.some((c) => c.entity === 'account_health')).toBe(false);
  });
});
