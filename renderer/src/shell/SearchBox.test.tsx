import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test/fake-api.ts';
import { ticket, wang } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render-app.tsx';

describe('global search', () => {
  it('is focused with /, lists hits with the matches highlighted, and opens the chosen one with Enter', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp('#/dashboard', fake);
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });

    await user.keyboard('/');
    const box = screen.getByRole('combobox', { name: 'Search tickets, customers and articles' });
    expect(box).toHaveFocus();
    await user.keyboard('refund');

    const results = await screen.findByRole('listbox', { name: 'Search results' });
    const hits = await within(results).findAllByRole('option');
    expect(hits).toHaveLength(2);
    expect(within(hits[0] as HTMLElement).getByText('refund', { selector: 'mark' })).toBeInTheDocument();
    // The index's CJK spacing is undone and each matched character highlighted.
    expect(hits[1]).toHaveTextContent('申请退款');
    expect(within(hits[1] as HTMLElement).getByText('退款', { selector: 'mark' })).toBeInTheDocument();
    expect(fake.calls.find((c) => c.channel === 'search.query')?.input).toMatchObject({ q: 'refund' });

    await user.keyboard('{Enter}');
    expect(window.location.hash).toBe(`#/tickets/${ticket.id}`);
  });

  it('opens a contact hit on its contact page', async () => {
    const user = userEvent.setup();
    renderApp('#/dashboard');
    await user.type(await screen.findByRole('combobox'), '退款');
    await within(await screen.findByRole('listbox', { name: 'Search results' })).findAllByRole('option');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(window.location.hash).toBe(`#/contacts/${wang.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: '王芳' })).toBeInTheDocument();
  });
});
