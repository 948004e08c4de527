/**
 * A reply box must never take a note by accident (issue 12): after sending, focus leaves the box so
 * N is the note shortcut again; the two modes say who will read them; a public reply, a solve and
 * an assignment made from the keyboard can be undone from one toast, by its button or by Z.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeApi } from '../../../test/fake-api.ts';
import { closedTicket, id as fixtureId, ticket } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { useRouter } from '../../shell/router.ts';

const thread = () => screen.findByRole('region', { name: 'Conversation' });
const mutations = (fake: ReturnType<typeof createFakeApi>) => fake.calls.filter((c) => c.channel === 'mutations.run').map((c) => c.input);
const toast = () => screen.getAllByRole('status').find((r) => r.classList.contains('undo-region')) as HTMLElement;

beforeEach(() => localStorage.clear());

describe('sending from the composer', () => {
  it('leaves the reply box after Ctrl+Enter, so N starts an internal note instead of typing into the reply', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    const reply = screen.getByRole('textbox', { name: 'Public reply to the customer' });
    expect(reply).toHaveAttribute('placeholder', 'Write a reply to Dana Whitfield…');
    expect(reply).toHaveAccessibleDescription(expect.stringContaining('Public reply: Dana Whitfield will read this'));
    expect(screen.getByRole('button', { name: 'Send to customer' })).toBeInTheDocument();

    await user.type(reply, 'Your refund is on its way.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(reply).not.toHaveFocus();
    // On the ticket page, where R, N, S and the other shortcuts work.
    expect(screen.getByRole('article', { name: ticket.subject })).toHaveFocus();

    await user.keyboard('n');
    const note = screen.getByRole('textbox', { name: 'Internal note, only your team sees it' });
    expect(note).toHaveFocus();
    expect(note).toHaveValue('');
    expect(note).toHaveAttribute('placeholder', 'Write a note for your colleagues (the customer never sees it)…');
    expect(note).toHaveAccessibleDescription(expect.stringContaining('Internal note: only your colleagues see this'));
    await user.type(note, 'Customer prefers a call.');
    await user.click(screen.getByRole('button', { name: 'Add internal note' }));

    expect(mutations(fake).map((m) => (m as { args: { kind: string; body: string } }).args)).toMatchObject([
      { kind: 'reply', body: 'Your refund is on its way.' },
      { kind: 'note', body: 'Customer prefers a call.' },
    ]);
    // Only the public reply waits for the undo window.
    expect(mutations(fake).map((m) => (m as { undoable?: boolean }).undoable ?? false)).toEqual([true, false]);
  });

  it('says which mode it is in Chinese too', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      'settings.get': () => ({ theme: 'dark', locale: 'zh-CN', density: 'comfortable', notifications: true, undoSeconds: 5 }),
    });
    renderApp(`#/tickets/${ticket.id}`, fake);
    await screen.findByRole('region', { name: '对话' });
    expect(screen.getByRole('button', { name: '发送给客户' })).toBeInTheDocument();
    expect(screen.getByText('公开回复：Dana Whitfield 会看到这条消息')).toBeInTheDocument();
    await user.keyboard('n');
    expect(screen.getByRole('button', { name: '添加内部备注' })).toBeInTheDocument();
    expect(screen.getByText('内部备注：只有同事能看到')).toBeInTheDocument();
  });
});

describe('undo', () => {
  it('takes a sent reply back with Z: it leaves the thread and its text is in the box again', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    const box = screen.getByRole('textbox', { name: 'Public reply to the customer' });
    await user.type(box, 'Meant for my colleagues');
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(await within(toast()).findByText('Reply to Dana Whitfield sent')).toBeInTheDocument();
    expect(toast()).toHaveTextContent('Press Z to undo.');
    expect(within(await thread()).getByText('Meant for my colleagues')).toBeInTheDocument();

    await user.keyboard('z');
    expect(await within(toast()).findByText('Undone.')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(screen.getByRole('region', { name: 'Conversation' })).queryByText('Meant for my colleagues')).toBeNull(),
    );
    expect(box).toHaveValue('Meant for my colleagues');
    expect(box).toHaveFocus();
    expect(fake.calls.filter((c) => c.channel === 'mutations.undo')).toHaveLength(1);
    // What goes to the server in its place names the ticket and nothing of the text.
    expect(fake.backend.outbox).toEqual([{ name: 'change.withdrawn', args: { ticketId: ticket.id } }]);
  });

  it('speaks the language the person switches to while the toast shows', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    await user.type(screen.getByRole('textbox', { name: 'Public reply to the customer' }), 'Thanks!');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await within(toast()).findByText('Reply to Dana Whitfield sent')).toBeInTheDocument();

    act(() =>
      fake.emit('settings.changed', { theme: 'light', locale: 'zh-CN', density: 'comfortable', notifications: true, undoSeconds: 5 }),
    );
    expect(await within(toast()).findByText('已发送给 Dana Whitfield 的回复')).toBeInTheDocument();
    expect(within(toast()).queryByText('Reply to Dana Whitfield sent')).toBeNull();
  });

  it('says so when it is too late: the reply has left the console', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    await user.type(screen.getByRole('textbox', { name: 'Public reply to the customer' }), 'Already gone');
    await user.click(screen.getByRole('button', { name: 'Send to customer' }));
    await within(toast()).findByText('Reply to Dana Whitfield sent');
    act(() => fake.backend.acknowledge());
    await user.click(within(toast()).getByRole('button', { name: 'Undo' }));
    expect(await within(toast()).findByText('Too late to undo: it has already left this console.')).toBeInTheDocument();
  });

  it('offers nothing when the person turned undo off', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    await fake.api.settings.update({ undoSeconds: 0 });
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    await user.type(screen.getByRole('textbox', { name: 'Public reply to the customer' }), 'No second thoughts');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await within(await thread()).findByText('No second thoughts')).toBeInTheDocument();
    expect(within(toast()).queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('takes back solve-and-next: the ticket is open again and back on screen', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    useRouter.setState({ lastQueue: { name: 'inbox', view: 'mine' } });
    const working = { ...closedTicket, id: fixtureId('ticket', 1), number: 1001, status: 'open' as const };
    fake.backend.tx.put('ticket', working);
    renderApp(`#/tickets/${working.id}`, fake);
    await screen.findByRole('heading', { name: working.subject });
    await user.keyboard('s');
    await waitFor(() => expect(window.location.hash).toBe(`#/tickets/${fixtureId('ticket', 2)}`));
    expect(await within(toast()).findByText('Ticket #1001 solved')).toBeInTheDocument();
    expect(fake.backend.tx.get('ticket', working.id)?.status).toBe('solved');

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(window.location.hash).toBe(`#/tickets/${working.id}`));
    expect(await within(toast()).findByText('Undone.')).toBeInTheDocument();
    expect(fake.backend.tx.get('ticket', working.id)?.status).toBe('open');
    expect(await screen.findByRole('combobox', { name: 'Status' })).toHaveDisplayValue('Open');
  });

  it('takes back A (assign to me) from the toast’s button', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    const unassigned = { ...closedTicket, id: fixtureId('ticket', 1), number: 1001, status: 'open' as const, assigneeId: null };
    fake.backend.tx.put('ticket', unassigned);
    renderApp(`#/tickets/${unassigned.id}`, fake);
    await screen.findByRole('heading', { name: unassigned.subject });
    await user.keyboard('a');
    await within(toast()).findByText('Ticket #1001 assigned to you');
    await user.click(within(toast()).getByRole('button', { name: 'Undo' }));
    expect(await within(toast()).findByText('Undone.')).toBeInTheDocument();
    expect(fake.backend.tx.get('ticket', unassigned.id)?.assigneeId).toBeNull();
  });
});
