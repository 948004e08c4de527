import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createDemoData } from '../../../../shared/demo/generate.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import { me } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';
import type { SlaPolicy } from '../../../../shared/sla/records.ts';
import { previewDue } from './ServiceLevels.tsx';

const NOW = Date.UTC(2026, 2, 6, 16); // Friday 6 March 2026, 16:00 in London
const { organization: demo } = createDemoData({ tickets: 1, seed: 5, now: NOW });
const calendars = demo.calendars.map((c) => ({ ...c, tenantId: me.tenantId }));
const policies = demo.slaPolicies.map((p) => ({ ...p, tenantId: me.tenantId }));
const supervisor = { ...me, role: 'supervisor' as const };

function withSettings(user: typeof me = supervisor) {
  const fake = createFakeApi({}, { user });
  fake.backend.tx.put('user', user);
  for (const c of calendars) fake.backend.tx.put('business_calendar', c);
  for (const p of policies) fake.backend.tx.put('sla_policy', p);
  return fake;
}

describe('Service levels', () => {
  it('previews due times with the engine: calendar hours from now, business hours on the calendar', () => {
    const urgent = previewDue(policies, calendars, NOW);
    expect(urgent.policy?.name).toBe('Urgent & high');
    expect(urgent.firstReply).toBe(NOW + 4 * 60 * 60_000);
    expect(urgent.resolution).toBe(NOW + 24 * 60 * 60_000);
    // Without it, Standard applies: 4 business hours from Friday 16:00 are Friday 16-18 and Monday 08-10 (London).
    const standard = previewDue(
      policies.map((p) => (p.name === 'Urgent & high' ? { ...p, active: false } : p)),
      calendars,
      NOW,
    );
    expect(standard.policy?.name).toBe('Standard');
    expect(standard.firstReply).toBe(Date.UTC(2026, 2, 9, 10));
  });

  it('lets a supervisor reorder and switch off policies from the keyboard, the preview following', async () => {
    const user = userEvent.setup();
    const fake = withSettings();
    renderApp('#/settings', fake);
    const list = await screen.findByRole('list', { name: 'SLA policies, first match applies' });
    const names = () =>
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent);
    expect(names()).toEqual(['Urgent & high', 'Enterprise accounts', 'Standard']);
    expect(screen.getByText(/falls under “Urgent & high”/)).toBeInTheDocument();

    screen.getByRole('button', { name: 'Move Standard up' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(names()).toEqual(['Urgent & high', 'Standard', 'Enterprise accounts']));

    await user.click(screen.getByRole('button', { name: 'Switch off Urgent & high' }));
    expect(await screen.findByText(/falls under “Standard”/)).toBeInTheDocument();
    expect(fake.calls.filter((c) => c.channel === 'mutations.run').map((c) => (c.input as { name: string }).name)).toEqual([
      'slaPolicy.reorder',
      'slaPolicy.setActive',
    ]);
  });

  it('lets a supervisor choose what a breach does, per policy, saved as an edit of the policy', async () => {
    const user = userEvent.setup();
    const fake = withSettings();
    renderApp('#/settings', fake);
    const standard = await screen.findByRole('group', { name: 'When a target of Standard breaches' });
    const escalate = within(standard).getByRole('checkbox', { name: 'Escalate one tier' });
    expect(escalate).not.toBeChecked();
    escalate.focus();
    await user.keyboard(' ');
    await waitFor(() => expect(within(standard).getByRole('checkbox', { name: 'Escalate one tier' })).toBeChecked());
    const saved = fake.calls.filter((c) => c.channel === 'mutations.run').map((c) => c.input as { name: string; args: SlaPolicy });
    const before = policies.find((p) => p.name === 'Standard')!;
    expect(saved).toEqual([
      {
        name: 'slaPolicy.upsert',
        args: expect.objectContaining({
          id: before.id,
          targets: before.targets,
          breachActions: { ...before.breachActions, escalate: true },
        }),
      },
    ]);
    // The other policies keep theirs (the demo's first one does escalate).
    const urgent = screen.getByRole('group', { name: 'When a target of Urgent & high breaches' });
    expect(within(urgent).getByRole('checkbox', { name: 'Escalate one tier' })).toBeChecked();
    expect(within(urgent).getByRole('checkbox', { name: 'Raise the priority one step' })).not.toBeChecked();
  });

  it('is not shown to agents', async () => {
    renderApp('#/settings', withSettings(me));
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    expect(screen.queryByRole('heading', { name: 'Service levels' })).not.toBeInTheDocument();
  });
});
