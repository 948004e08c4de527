import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { BusinessCalendar, BusinessCalendarVersion, SlaPolicy, SlaPolicyVersion } from '../../shared/sla/records.ts';
import { backends, type TestDb } from '../testing/backends.ts';
import { MIGRATIONS } from './migrations.ts';

describe.each(backends)('the SLA settings migration on $name, on a database with data', (backend) => {
  let t: TestDb;
  afterEach(() => t.dispose());

  it('gives the old policies and calendars the engine shape and keeps their revision 1', async () => {
    t = await backend.open();
    const { db } = t;
    const [tenant, calendarId, policyId] = [uuidv7(), uuidv7(), uuidv7()];
    const base = { tenantId: tenant, version: 4, createdAt: 1_000, updatedAt: 2_000 };
    const put = (entity: string, data: Record<string, unknown>) =>
      db.query("INSERT INTO records (tenant_id, entity, id, scope, scope_kind, version, data) VALUES ($1, $2, $3, $1, 'tenant', 4, $4)", [
        tenant,
        entity,
        data.id,
        JSON.stringify({ ...base, ...data }),
      ]);
    const weeklyHours = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:30' }));
    await put('business_calendar', { id: calendarId, name: 'London office', timeZone: 'Europe/London', weeklyHours, holidays: [] });
    const none = { firstReplyMinutes: null, nextReplyMinutes: null, resolutionMinutes: null };
    await put('sla_policy', {
      id: policyId,
      name: 'Standard',
      position: 0,
      conditions: { accountTiers: ['enterprise'], channels: [] },
      targets: { low: none, normal: none, high: { firstReplyMinutes: 60, nextReplyMinutes: null, resolutionMinutes: 480 }, urgent: none },
      calendarId,
      atRiskShare: 0.8,
      active: true,
    });

    // The step itself, over rows as the releases before it wrote them.
    await db.exec(MIGRATIONS.find((m) => m.version === 7)?.sql ?? '');

    const rows = async (entity: string) =>
      (await db.query<{ data: Record<string, unknown> }>('SELECT data FROM records WHERE entity = $1', [entity])).rows.map((r) => r.data);
    const [policy] = await rows('sla_policy');
    expect(SlaPolicy.parse(policy)).toMatchObject({
      conditions: { accountTiers: ['enterprise'] },
      targets: { high: { firstReply: { minutes: 60, hours: 'business' }, resolution: { minutes: 480, hours: 'business' } } },
      runningStatuses: ['new', 'open', 'on_hold'],
      revision: 1,
    });
    expect(BusinessCalendar.parse((await rows('business_calendar'))[0])).toMatchObject({ weeklyHours, active: true, revision: 1 });
    expect(SlaPolicyVersion.parse((await rows('sla_policy_version'))[0])).toMatchObject({ policyId, revision: 1, name: 'Standard' });
    expect(BusinessCalendarVersion.parse((await rows('business_calendar_version'))[0])).toMatchObject({ calendarId, revision: 1 });
  });
});
