import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import * as fx from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

const supervisor = { ...fx.me, id: fx.id('sofia'), name: 'Sofia Reyes', email: 'sofia@switchboard.test', role: 'supervisor' as const };
const top = fx.escalations.tickets[0]!;

/** A supervisor's console whose cache holds the tier-3 ticket of the queue. */
function asSupervisor() {
  const fake = createFakeApi({}, { user: supervisor });
  fake.backend.tx.put('user', supervisor);
  const ticket: Ticket = { ...fx.ticket, id: top.ticket.id, number: top.ticket.number, subject: top.ticket.subject, escalationTier: 3 };
  fake.backend.tx.put('ticket', ticket);
  return fake;
}

describe('the escalation queue', () => {
  it('lists escalated tickets by tier, highest first, with reason, age and SLA state', async () => {
    renderApp('#/escalations', asSupervisor());
    const tier3 = await screen.findByRole('region', { name: 'Tier 3' });
    const tier2 = screen.getByRole('region', { name: 'Tier 2' });
    expect(tier3.compareDocumentPosition(tier2) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const row = within(tier3).getByRole('row', { name: new RegExp(`#${top.ticket.number}`) });
    expect(row).toHaveTextContent('Ledger bug, needs engineering');
    expect(row).toHaveTextContent('5 hours ago');
    expect(row).toHaveTextContent('Breached');
    expect(within(tier2).getByRole('row', { name: /#1004/ })).toHaveTextContent('No SLA');
  });

  it('takes a ticket down a tier only with a reason, through ticket.deescalate', async () => {
    const user = userEvent.setup();
    const fake = asSupervisor();
    renderApp('#/escalations', fake);
    await user.click(await screen.findByRole('button', { name: `De-escalate #${top.ticket.number}` }));
    const dialog = screen.getByRole('dialog', { name: 'De-escalate ticket' });
    expect(within(dialog).getByRole('combobox', { name: 'Take back to' })).toHaveDisplayValue('Tier 2');
    await user.click(within(dialog).getByRole('button', { name: 'De-escalate' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Say why the ticket no longer needs this tier');
    expect(fake.calls.some((c) => c.channel === 'mutations.run')).toBe(false);

    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Take back to' }), 'Tier 1');
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Workaround given');
    await user.click(within(dialog).getByRole('button', { name: 'De-escalate' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const run = fake.calls.find((c) => c.channel === 'mutations.run');
    expect(run?.input).toMatchObject({ name: 'ticket.deescalate', args: { id: top.ticket.id, tier: 1, reason: 'Workaround given' } });
    expect(fake.backend.tx.get('ticket', top.ticket.id)?.escalationTier).toBe(1);
  });

  it('reads in Chinese', async () => {
    const zh = () => ({
      theme: 'dark' as const,
      locale: 'zh-CN' as const,
      density: 'comfortable' as const,
      notifications: true,
      undoSeconds: 5,
    });
    renderApp('#/escalations', createFakeApi({ 'settings.get': zh }, { user: supervisor }));
    expect(await screen.findByRole('heading', { name: '升级队列' })).toBeInTheDocument();
    const tier2 = screen.getByRole('region', { name: '二线' });
    expect(tier2).toHaveTextContent('客户要求主管回复');
    expect(tier2).toHaveTextContent('无 SLA');
    expect(within(tier2).getByRole('button', { name: '降级 #1004' })).toBeInTheDocument();
  });

  it('tells an agent the rules refused, and keeps the dialog open', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.backend.tx.put('ticket', { ...fx.ticket, id: top.ticket.id, escalationTier: 3 });
    renderApp('#/escalations', fake);
    await user.click(await screen.findByRole('button', { name: `De-escalate #${top.ticket.number}` }));
    const dialog = screen.getByRole('dialog', { name: 'De-escalate ticket' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Fixed');
    await user.click(within(dialog).getByRole('button', { name: 'De-escalate' }));
    expect(await within(dialog).findByRole('alert')).toBeInTheDocument();
    expect(fake.backend.tx.get('ticket', top.ticket.id)?.escalationTier).toBe(3);
  });
});
