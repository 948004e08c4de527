/** SLA settings pushed to the server: each bad one refused with its code and nothing written; good ones keep every revision. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodCalendar, goodPolicy, SLA_REFUSALS } from '../../shared/areas/sla/refusals.fixture.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { backends } from '../testing/backends.ts';
import { setUp, type Fixture, type TestClient } from '../testing/fixture.ts';

describe.each(backends)('SLA settings pushed to $name', (backend) => {
  let f: Fixture;
  let admin: TestClient;
  let next = 0;
  const ids = { calendar: uuidv7(), policy: uuidv7() };
  const push = async (name: string, args: unknown) => {
    const r = await admin.push([{ id: ++next, name, args }]);
    const result = r.body.results[0];
    return result.status === 'rejected' ? result.error.code : result.status;
  };
  const stored = async (entity: string, field: string, id: string) =>
    (
      await f.db.query<{ data: Record<string, unknown> }>(
        `SELECT data FROM records WHERE entity = $1 AND data ->> '${field}' = $2 ORDER BY (data ->> 'revision')::int`,
        [entity, id],
      )
    ).rows.map((r) => r.data);

  beforeAll(async () => {
    f = await setUp(backend);
    admin = await f.client(f.users.admin);
    expect(await push('calendar.upsert', goodCalendar(ids.calendar))).toBe('applied');
    expect(await push('slaPolicy.upsert', goodPolicy(ids.policy, ids.calendar))).toBe('applied');
  }, 60_000);
  afterAll(() => f.close());

  it('refuses each bad setting with its code, writing nothing', async () => {
    const before = [await stored('business_calendar', 'id', ids.calendar), await stored('sla_policy', 'id', ids.policy)];
    for (const refusal of SLA_REFUSALS) expect(await push(refusal.name, refusal.args(ids)), refusal.what).toBe(refusal.code);
    expect([await stored('business_calendar', 'id', ids.calendar), await stored('sla_policy', 'id', ids.policy)]).toEqual(before);
    expect((await stored('sla_policy_version', 'policyId', ids.policy)).map((v) => v.revision)).toEqual([1]);
  });

  it('keeps every revision of an edited calendar, and the console receives them', async () => {
    expect(
      await push('calendar.upsert', {
        ...goodCalendar(ids.calendar),
        holidays: [{ date: '2026-07-14', name: 'Fête nationale', yearly: true }],
      }),
    ).toBe('applied');
    const kept = await stored('business_calendar_version', 'calendarId', ids.calendar);
    expect(kept.map((v) => [v.revision, (v.holidays as unknown[]).length])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    const agent = await f.client(f.users.agent);
    const pulled = (await agent.pullAll(null)).changes.filter((c) => c.entity === 'business_calendar_version' && c.op === 'put');
    expect(pulled.map((c) => c.id).sort()).toEqual(kept.map((v) => v.id).sort());
  });
});
