/**
 * The account playbooks as the account manager meets them: a check-in task 30 days after an
 * account enters onboarding, renewal tasks 90, 60 and 30 days before its renewal date, each
 * opened exactly once, whether two runners share the database or a job runs again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/domain/records.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { backends } from '../testing/backends.ts';
import { setUp, type Fixture, type TestClient } from '../testing/fixture.ts';
import { writeRecords } from '../sync/commit.ts';
import type { Row } from '../sync/record-writer.ts';
import type { Db } from '../store/db.ts';
import { createJobRunner, type JobRunner } from './runner.ts';
import {
  checkInKey,
  onboardingCheckInJob,
  playbookTaskId,
  renewalMilestone,
  renewalPlaybookDaily,
  renewalPlaybookJob,
} from './playbooks.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 3);
/** The calendar date `days` after NOW's (UTC), counted independently of the code under test. */
const dateIn = (days: number) => new Date(Date.UTC(2026, 2, 10 + days)).toISOString().slice(0, 10);

describe('renewal milestones', () => {
  it('is the nearest of 90, 60 and 30 days before the date that today has reached', () => {
    const seen = [120, 91, 90, 61, 60, 59, 31, 30, 1, 0, -1].map((days) => [days, renewalMilestone(dateIn(days), dateIn(0))]);
    expect(seen).toEqual([
      [120, null],
      [91, null],
      [90, 90],
      [61, 90],
      [60, 60],
      [59, 60],
      [31, 60],
      [30, 30],
      [1, 30],
      [0, 30],
      [-1, null],
    ]);
  });
});

describe.each(backends)('account playbooks on $name', (backend) => {
  let f: Fixture;
  let manager: TestClient;
  let other: Db;
  const runners: JobRunner[] = [];

  beforeAll(async () => {
    f = await setUp(backend, { jobs: false });
    manager = await f.client(f.users.manager);
    other = await f.test.openAnother();
  }, 60_000);
  afterAll(async () => {
    for (const r of runners) await r.stop();
    await f.close();
  });

  async function addAccount(name: string, fields: Partial<Account>): Promise<string> {
    const id = uuidv7();
    const account = {
      id,
      tenantId: f.tenantId,
      version: 0,
      createdAt: 1,
      updatedAt: 1,
      name,
      domain: null,
      tier: 'standard',
      lifecycleStage: 'active',
      ownerId: f.users.manager.id,
      renewalDate: null,
      annualValueMinor: 0,
      currency: 'USD',
      healthScore: null,
      notes: '',
      ...fields,
    };
    await f.db.transaction((q) => writeRecords(q, f.tenantId, [{ entity: 'account', id, row: account as Row }]));
    return id;
  }

  /** Two instances' runners on the one database, on one clock the test moves. */
  function twoRunners(clock: { now: number }, withSchedule: boolean) {
    const make = (db: Db, instanceId: string) => {
      const r = createJobRunner({
        db,
        kinds: [onboardingCheckInJob, renewalPlaybookJob],
        schedules: withSchedule ? [renewalPlaybookDaily] : [],
        now: () => clock.now,
        instanceId,
        random: () => 0,
      });
      runners.push(r);
      return r;
    };
    const a = make(f.db, 'a');
    const b = make(other, 'b');
    return async () => {
      const [ranA, ranB] = await Promise.all([a.tick(), b.tick()]);
      return ranA + ranB;
    };
  }

  const tasksOf = async (accountId: string) =>
    (
      await f.db.query<{ data: Record<string, unknown> }>(
        "SELECT data FROM records WHERE tenant_id = $1 AND entity = 'task' AND NOT deleted AND data ->> 'accountId' = $2 ORDER BY data ->> 'title'",
        [f.tenantId, accountId],
      )
    ).rows.map((r) => r.data);

  it('opens one check-in task 30 days after the account enters onboarding, however many runners and runs', async () => {
    const id = await addAccount('Globex', {});
    const pushed = await manager.push([{ id: 1, name: 'account.update', args: { id, changes: { lifecycleStage: 'onboarding' } } }]);
    expect(pushed.body.results[0].status).toBe('applied');
    const { rows } = await f.db.query<{ payload: { enteredAt: number }; run_at: unknown }>(
      "SELECT payload, run_at FROM jobs WHERE kind = 'playbook.onboarding-checkin' AND payload ->> 'accountId' = $1",
      [id],
    );
    expect(rows).toHaveLength(1);
    const enteredAt = rows[0]!.payload.enteredAt;
    expect(Number(rows[0]!.run_at)).toBe(enteredAt + 30 * DAY);
    // Saying "onboarding" again is no new entry: no second job.
    await manager.push([
      { id: 2, name: 'account.update', args: { id, changes: { lifecycleStage: 'onboarding', notes: 'kick-off done' } } },
    ]);
    expect(
      (await f.db.query("SELECT 1 FROM jobs WHERE kind = 'playbook.onboarding-checkin' AND payload ->> 'accountId' = $1", [id])).rows,
    ).toHaveLength(1);

    const clock = { now: enteredAt + 29 * DAY };
    const tick = twoRunners(clock, false);
    expect(await tick()).toBe(0);
    expect(await tasksOf(id)).toEqual([]);

    clock.now = enteredAt + 30 * DAY + 1000;
    expect(await tick()).toBe(1);
    expect(await tasksOf(id)).toEqual([
      expect.objectContaining({
        id: playbookTaskId(checkInKey(id, enteredAt)),
        title: 'Check in with Globex: 30 days of onboarding',
        assigneeId: f.users.manager.id,
        dueAt: clock.now + 3 * DAY,
        completedAt: null,
      }),
    ]);
    expect(await tick()).toBe(0);
    // The job run again (its completion lost, say): the effect is already there.
    const again = await f.db.transaction((tx) =>
      onboardingCheckInJob.handle({ tx, payload: { accountId: id, enteredAt }, tenantId: f.tenantId, attempt: 2, now: clock.now + 5000 }),
    );
    expect(again).toEqual({ applied: 0, already: 1, rejected: 0 });
    expect(await tasksOf(id)).toHaveLength(1);
    // The owner's console receives it.
    const changes = (await manager.pullAll(null)).changes;
    expect(changes.some((c) => c.entity === 'task' && c.op === 'put' && c.row.accountId === id)).toBe(true);
  });

  it('skips the check-in of an account that churned in the meantime', async () => {
    const id = await addAccount('Initech', {});
    await manager.push([{ id: 3, name: 'account.update', args: { id, changes: { lifecycleStage: 'onboarding' } } }]);
    await manager.push([{ id: 4, name: 'account.update', args: { id, changes: { lifecycleStage: 'churned' } } }]);
    const { rows } = await f.db.query<{ payload: { accountId: string; enteredAt: number } }>(
      "SELECT payload FROM jobs WHERE kind = 'playbook.onboarding-checkin' AND payload ->> 'accountId' = $1",
      [id],
    );
    const result = await f.db.transaction((tx) =>
      onboardingCheckInJob.handle({ tx, payload: rows[0]!.payload, tenantId: f.tenantId, attempt: 1, now: NOW }),
    );
    expect(result).toBe('churned');
    expect(await tasksOf(id)).toEqual([]);
  });

  it('opens the renewal tasks at 90, 60 and 30 days, once each, from the daily job on two runners', async () => {
    const renewal = dateIn(75);
    const steady = await addAccount('Umbrella', { renewalDate: renewal });
    // First seen 40 days before its renewal: the 60-day task only, not the 90-day one as well.
    const late = await addAccount('Hooli', { renewalDate: dateIn(40) });
    const churned = await addAccount('Vandelay', { renewalDate: dateIn(20), lifecycleStage: 'churned' });
    const unowned = await addAccount('Soylent', { renewalDate: dateIn(20), ownerId: null });
    const past = await addAccount('Wonka', { renewalDate: dateIn(-3) });

    const clock = { now: NOW };
    const tick = twoRunners(clock, true);
    const titles = async (id: string) => (await tasksOf(id)).map((t) => t.title);

    expect(await tick()).toBe(1);
    expect(await titles(steady)).toEqual(['Renewal in 90 days: Umbrella']);
    expect(await titles(late)).toEqual(['Renewal in 60 days: Hooli']);
    for (const id of [churned, unowned, past]) expect(await tasksOf(id)).toEqual([]);
    // Later the same day: the day's slot has run; a second run of it changes nothing.
    clock.now = NOW + 6 * 3_600_000;
    expect(await tick()).toBe(0);
    const rerun = await f.db.transaction((tx) =>
      renewalPlaybookJob.handle({ tx, payload: {}, tenantId: null, attempt: 2, now: clock.now }),
    );
    expect(rerun).toEqual({ tenants: 1, applied: 0 });

    // 15 days on: 60 days left. Then 46 days on: 29 left. Then the day before the renewal.
    for (const [day, expected] of [
      [15, ['Renewal in 60 days: Umbrella', 'Renewal in 90 days: Umbrella']],
      [46, ['Renewal in 30 days: Umbrella', 'Renewal in 60 days: Umbrella', 'Renewal in 90 days: Umbrella']],
      [74, ['Renewal in 30 days: Umbrella', 'Renewal in 60 days: Umbrella', 'Renewal in 90 days: Umbrella']],
    ] as const) {
      clock.now = NOW + day * DAY;
      expect(await tick()).toBe(1);
      expect(await titles(steady)).toEqual(expected);
    }
    const tasks = await tasksOf(steady);
    expect(tasks.every((t) => t.assigneeId === f.users.manager.id && t.completedAt === null)).toBe(true);
    expect(await titles(late)).toEqual(['Renewal in 30 days: Hooli', 'Renewal in 60 days: Hooli']);
  });
});
