import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../../shared/contract/channels.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../../shared/search/text.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import { dana, id, searchHits, ticket } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { usePalette } from './palette-store.ts';

const messageHit = (word: string, number: number): SearchHit => ({
  kind: 'message',
  id: id('message-hit', number),
  ticketId: ticket.id,
  title: `Subject with ${word}`,
  snippet: `the customer wrote ${HIGHLIGHT_START}${word}${HIGHLIGHT_END} here`,
  at: 0,
  ticketNumber: number,
  ticketStatus: 'open',
  requesterName: dana.name,
});

beforeEach(() => {
  localStorage.clear();
  usePalette.setState({ open: false, text: '', kinds: [], statuses: [], recent: [] });
});

describe('search palette', () => {
  it('opens with Ctrl+K, shows hits grouped by kind with highlights and the ticket and requester, and opens one with ↓ Enter', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      'search.query': () => ({ hits: [searchHits[0]!, messageHit('refund', 4321), searchHits[1]!], totals: [] }),
    });
    renderApp('#/dashboard', fake);
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });

    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Search' });
    const box = within(dialog).getByRole('combobox', { name: 'Search tickets, messages, customers and articles' });
    expect(box).toHaveFocus();
    await user.keyboard('refund');

    const list = await within(dialog).findByRole('listbox', { name: 'Search results' });
    const groups = await within(list).findAllByRole('group');
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['Tickets', 'Messages', 'Contacts']);
    const message = within(groups[1]!).getByRole('option');
    expect(message).toHaveTextContent('#4321');
    expect(message).toHaveTextContent(dana.name);
    expect(within(message).getByText('refund', { selector: 'mark' })).toBeInTheDocument();
    expect(fake.calls.filter((c) => c.channel === 'search.query').at(-1)?.input).toMatchObject({ q: 'refund', perKind: true });

    // The first hit is active; ↓ moves to the message, Enter opens its ticket.
    expect(box).toHaveAttribute('aria-activedescendant', within(groups[0]!).getByRole('option').id);
    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', message.id);
    expect(message).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(window.location.hash).toBe(`#/tickets/${ticket.id}`);
    expect(screen.queryByRole('dialog', { name: 'Search' })).not.toBeInTheDocument();
  });

  it('never shows an older answer that arrives after a newer one', async () => {
    const user = userEvent.setup();
    const pending: { q: string; resolve: (hits: SearchHit[]) => void }[] = [];
    const fake = createFakeApi({
      'search.query': ({ q }) =>
        new Promise<{ hits: SearchHit[]; totals: [] }>((resolve) => pending.push({ q, resolve: (hits) => resolve({ hits, totals: [] }) })),
    });
    renderApp('#/dashboard', fake);
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await user.keyboard('/');
    const box = await screen.findByRole('combobox', { name: 'Search tickets, messages, customers and articles' });

    await user.type(box, 'inv');
    await waitFor(() => expect(pending.map((p) => p.q)).toEqual(['inv']));
    await user.type(box, 'oice');
    await waitFor(() => expect(pending.map((p) => p.q)).toEqual(['inv', 'invoice']));

    // The newer answer lands first, then the stale one: only the newer is shown.
    await act(async () => pending[1]!.resolve([messageHit('invoice', 2)]));
    await act(async () => pending[0]!.resolve([messageHit('inventory', 1)]));
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(1);
    expect(options[0]).toHaveTextContent('#2');
    expect(screen.queryByText('inventory')).not.toBeInTheDocument();
  });

  it('ends a group with more hits than it shows in "Show all N", which lists that kind alone', async () => {
    const user = userEvent.setup();
    const all = Array.from({ length: 37 }, (_, i) => messageHit('refund', 5000 + i));
    const fake = createFakeApi({
      'search.query': ({ kinds, limit }) =>
        kinds.length === 1
          ? { hits: all.slice(0, limit), totals: [{ kind: 'message', count: 37, capped: false }] }
          : {
              hits: [searchHits[0]!, ...all.slice(0, limit)],
              totals: [
                { kind: 'ticket', count: 1, capped: false },
                { kind: 'message', count: 37, capped: false },
              ],
            },
    });
    renderApp('#/dashboard', fake);
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('refund');

    const messages = await screen.findByRole('group', { name: 'Messages' });
    await waitFor(() => expect(within(messages).getAllByRole('option')).toHaveLength(7));
    const showAll = within(messages).getByRole('option', { name: 'Show all 37 in Messages' });
    expect(within(screen.getByRole('group', { name: 'Tickets' })).queryByRole('option', { name: /^Show all/ })).not.toBeInTheDocument();
    expect(screen.getByText('7 results')).toBeInTheDocument();

    // Reached with the arrows like any option.
    await user.keyboard('{ArrowDown}'.repeat(7));
    expect(showAll).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(screen.getByRole('group', { name: 'Messages' })).getAllByRole('option')).toHaveLength(37));
    expect(fake.calls.filter((c) => c.channel === 'search.query').at(-1)?.input).toMatchObject({ kinds: ['message'], limit: 50 });
    expect(screen.getByRole('button', { name: 'Messages' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('ends one kind\'s list in "Show more", which loads the next page when reached with the arrows or chosen', async () => {
    const user = userEvent.setup();
    const all = Array.from({ length: 120 }, (_, i) => messageHit('refund', 6000 + i));
    const fake = createFakeApi({
      'search.query': ({ limit, offset }) => ({
        hits: all.slice(offset, offset + limit),
        totals: [{ kind: 'message', count: 120, capped: false }],
      }),
    });
    renderApp('#/dashboard', fake);
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('refund');
    await user.click(screen.getByRole('button', { name: 'Messages' }));
    await user.click(screen.getByRole('combobox'));

    const options = () => within(screen.getByRole('group', { name: 'Messages' })).getAllByRole('option');
    const numbers = (hits: readonly SearchHit[]) => hits.map((h) => expect.stringContaining(`#${h.ticketNumber}`));
    await waitFor(() => expect(options()).toHaveLength(51));
    expect(options()[50]).toHaveTextContent('Show more (50 of 120 shown)');
    // ↑ from the first option wraps to "Show more": reaching it loads the next page.
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(options()).toHaveLength(101));
    expect(fake.calls.filter((c) => c.channel === 'search.query').at(-1)?.input).toMatchObject({
      kinds: ['message'],
      offset: 50,
      limit: 50,
    });
    expect(
      options()
        .slice(0, 100)
        .map((o) => o.textContent),
    ).toEqual(numbers(all.slice(0, 100)));

    // Chosen, it loads the rest; then it is gone.
    await user.click(screen.getByRole('option', { name: 'Show more (100 of 120 shown)' }));
    await waitFor(() => expect(options()).toHaveLength(120));
    expect(options().map((o) => o.textContent)).toEqual(numbers(all));
    expect(screen.queryByRole('option', { name: /^Show more/ })).not.toBeInTheDocument();
  });

  it('starts empty each time it opens', async () => {
    const user = userEvent.setup();
    renderApp('#/dashboard');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('refund');
    await user.click(screen.getByRole('button', { name: 'Messages' }));
    await user.keyboard('{Escape}');
    await user.keyboard('{Control>}k{/Control}');
    const box = within(screen.getByRole('dialog', { name: 'Search' })).getByRole('combobox');
    expect(box).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Everything' })).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('x');
    expect(box).toHaveValue('x');
  });

  it('filters by kind and status from the chips Tab reaches, and remembers searches that led somewhere', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp('#/dashboard', fake);
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });

    // Typing in the top bar's box hands the text to the palette.
    await user.type(screen.getByRole('searchbox', { name: 'Search tickets, messages, customers and articles' }), 'r');
    const box = await screen.findByRole('combobox');
    expect(box).toHaveFocus();
    await user.type(box, 'efund');
    await screen.findAllByRole('option');

    await user.tab();
    expect(screen.getByRole('button', { name: 'Everything' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Messages' }));
    expect(screen.getByRole('button', { name: 'Messages' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(within(screen.getByRole('group', { name: 'Ticket status' })).getByRole('button', { name: 'Pending' }));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.channel === 'search.query').at(-1)?.input).toMatchObject({
        q: 'refund',
        kinds: ['message'],
        statuses: ['pending'],
      }),
    );

    box.focus();
    await screen.findAllByRole('option');
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Search' })).not.toBeInTheDocument();

    // Opened again with nothing typed: the recent search is offered, and Enter searches it again.
    await user.keyboard('{Control>}k{/Control}');
    expect(within(screen.getByRole('dialog', { name: 'Search' })).getByRole('combobox')).toHaveValue('');
    const recent = await screen.findByRole('listbox', { name: 'Recent searches' });
    expect(within(recent).getByRole('option')).toHaveTextContent('refund');
    await user.keyboard('{Enter}');
    expect(within(screen.getByRole('dialog', { name: 'Search' })).getByRole('combobox')).toHaveValue('refund');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Search' })).not.toBeInTheDocument();
  });
});
