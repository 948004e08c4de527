import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import * as fx from '../../../test/fixtures.ts';
import { QUEUE, ticket } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

const listCalls = (fake: ReturnType<typeof createFakeApi>) => fake.calls.filter((c) => c.channel === 'tickets.list');

describe('inbox', () => {
  it('shows the queue as a listbox of ticket rows with number, subject, requester, status and assignee', async () => {
    renderApp('#/inbox/mine');
    const list = await screen.findByRole('listbox', { name: 'Tickets in Mine' });
    const rows = within(list).getAllByRole('option');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(QUEUE.length);
    const first = rows[0] as HTMLElement;
    expect(first).toHaveTextContent('#1000');
    expect(first).toHaveTextContent('Refund for duplicate charge (0)');
    expect(first).toHaveTextContent('Dana Whitfield');
    expect(first).toHaveTextContent('Acme Logistics');
    expect(first).toHaveTextContent('New');
    expect(first).toHaveTextContent('Unassigned');
    expect(first).toHaveTextContent(/Overdue/);
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('heading', { level: 1, name: 'Mine' })).toBeInTheDocument();
  });

  it('moves the selection with J and K and opens the selected ticket with Enter', async () => {
    const user = userEvent.setup();
    renderApp('#/inbox/mine');
    const list = await screen.findByRole('listbox');
    await user.keyboard('jj');
    expect(within(list).getByRole('option', { selected: true })).toHaveTextContent('#1002');
    await user.keyboard('k');
    const selected = within(list).getByRole('option', { selected: true });
    expect(selected).toHaveTextContent('#1001');
    expect(list).toHaveAttribute('aria-activedescendant', selected.id);

    // Open the first ticket (the one the fake Api has a thread for), then Esc returns to the queue.
    await user.keyboard('k{Enter}');
    expect(window.location.hash).toBe(`#/tickets/${ticket.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: ticket.subject })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(window.location.hash).toBe('#/inbox/mine');
    expect(within(await screen.findByRole('listbox')).getByRole('option', { selected: true })).toHaveTextContent('#1000');
  });

  it('puts the focus on the list after every navigation, so Enter opens the selected ticket after a click in the sidebar', async () => {
    const user = userEvent.setup();
    renderApp('#/inbox/mine');
    const sidebar = await screen.findByRole('navigation', { name: 'Main navigation' });
    await screen.findByRole('listbox', { name: 'Tickets in Mine' });

    await user.click(within(sidebar).getByRole('link', { name: /^Unassigned/ }));
    const list = await screen.findByRole('listbox', { name: 'Tickets in Unassigned' });
    await waitFor(() => expect(list).toHaveFocus());
    await user.keyboard('j');
    await user.keyboard('k{Enter}');
    expect(window.location.hash).toBe(`#/tickets/${ticket.id}`);

    // Back from the ticket with Esc: the list again, and Enter opens again.
    expect(await screen.findByRole('heading', { level: 1, name: ticket.subject })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('listbox', { name: 'Tickets in Unassigned' })).toHaveFocus());

    // A page without a list: the page itself, not the link that led there.
    await user.click(within(sidebar).getByRole('link', { name: 'Dashboard' }));
    await waitFor(() => expect(screen.getByRole('main')).toHaveFocus());
  });

  it('fetches the next page with the cursor the last page returned as the person nears the end', async () => {
    const fake = createFakeApi();
    renderApp('#/inbox/all', fake);
    const list = await screen.findByRole('listbox', { name: 'Tickets in All tickets' });
    expect(listCalls(fake)).toHaveLength(1);
    expect(listCalls(fake)[0]?.input).toMatchObject({ view: 'all', cursor: null, limit: 100 });

    list.scrollTop = 90 * 60;
    fireEvent.scroll(list);

    await waitFor(() => expect(listCalls(fake).map((c) => (c.input as { cursor: string | null }).cursor)).toEqual([null, '100']));
    expect(await within(list).findByText('Invoice shows the wrong VAT number (101)')).toBeInTheDocument();
  });

  it('shows a translated error with a retry when the queue cannot be read', async () => {
    const user = userEvent.setup();
    let fail = true;
    const fake = createFakeApi({
      'tickets.list': (input) => {
        if (fail) throw new AppError('DB_CORRUPT', 'file is not a database');
        return { rows: QUEUE.slice(0, input.limit), nextCursor: null };
      },
    });
    renderApp('#/inbox/mine', fake);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The local data file is damaged');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('listbox')).toBeInTheDocument();
  });

  it('shows the empty state for an empty queue and refreshes when tickets change', async () => {
    let rows = QUEUE.slice(0, 0);
    const fake = createFakeApi({ 'tickets.list': () => ({ rows, nextCursor: null }) });
    renderApp('#/inbox/pending', fake);
    expect(await screen.findByText('No tickets in this queue. Nice work.')).toBeInTheDocument();
    rows = QUEUE.slice(0, 2);
    fake.emit('data.changed', { entity: 'ticket', ids: [] });
    expect(await within(await screen.findByRole('listbox')).findAllByRole('option')).toHaveLength(2);
  });
});

describe('my day, above an agent’s queue', () => {
  const day = { date: '2026-06-30', solved: 3, replies: 12, csat: { days: 30 as const, ratings: 25, satisfied: 23, score: 0.92 } };

  it('shows what I solved and replied today and my CSAT of 30 days, once the queue has its rows', async () => {
    const fake = createFakeApi({ 'metrics.myDay': () => day });
    renderApp('#/inbox/mine', fake);
    const strip = await screen.findByRole('region', { name: 'My day' });
    expect(strip).toHaveTextContent('Today');
    expect(strip).toHaveTextContent('3 solved');
    expect(strip).toHaveTextContent('12 replies');
    expect(strip).toHaveTextContent('My CSAT, 30 days: 92% of 25 ratings');
    // Asked after the queue's first page, which comes first at every start.
    const channels = fake.calls.map((c) => c.channel);
    expect(channels.indexOf('metrics.myDay')).toBeGreaterThan(channels.indexOf('tickets.list'));
    expect(fake.calls.find((c) => c.channel === 'metrics.myDay')?.input).toEqual({ timeZone: expect.any(String) });
  });

  it('says plainly when there are no ratings yet, and speaks Chinese', async () => {
    const fake = createFakeApi({
      'metrics.myDay': () => ({ ...day, solved: 1, replies: 1, csat: { days: 30 as const, ratings: 0, satisfied: 0, score: null } }),
      'settings.get': () => ({ theme: 'dark', locale: 'zh-CN', density: 'comfortable', notifications: true, undoSeconds: 5 }),
    });
    renderApp('#/inbox/mine', fake);
    const strip = await screen.findByRole('region', { name: '我的今天' });
    expect(strip).toHaveTextContent('已解决 1 个');
    expect(strip).toHaveTextContent('回复 1 条');
    expect(strip).toHaveTextContent('近 30 天我的满意度：尚无评分');
  });

  it('is not shown to a supervisor, whose home is the board', async () => {
    const fake = createFakeApi({ 'metrics.myDay': () => day }, { user: { ...fx.me, role: 'supervisor' } });
    renderApp('#/inbox/mine', fake);
    await screen.findByRole('listbox', { name: 'Tickets in Mine' });
    expect(screen.queryByRole('region', { name: 'My day' })).toBeNull();
    expect(fake.calls.some((c) => c.channel === 'metrics.myDay')).toBe(false);
  });
});
