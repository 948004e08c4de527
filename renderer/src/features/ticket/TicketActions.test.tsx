import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncIssue } from '../../../../shared/contract/channels.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import { UUID_PATTERN } from '../../../../shared/ids.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import { closedTicket, ticket, ticketDetail } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

const mutations = (fake: ReturnType<typeof createFakeApi>) => fake.calls.filter((c) => c.channel === 'mutations.run').map((c) => c.input);
const thread = () => screen.findByRole('region', { name: 'Conversation' });

beforeEach(() => localStorage.clear());

describe('composer', () => {
  it('sends a reply with its "submit as" status; it shows at once as pending, then as sent once the server acknowledges it', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();

    const box = screen.getByRole('textbox', { name: 'Public reply to the customer' });
    await user.type(box, 'The refund is on its way.');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Submit as' }), 'Pending');
    await user.click(box);
    await user.keyboard('{Control>}{Enter}{/Control}');

    const replies = within(await thread()).getAllByRole('article', { name: 'Public reply: Mei Lin' });
    const sent = replies.at(-1) as HTMLElement;
    expect(sent).toHaveTextContent('The refund is on its way.');
    expect(within(sent).getByText('Waiting to send')).toBeInTheDocument();
    const [call] = mutations(fake);
    expect(call).toEqual({
      name: 'message.append',
      args: {
        id: expect.stringMatching(UUID_PATTERN),
        ticketId: ticket.id,
        kind: 'reply',
        body: 'The refund is on its way.',
        statusAfter: 'pending',
        // The last message the thread showed: the server holds the reply back if anyone wrote since.
        seenMessageId: ticketDetail.messages.at(-1)?.id,
      },
      // A reply that turns out stale is refused at once, not queued.
      onConflict: 'discard',
      // Held for the undo window before it leaves the console.
      undoable: true,
    });
    expect(box).toHaveValue('');
    // The reply submitted the ticket as pending.
    expect(await screen.findByRole('combobox', { name: 'Status' })).toHaveDisplayValue('Pending');

    act(() => fake.backend.acknowledge());
    expect(await within(sent).findByText('Sent')).toBeInTheDocument();
    // Replies from before this session say nothing about delivery.
    expect(within(replies[0] as HTMLElement).queryByText('Sent')).not.toBeInTheDocument();
  });

  it('writes an internal note after N, sent with the Send button', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();

    await user.keyboard('n');
    const box = screen.getByRole('textbox', { name: 'Internal note, only your team sees it' });
    expect(box).toHaveFocus();
    expect(box).toHaveValue('');
    expect(screen.queryByRole('combobox', { name: 'Submit as' })).not.toBeInTheDocument();
    await user.type(box, 'Customer prefers a call.');
    await user.click(screen.getByRole('button', { name: 'Add internal note' }));

    expect(mutations(fake)).toEqual([
      {
        name: 'message.append',
        args: { id: expect.stringMatching(UUID_PATTERN), ticketId: ticket.id, kind: 'note', body: 'Customer prefers a call.' },
        onConflict: 'discard',
      },
    ]);
    const note = within(await thread())
      .getAllByRole('article', { name: 'Internal note: Mei Lin' })
      .at(-1) as HTMLElement;
    expect(note).toHaveTextContent('Customer prefers a call.');

    await user.keyboard('r');
    expect(screen.getByRole('textbox', { name: 'Public reply to the customer' })).toHaveFocus();

    // With a dialog open over the ticket, the letters belong to the dialog.
    await user.click(screen.getByRole('button', { name: 'Online 1 pending' }));
    await screen.findByRole('dialog', { name: 'Sync' });
    await user.keyboard('n');
    expect(screen.getByRole('dialog', { name: 'Sync' })).toContainElement(document.activeElement as HTMLElement);
    expect(screen.getByRole('textbox', { name: 'Public reply to the customer' })).toBeInTheDocument();
  });

  it('keeps the draft per ticket in Core across a remount, and clears it on send', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    const first = renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    await user.type(screen.getByRole('textbox', { name: 'Public reply to the customer' }), 'Half-written answer');
    // Leaving the ticket saves at once, without waiting for the pause in typing.
    first.unmount();
    expect(await fake.api.drafts.get({ ticketId: ticket.id })).toEqual({
      draft: { mode: 'reply', body: 'Half-written answer', submitAs: null },
    });

    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    const box = screen.getByRole('textbox', { name: 'Public reply to the customer' });
    await waitFor(() => expect(box).toHaveValue('Half-written answer'));
    await user.click(screen.getByRole('button', { name: 'Send to customer' }));
    expect(box).toHaveValue('');
    expect(await fake.api.drafts.get({ ticketId: ticket.id })).toEqual({ draft: null });
    expect(localStorage.length).toBe(0);
  });

  it('marks a message the server refused as not sent', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { status: { connection: 'offline' } });
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    await user.type(screen.getByRole('textbox', { name: 'Public reply to the customer' }), 'Written offline');
    await user.click(screen.getByRole('button', { name: 'Send to customer' }));
    const reply = within(await thread())
      .getAllByRole('article', { name: 'Public reply: Mei Lin' })
      .at(-1) as HTMLElement;
    expect(within(reply).getByText('Waiting to send')).toBeInTheDocument();

    // As Core reports it: the outbox id of the mutation, and the ticket it was about.
    const rejection: SyncIssue = {
      id: '01900000-0000-7000-8000-0000000000aa',
      kind: 'rejection',
      mutationId: 1,
      mutationName: 'message.append',
      entity: 'ticket',
      entityId: ticket.id,
      title: `#${ticket.number} ${ticket.subject}`,
      conflicts: [],
      error: { code: 'FORBIDDEN', message: 'not your team any more' },
      createdAt: Date.now(),
    };
    act(() => fake.backend.addIssue(rejection));
    expect(await within(reply).findByText('Not sent')).toBeInTheDocument();
  });

  it('on a closed ticket, sends the reply in a follow-up ticket linked to it, and opens it', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${closedTicket.id}`, fake);
    const box = await screen.findByRole('textbox', { name: 'Reply in a new follow-up ticket' });
    expect(box).toHaveAccessibleDescription(
      'Public reply: Dana Whitfield will read this This ticket is closed and cannot change. What you send here opens a follow-up ticket linked to it, and takes you there.',
    );
    expect(screen.queryByRole('radio', { name: /Internal note/ })).not.toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Status' })).toBeDisabled();
    const send = screen.getByRole('button', { name: 'Send in a follow-up' });
    expect(send).toBeDisabled();

    await user.type(box, 'Here is the corrected invoice.');
    await user.click(send);
    const [call] = mutations(fake);
    expect(call).toMatchObject({
      undoable: true,
      name: 'ticket.create',
      args: {
        ticket: { subject: closedTicket.subject, requesterId: closedTicket.requesterId, teamId: closedTicket.teamId },
        message: { kind: 'reply', body: 'Here is the corrected invoice.' },
        followUpOfId: closedTicket.id,
      },
    });
    const followUpId = (call as { args: { ticket: { id: string } } }).args.ticket.id;
    await waitFor(() => expect(window.location.hash).toBe(`#/tickets/${followUpId}`));
    const links = await screen.findByRole('region', { name: 'Linked tickets' });
    expect(within(links).getByRole('link', { name: '#998 Old invoice question' })).toHaveAttribute('href', `#/tickets/${closedTicket.id}`);
    expect(links).toHaveTextContent('Follow-up of');
    expect(within(await thread()).getByRole('article', { name: 'Public reply: Mei Lin' })).toHaveTextContent(
      'Here is the corrected invoice.',
    );
  });
});

describe('ticket properties', () => {
  it('changes the status with the status shown as the base, and the priority', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    const status = await screen.findByRole('combobox', { name: 'Status' });
    expect(status).toHaveDisplayValue('Open');
    // A ticket never goes back to new.
    expect(within(status).queryByRole('option', { name: 'New' })).not.toBeInTheDocument();

    await user.selectOptions(status, 'On hold');
    expect(mutations(fake)).toEqual([{ name: 'ticket.setStatus', args: { id: ticket.id, status: 'on_hold', base: 'open' } }]);
    expect(await screen.findByRole('combobox', { name: 'Status' })).toHaveDisplayValue('On hold');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Priority' }), 'Urgent');
    expect(mutations(fake)[1]).toEqual({ name: 'ticket.update', args: { id: ticket.id, priority: 'urgent' } });
  });

  it('shows a refused change, translated, next to the control and puts the old value back', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      'mutations.run': () => {
        throw new AppError('RULE_VIOLATION', 'ticket 1000 is closed');
      },
    });
    renderApp(`#/tickets/${ticket.id}`, fake);
    const status = await screen.findByRole('combobox', { name: 'Status' });
    await user.selectOptions(status, 'Solved');
    expect(await screen.findByRole('alert')).toHaveTextContent('Not saved: This change is not allowed for this record.');
    expect(status).toHaveDisplayValue('Open');
    expect(status).toHaveAccessibleDescription('Not saved: This change is not allowed for this record.');
  });

  it('assigns the ticket to me with the assignee and team shown as the base', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.backend.tx.put('ticket', { ...ticket, assigneeId: null });
    renderApp(`#/tickets/${ticket.id}`, fake);
    const properties = await screen.findByRole('region', { name: 'Properties' });
    await user.click(within(properties).getByRole('button', { name: 'Assign to me' }));
    expect(mutations(fake)).toEqual([
      {
        name: 'ticket.assign',
        args: { id: ticket.id, assigneeId: expect.any(String), teamId: ticket.teamId, base: { assigneeId: null, teamId: ticket.teamId } },
      },
    ]);
    expect(await within(properties).findByRole('combobox', { name: 'Assignee' })).toHaveDisplayValue('Mei Lin (me)');
    expect(within(properties).queryByRole('button', { name: 'Assign to me' })).not.toBeInTheDocument();
  });
});
