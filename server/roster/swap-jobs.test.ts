import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { createJobRunner, type JobRunner } from '../jobs/runner.ts';
import { backends } from '../testing/backends.ts';
import { setUp, type Fixture, type TestClient } from '../testing/fixture.ts';
import { rosterSwapsEveryMinute, rosterSwapsJob } from './swap-jobs.ts';

const HOUR = 3_600_000;

describe.each(backends)('swaps that need no approval, on $name', (backend) => {
  let f: Fixture;
  let supervisor: TestClient;
  let agent: TestClient;
  let colleague: TestClient;
  let runner: JobRunner;
  /** The runner's clock: each step a minute on, into the schedule's next slot. */
  let clock = Date.now();
  const nextMinute = () => {
    clock += 61_000;
    return runner.tick();
  };
  const sent = new Map<TestClient, number>();
  const push = async (client: TestClient, name: string, args: unknown) => {
    const id = (sent.get(client) ?? 0) + 1;
    sent.set(client, id);
    const r = await client.push([{ id, name, args }]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.results[0].status as string;
  };
  const record = async (entity: string, id: string) =>
    (await f.db.query<{ data: Record<string, unknown> }>('SELECT data FROM records WHERE entity = $1 AND id = $2', [entity, id])).rows[0]
      ?.data;
  const ownerOf = async (shiftId: string) =>
    (
      await f.db.query<{ user_id: string }>(
        `SELECT data ->> 'userId' AS user_id FROM records
          WHERE entity = 'shift_week' AND NOT deleted AND data -> 'shifts' @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
        [shiftId],
      )
    ).rows.map((r) => r.user_id);

  beforeAll(async () => {
    f = await setUp(backend, { jobs: false });
    supervisor = await f.client(f.users.supervisor);
    agent = await f.client(f.users.agent);
    colleague = await f.client(f.users.manager);
    runner = createJobRunner({
      db: f.db,
      kinds: [rosterSwapsJob],
      schedules: [rosterSwapsEveryMinute],
      instanceId: 'roster-test',
      now: () => clock,
      random: () => 0,
    });
  }, 60_000);
  afterAll(() => f.close());

  it('leaves an accepted swap to a supervisor until the team says swaps need no approval, then applies it once', async () => {
    const start = Date.now() + 48 * HOUR;
    const shift = { id: uuidv7(), teamId: f.teams.billing.id, start, end: start + 8 * HOUR, breaks: [] };
    expect(await push(supervisor, 'shift.put', { userId: f.users.agent.id, shift, previousStart: null })).toBe('applied');
    const id = uuidv7();
    expect(await push(agent, 'swap.offer', { id, shiftId: shift.id, shiftStart: start, toUserId: f.users.manager.id })).toBe('applied');
    expect(await push(colleague, 'swap.accept', { id, returnShiftId: null, returnShiftStart: null })).toBe('applied');

    await nextMinute();
    expect((await record('shift_swap', id))?.status).toBe('accepted');
    expect(await ownerOf(shift.id)).toEqual([f.users.agent.id]);

    const assumptions = {
      teamId: f.teams.billing.id,
      ahtSeconds: { email: 600 },
      serviceLevel: 0.8,
      answerSeconds: 60,
      occupancyTarget: 0.85,
      forecastWeeks: 8,
      swapsNeedApproval: false,
    };
    expect(await push(supervisor, 'staffing.set', assumptions)).toBe('applied');
    await nextMinute();
    expect(await record('shift_swap', id)).toMatchObject({ status: 'approved', decidedBy: null });
    expect(await ownerOf(shift.id)).toEqual([f.users.manager.id]);
    const versions = await f.db.query<{ version: string }>("SELECT version FROM records WHERE entity = 'shift_swap' AND id = $1", [id]);
    await nextMinute();
    expect(
      (await f.db.query<{ version: string }>("SELECT version FROM records WHERE entity = 'shift_swap' AND id = $1", [id])).rows,
    ).toEqual(versions.rows);
  });
});
