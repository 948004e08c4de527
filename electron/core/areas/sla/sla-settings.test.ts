import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { goodCalendar, goodPolicy, SLA_REFUSALS } from '../../../../shared/areas/sla/refusals.fixture.ts';
import { deterministicId } from '../../../../shared/ids.ts';
import type { BusinessCalendar, SlaPolicy } from '../../../../shared/sla/records.ts';
import { call, seededCore } from '../../testing/fixtures.ts';

type Settings = { calendars: BusinessCalendar[]; policies: SlaPolicy[] };

describe('SLA settings on the console', () => {
  const core = seededCore(20);
  const run = (name: string, args: unknown) => core.dispatch('mutations.run', { name, args });
  const versions = (table: string, column: string, id: string) => {
    const db = new Database(core.databasePath, { readonly: true });
    const rows = db.prepare(`SELECT revision, name FROM ${table} WHERE ${column} = ? ORDER BY revision`).all(id);
    db.close();
    return rows;
  };
  /** The demo console is an agent's; these tests act as the demo supervisor. */
  const actAs = (role: 'supervisor' | 'agent') => {
    const db = new Database(core.databasePath);
    const id = db.prepare('SELECT id FROM users WHERE role = ? ORDER BY email LIMIT 1').pluck().get(role);
    db.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(id);
    db.close();
  };

  it('lists the demo calendars by name and the policies in order', async () => {
    const { calendars, policies } = await call<Settings>(core, 'sla.settings', {});
    expect(calendars.map((c) => c.timeZone).sort()).toEqual(['America/New_York', 'Asia/Shanghai', 'Europe/London']);
    expect(policies.map((p) => p.name)).toEqual(['Urgent & high', 'Enterprise accounts', 'Standard']);
  });

  it('refuses each bad setting with its code and saves nothing', async () => {
    actAs('supervisor');
    const before = await call<Settings>(core, 'sla.settings', {});
    const ids = { calendar: before.calendars[0]!.id, policy: before.policies[0]!.id };
    for (const refusal of SLA_REFUSALS) {
      const result = await run(refusal.name, refusal.args(ids));
      expect(result.ok ? 'applied' : result.error.code, refusal.what).toBe(refusal.code);
    }
    expect(await call<Settings>(core, 'sla.settings', {})).toEqual(before);
  });

  it('applies a supervisor’s edits at once, each a new revision with the earlier ones kept; an agent’s are refused', async () => {
    actAs('supervisor');
    const calendarId = deterministicId('sla-test', 'paris');
    const policyId = deterministicId('sla-test', 'vip');
    await call(core, 'mutations.run', { name: 'calendar.upsert', args: goodCalendar(calendarId) });
    await call(core, 'mutations.run', { name: 'slaPolicy.upsert', args: goodPolicy(policyId, calendarId) });
    await call(core, 'mutations.run', { name: 'slaPolicy.upsert', args: { ...goodPolicy(policyId, calendarId), name: 'VIP customers' } });
    const { policies } = await call<Settings>(core, 'sla.settings', {});
    const order = [policyId, ...policies.filter((p) => p.id !== policyId).map((p) => p.id)];
    await call(core, 'mutations.run', { name: 'slaPolicy.reorder', args: { ids: order } });

    const after = await call<Settings>(core, 'sla.settings', {});
    expect(after.policies.map((p) => p.id)).toEqual(order);
    // Already first (position 0), it kept its revision; the policies it moved down each made a new one.
    expect(after.policies[0]).toMatchObject({ name: 'VIP customers', revision: 2, active: true, atRiskShare: 0.75, calendarId });
    expect(after.policies.slice(1).map((p) => [p.position, p.revision])).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
    ]);
    expect(versions('sla_policy_versions', 'policy_id', policyId)).toEqual([
      { revision: 1, name: 'VIP' },
      { revision: 2, name: 'VIP customers' },
    ]);
    expect(versions('business_calendar_versions', 'calendar_id', calendarId)).toEqual([{ revision: 1, name: 'Support hours (Paris)' }]);

    actAs('agent');
    const refused = await run('slaPolicy.setActive', { id: policyId, active: false });
    expect(refused.ok ? 'applied' : refused.error.code).toBe('FORBIDDEN');
    expect((await call<Settings>(core, 'sla.settings', {})).policies[0]?.active).toBe(true);
  });
});
