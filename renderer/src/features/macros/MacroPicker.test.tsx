import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Macro } from '../../../../shared/domain/records.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import { TENANT_ID, closedTicket, id, me, omar, team, ticket } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

const macro = (key: string, patch: Partial<Macro>): Macro => ({
  id: id('macro', key),
  tenantId: TENANT_ID,
  version: 1,
  createdAt: 0,
  updatedAt: 0,
  title: key,
  body: '',
  replyKind: 'reply',
  actions: {},
  ownerId: null,
  active: true,
  ...patch,
});

const refund = macro('refund', {
  title: 'Refund issued',
  body: 'Hi {{requester.firstName}}, the refund for ticket #{{ticket.number}} is on its way.\n{{agent.name}}',
  actions: { status: 'solved', priority: 'normal', addTags: ['refunded'], removeTags: ['vip'] },
});
const handOver = macro('hand-over', {
  title: 'Hand over to Omar',
  body: 'Order {{order.id}}: Omar knows this customer.',
  replyKind: 'note',
  actions: { assigneeId: omar.id, status: 'on_hold', type: 'problem' },
});
const othersPrivate = macro('private', { title: 'Omar’s own', ownerId: omar.id });
const retired = macro('retired', { title: 'Old refund text', active: false });

function withMacros() {
  const fake = createFakeApi();
  for (const m of [refund, handOver, othersPrivate, retired]) fake.backend.tx.put('macro', m);
  return fake;
}
const mutations = (fake: ReturnType<typeof createFakeApi>) => fake.calls.filter((c) => c.channel === 'mutations.run').map((c) => c.input);

beforeEach(() => localStorage.clear());

describe('applying a macro', () => {
  it('previews the reply and the changes; applying changes the fields and leaves the reply in the composer to edit', async () => {
    const user = userEvent.setup();
    const fake = withMacros();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await screen.findByRole('heading', { level: 1, name: ticket.subject });

    await user.keyboard('m');
    const dialog = await screen.findByRole('dialog', { name: 'Apply a macro' });
    const search = await within(dialog).findByRole('combobox', { name: 'Find a macro' });
    expect(search).toHaveFocus();
    // Shared and own active macros only.
    expect(
      within(dialog)
        .getAllByRole('option')
        .map((o) => o.firstChild?.textContent),
    ).toEqual(['Hand over to Omar', 'Refund issued']);

    await user.type(search, 'refund');
    expect(within(dialog).getByRole('option', { name: /Refund issued/ })).toHaveAttribute('aria-selected', 'true');
    const preview = within(dialog).getByRole('region', { name: 'Preview' });
    expect(preview).toHaveTextContent(`Hi Dana, the refund for ticket #${ticket.number} is on its way. Mei Lin`);
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Priority: High → Normal', 'Tags: add refunded; remove vip', 'Status: Open → Solved (when you send the reply)']);

    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Apply a macro' })).not.toBeInTheDocument());
    expect(mutations(fake)).toEqual([
      { name: 'ticket.update', args: { id: ticket.id, priority: 'normal' }, undoable: true },
      { name: 'ticket.tags', args: { id: ticket.id, add: ['refunded'], remove: ['vip'] }, undoable: true },
    ]);
    const box = screen.getByRole('textbox', { name: 'Public reply to the customer' });
    expect(box).toHaveValue(`Hi Dana, the refund for ticket #${ticket.number} is on its way.\nMei Lin`);
    expect(box).toHaveFocus();
    // The ticket is solved when the reply goes out, not before.
    expect(screen.getByRole('combobox', { name: 'Submit as' })).toHaveDisplayValue('Solved');
    expect(fake.backend.tx.get('ticket', ticket.id)).toMatchObject({ status: 'open', priority: 'normal', tags: ['refund', 'refunded'] });
  });

  it('applies a note macro: reassigns, retypes and sets the status now, and appends its note after what was written', async () => {
    const user = userEvent.setup();
    const fake = withMacros();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await screen.findByRole('heading', { level: 1, name: ticket.subject });
    await user.type(screen.getByRole('textbox', { name: 'Public reply to the customer' }), 'Already written');

    await user.click(screen.getByRole('button', { name: /Apply macro/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Apply a macro' });
    const preview = await within(dialog).findByRole('region', { name: 'Preview' });
    expect(preview).toHaveTextContent('Unknown placeholders, left as written: {{order.id}}');
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([`Assignee: ${me.name} → ${omar.name}`, 'Type: Incident → Problem', 'Status: Open → On hold']);
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(mutations(fake)).toEqual([
      {
        name: 'ticket.assign',
        args: { id: ticket.id, assigneeId: omar.id, teamId: team.id, base: { assigneeId: me.id, teamId: team.id } },
        undoable: true,
      },
      { name: 'ticket.update', args: { id: ticket.id, type: 'problem' }, undoable: true },
      { name: 'ticket.setStatus', args: { id: ticket.id, status: 'on_hold', base: 'open' }, undoable: true },
    ]);
    expect(screen.getByRole('textbox', { name: 'Internal note, only your team sees it' })).toHaveValue(
      'Already written\n\nOrder {{order.id}}: Omar knows this customer.',
    );

    // Its field changes wait for the undo window, and come back together from the toast.
    const toast = screen.getAllByRole('status').find((r) => r.classList.contains('undo-region')) as HTMLElement;
    await within(toast).findByText('Macro “Hand over to Omar” changed the ticket');
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    expect(await within(toast).findByText('Undone.')).toBeInTheDocument();
    expect(fake.backend.tx.get('ticket', ticket.id)).toMatchObject({ status: 'open', assigneeId: me.id, type: ticket.type });
  });

  it('cannot be opened on a closed ticket', async () => {
    const user = userEvent.setup();
    const fake = withMacros();
    renderApp(`#/tickets/${closedTicket.id}`, fake);
    expect(await screen.findByRole('button', { name: /Apply macro/ })).toBeDisabled();
    await user.keyboard('m');
    expect(screen.queryByRole('dialog', { name: 'Apply a macro' })).not.toBeInTheDocument();
  });
});
