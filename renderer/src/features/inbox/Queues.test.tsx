import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../../shared/domain/records.ts';
import { runMutation } from '../../api/mutations.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import * as fx from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { INBOX_SHORTCUTS } from './shortcuts.ts';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';

const sidebar = () => screen.getByRole('navigation', { name: 'Main navigation' });

/** The fake's cache holds the first `n` queue rows as tickets, so mutators can act on them. */
function withQueueTickets(n: number) {
  const fake = createFakeApi();
  for (const row of fx.QUEUE.slice(1, n)) {
    const t: Ticket = {
      ...fx.ticket,
      id: row.id,
      number: row.number,
      subject: row.subject,
      status: 'open',
      priority: row.priority,
      tags: row.tags,
    };
    fake.backend.tx.put('ticket', t);
  }
  return fake;
}

describe('queues in the sidebar', () => {
  it('shows each built-in queue with its count, and updates the counts after a change', async () => {
    const fake = createFakeApi();
    renderApp('#/inbox/mine', fake);
    const nav = await waitFor(sidebar);
    expect(await within(nav).findByRole('link', { name: 'Mine 1 ticket' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Unassigned 0 tickets' })).toBeInTheDocument();

    await runMutation(fake.api, 'ticket.assign', {
      id: fx.ticket.id,
      assigneeId: null,
      teamId: fx.team.id,
      base: { assigneeId: fx.me.id, teamId: fx.team.id },
    });

    expect(await within(nav).findByRole('link', { name: 'Mine 0 tickets' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Unassigned 1 ticket' })).toBeInTheDocument();
    // Counts come from Core's maintained counts, not from paging the list.
    expect(fake.calls.filter((c) => c.channel === 'views.counts').length).toBeGreaterThanOrEqual(2);
  });

  it('creates a saved view with the filters chosen, lists it under My views with its count and opens it', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp('#/inbox/mine', fake);
    await user.click(await screen.findByRole('button', { name: '+ New view' }));
    const dialog = await screen.findByRole('dialog', { name: 'New view' });
    await user.type(within(dialog).getByLabelText('Name'), 'Urgent billing');
    await user.click(within(within(dialog).getByRole('group', { name: 'Status' })).getByLabelText('Open'));
    await user.click(within(within(dialog).getByRole('group', { name: 'Priority' })).getByLabelText('High'));
    await user.click(within(within(dialog).getByRole('group', { name: 'Assignee' })).getByLabelText('Me'));
    await user.type(within(dialog).getByLabelText('Tags (any of)'), 'refund, vip');
    // An agent cannot share views (canShareViews): the option is there but off.
    expect(within(dialog).getByLabelText('Everyone in the team')).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Save view' }));

    const upsert = fake.calls.find((c) => c.channel === 'mutations.run' && (c.input as { name: string }).name === 'view.upsert');
    expect((upsert?.input as { args: unknown }).args).toMatchObject({
      name: 'Urgent billing',
      ownerId: fx.me.id,
      filter: { statuses: ['open'], priorities: ['high'], assigneeIds: ['me'], tags: ['refund', 'vip'] },
      sort: 'updated_desc',
    });
    const id = (upsert?.input as { args: { id: string } }).args.id;
    await waitFor(() => expect(window.location.hash).toBe(`#/inbox/view/${id}`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Urgent billing' })).toBeInTheDocument();
    const mine = within(sidebar()).getByRole('list', { name: 'My views' });
    expect(await within(mine).findByRole('link', { name: 'Urgent billing 1 ticket' })).toHaveAttribute('aria-current', 'page');
    // A name too long for the sidebar is cut off with an ellipsis; its tooltip shows it whole.
    expect(within(mine).getByText('Urgent billing')).toHaveAttribute('title', 'Urgent billing');
    await waitFor(() =>
      expect(fake.calls.some((c) => c.channel === 'tickets.list' && (c.input as { savedViewId?: string }).savedViewId === id)).toBe(true),
    );
  });

  it('refuses to save a view without a name, saying why', async () => {
    const user = userEvent.setup();
    renderApp('#/inbox/mine');
    await user.click(await screen.findByRole('button', { name: '+ New view' }));
    const dialog = await screen.findByRole('dialog', { name: 'New view' });
    fireEvent.submit(within(dialog).getByRole('button', { name: 'Save view' }).closest('form')!);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Give the view a name.');
  });
});

describe('multi-select and bulk actions', () => {
  it('ticks rows with X and shift-click, and sets the priority of exactly those tickets', async () => {
    const user = userEvent.setup();
    const fake = withQueueTickets(6);
    renderApp('#/inbox/mine', fake);
    const list = await screen.findByRole('listbox', { name: 'Tickets in Mine' });
    await user.keyboard('x');
    const options = within(list).getAllByRole('option');
    expect(options[0]).toHaveAttribute('aria-checked', 'true');
    // Shift-click the tick box of the fourth row: rows 1-4 are ticked.
    await user.keyboard('{Shift>}');
    await user.click(options[3]!.querySelector('.ticket-row-check')!);
    await user.keyboard('{/Shift}');
    expect(
      within(list)
        .getAllByRole('option', { checked: true })
        .map((o) => o.textContent?.match(/#\d+/)?.[0]),
    ).toEqual(['#1000', '#1001', '#1002', '#1003']);
    // The click ticked; it did not open the ticket.
    expect(window.location.hash).toBe('#/inbox/mine');

    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(bar).toHaveTextContent('4 selected');
    await user.selectOptions(within(bar).getByLabelText('Priority'), 'Urgent');

    // The summary stays after the selection clears.
    expect(await screen.findByText('Updated 4 tickets.')).toBeInTheDocument();
    for (const row of fx.QUEUE.slice(0, 4)) expect(fake.backend.tx.get('ticket', row.id)?.priority).toBe('urgent');
    expect(fake.backend.tx.get('ticket', fx.QUEUE[4]!.id)?.priority).not.toBe('urgent');
    // Every ticket changed: the selection is cleared.
    await waitFor(() => expect(within(list).queryAllByRole('option', { checked: true })).toHaveLength(0));
  });

  it('reports the tickets a bulk change could not apply to and keeps them selected', async () => {
    const user = userEvent.setup();
    // Only rows 0-1 are tickets in the cache: rows 2-3 are refused (NOT_FOUND).
    const fake = withQueueTickets(2);
    renderApp('#/inbox/mine', fake);
    const list = await screen.findByRole('listbox');
    await user.keyboard('xjxjxjx');
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    await user.type(within(bar).getByLabelText('Tags'), 'escalated');
    await user.click(within(bar).getByRole('button', { name: 'Add' }));
    const alert = await within(bar).findByRole('alert');
    expect(alert).toHaveTextContent('Updated 2 tickets.');
    expect(alert).toHaveTextContent('2 tickets were not changed:');
    expect(alert).toHaveTextContent('#1002');
    expect(alert).toHaveTextContent('#1003');
    expect(fake.backend.tx.get('ticket', fx.QUEUE[1]!.id)?.tags).toContain('escalated');
    expect(within(list).getAllByRole('option', { checked: true })).toHaveLength(4);
  });

  it('offers one undo for the whole batch: solving three tickets is taken back before anything leaves', async () => {
    const user = userEvent.setup();
    const fake = withQueueTickets(4);
    // Each ticket as its row shows it, so the status change meets no conflict.
    const before = new Map(fx.QUEUE.slice(0, 4).map((row) => [row.id, row.status]));
    for (const [id, status] of before) fake.backend.tx.put('ticket', { ...fake.backend.tx.get('ticket', id)!, status });
    renderApp('#/inbox/mine', fake);
    const list = await screen.findByRole('listbox', { name: 'Tickets in Mine' });
    // Esc first: the selection is kept between views (and so between tests).
    await user.keyboard('{Escape}');
    for (const option of within(list).getAllByRole('option').slice(0, 3)) await user.click(option.querySelector('.ticket-row-check')!);
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(bar).toHaveTextContent('3 selected');
    await user.selectOptions(within(bar).getByLabelText('Status'), 'Solved');

    const toast = await waitFor(() => screen.getAllByRole('status').find((r) => r.classList.contains('undo-region')) as HTMLElement);
    await within(toast).findByText('3 tickets solved');
    const runs = fake.calls
      .filter((c) => c.channel === 'mutations.run')
      .map((c) => c.input as { args: { id: string }; undoable?: boolean });
    expect(runs.map((r) => r.undoable)).toEqual([true, true, true]);
    const solved = runs.map((r) => r.args.id);
    for (const id of solved) expect(fake.backend.tx.get('ticket', id)?.status).toBe('solved');
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    expect(await within(toast).findByText('Undone.')).toBeInTheDocument();

    for (const id of solved) expect(fake.backend.tx.get('ticket', id)?.status).toBe(before.get(id));
    // Every change was held, and each is withdrawn: none would reach the server.
    expect(fake.backend.outbox.map((m) => m.name)).toEqual(['change.withdrawn', 'change.withdrawn', 'change.withdrawn']);
  });

  it('selects every loaded row with Ctrl+A and clears with Esc', async () => {
    const user = userEvent.setup();
    renderApp('#/inbox/mine');
    const list = await screen.findByRole('listbox');
    await user.keyboard('{Control>}a{/Control}');
    expect(screen.getByRole('region', { name: 'Bulk actions' })).toHaveTextContent('100 selected');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).not.toBeInTheDocument();
    expect(within(list).queryAllByRole('option', { checked: true })).toHaveLength(0);
  });
});

describe('inbox shortcuts', () => {
  it('are exported with a label in every language for the cheat sheet', () => {
    expect(INBOX_SHORTCUTS.map((s) => s.keys)).toEqual(expect.arrayContaining(['J', 'K', 'Enter', 'X', 'Esc']));
    for (const s of INBOX_SHORTCUTS) {
      expect(en[s.label]).toBeTruthy();
      expect(zhCN[s.label]).toBeTruthy();
    }
  });
});
