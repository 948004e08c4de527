import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PresenceEntry, SyncIssue } from '../../../../shared/contract/channels.ts';
import type { Message } from '../../../../shared/domain/records.ts';
import { createFakeApi, type FakeApi } from '../../../test/fake-api.ts';
import { dana, id, NOW, omar, TENANT_ID, ticket, ticketDetail } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

const HOUR = 3_600_000;
const thread = () => screen.findByRole('region', { name: 'Conversation' });
const replyBox = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Public reply to the customer' });
const callsTo = (fake: FakeApi, channel: string) => fake.calls.filter((c) => c.channel === channel).map((c) => c.input);

const omarHere = (patch: Partial<PresenceEntry> = {}): PresenceEntry => ({
  userId: omar.id,
  name: omar.name,
  typing: false,
  online: true,
  lastSeenAt: NOW,
  ...patch,
});

/** A customer message that reached Core's cache without the ticket page having re-read it yet. */
function customerWritesQuietly(fake: FakeApi, body: string): Message {
  const at = Date.now();
  const message: Message = {
    id: id('late', body),
    tenantId: TENANT_ID,
    version: 1,
    createdAt: at,
    updatedAt: at,
    ticketId: ticket.id,
    kind: 'inbound',
    authorType: 'contact',
    authorId: dana.id,
    body,
    channel: 'email',
  };
  fake.backend.tx.put('message', message);
  return message;
}

beforeEach(() => localStorage.clear());

describe('presence on the ticket page', () => {
  it('announces the person on the ticket, typing while they write, and nowhere once they leave', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    expect(callsTo(fake, 'presence.set')).toEqual([{ ticketId: ticket.id, typing: false }]);

    await user.type(replyBox(), 'Hi Dana');
    // One announcement for the whole burst of keys, not one per key.
    expect(callsTo(fake, 'presence.set')).toEqual([
      { ticketId: ticket.id, typing: false },
      { ticketId: ticket.id, typing: true },
    ]);
    await user.clear(replyBox());
    expect(callsTo(fake, 'presence.set').at(-1)).toEqual({ ticketId: ticket.id, typing: false });

    act(() => {
      window.location.hash = '#/inbox/mine';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(callsTo(fake, 'presence.set').at(-1)).toEqual({ ticketId: null, typing: false }));
  });

  it('shows who else is viewing and, politely announced, who is typing a reply', async () => {
    const fake = createFakeApi({ 'presence.get': () => ({ viewers: [omarHere()] }) });
    renderApp(`#/tickets/${ticket.id}`, fake);
    const bar = await screen.findByRole('status', { name: 'Also on this ticket' });
    expect(await within(bar).findByText('Omar Haddad is viewing')).toBeInTheDocument();
    expect(within(bar).getByText('OH')).toBeInTheDocument();

    act(() => fake.emit('presence.changed', { ticketId: ticket.id, viewers: [omarHere({ typing: true })] }));
    expect(within(bar).getByText('Omar Haddad is typing a reply…')).toBeInTheDocument();

    // Another ticket's news is not this one's.
    act(() => fake.emit('presence.changed', { ticketId: id('elsewhere'), viewers: [] }));
    expect(within(bar).getByText('Omar Haddad is typing a reply…')).toBeInTheDocument();

    act(() => fake.emit('presence.changed', { ticketId: ticket.id, viewers: [] }));
    expect(within(bar).queryByText(/Omar Haddad/)).not.toBeInTheDocument();
  });

  it('offline, says who was last seen here and when, in Chinese too', async () => {
    const lastVisit = omarHere({ online: false, lastSeenAt: NOW - 2 * HOUR });
    const fake = createFakeApi({ 'presence.get': () => ({ viewers: [lastVisit] }) }, { status: { connection: 'offline' } });
    renderApp(`#/tickets/${ticket.id}`, fake);
    const bar = await screen.findByRole('status', { name: 'Also on this ticket' });
    expect(await within(bar).findByText('Last seen here by Omar Haddad 2 hours ago')).toBeInTheDocument();

    act(() =>
      fake.emit('settings.changed', { theme: 'light', locale: 'zh-CN', density: 'comfortable', notifications: true, undoSeconds: 5 }),
    );
    const zhBar = await screen.findByRole('status', { name: '也在查看此工单' });
    expect(within(zhBar).getByText('Omar Haddad 2小时前在此查看过')).toBeInTheDocument();
  });
});

describe('a reply written without having seen the newest messages', () => {
  /** The arguments of the replies queued to go out (a stale one is refused at send time, never queued). */
  const queued = (fake: ReturnType<typeof createFakeApi>) =>
    fake.backend.outbox.filter((m) => m.name === 'message.append').map((m) => m.args);

  it('online: shows what the customer wrote meanwhile before sending; edit keeps the text, then it goes out', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    await user.type(replyBox(), 'The refund is on its way.');
    const late = customerWritesQuietly(fake, 'Actually, I was charged three times.');

    await user.click(screen.getByRole('button', { name: 'Send to customer' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'New messages since you started writing' });
    expect(within(dialog).getByText('Actually, I was charged three times.')).toBeInTheDocument();
    expect(within(dialog).getByText('Dana Whitfield')).toBeInTheDocument();
    expect(queued(fake)).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Edit reply' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(replyBox()).toHaveValue('The refund is on its way.');

    await user.type(replyBox(), ' All three.');
    await user.click(screen.getByRole('button', { name: 'Send to customer' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await waitFor(() => expect(queued(fake)).toHaveLength(1));
    expect(queued(fake)[0]).toMatchObject({ body: 'The refund is on its way. All three.', seenMessageId: late.id });
    expect(replyBox()).toHaveValue('');
  });

  it('online: a customer message that appears in the thread while the reply is being written still counts as unread', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    const conversation = await thread();
    await user.type(replyBox(), 'The refund is on its way.');
    customerWritesQuietly(fake, 'Never mind, it arrived.');
    act(() => fake.emit('data.changed', { entity: 'message', ids: [] }));
    await within(conversation).findByText('Never mind, it arrived.');

    await user.click(screen.getByRole('button', { name: 'Send to customer' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'New messages since you started writing' });
    expect(within(dialog).getByText('Never mind, it arrived.')).toBeInTheDocument();
    expect(queued(fake)).toEqual([]);
  });

  it('online: "Send anyway" sends it as having seen them; "Discard" drops it', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    await user.type(replyBox(), 'Refunded.');
    const late = customerWritesQuietly(fake, 'Any news?');
    await user.click(screen.getByRole('button', { name: 'Send to customer' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(queued(fake)).toHaveLength(1));
    expect(queued(fake)[0]).toMatchObject({ body: 'Refunded.', seenMessageId: late.id });

    await user.type(replyBox(), 'Never mind');
    customerWritesQuietly(fake, 'Hello? Is anyone there?');
    await user.click(screen.getByRole('button', { name: 'Send to customer' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Discard reply' }));
    expect(replyBox()).toHaveValue('');
    expect(queued(fake)).toHaveLength(1);
  });

  const heldBack: SyncIssue = {
    id: id('issue', 'held-back'),
    kind: 'conflict',
    mutationId: 7,
    mutationName: 'message.append',
    entity: 'ticket',
    entityId: ticket.id,
    title: `#${ticket.number} ${ticket.subject}`,
    conflicts: [
      {
        entity: 'ticket',
        entityId: ticket.id,
        field: 'newerMessages',
        base: ticketDetail.messages.at(-1)?.id ?? null,
        theirs: [{ id: id('late', 'offline'), kind: 'inbound', authorId: dana.id, at: NOW - HOUR, body: 'Please also cancel my plan.' }],
        mine: 'I refunded the duplicate charge.',
        theirsBy: dana.id,
        theirsAt: NOW - HOUR,
      },
    ],
    error: null,
    createdAt: NOW,
  };

  it('sent offline and held back by the server: the ticket page says so; edit puts the text back in the composer', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { issues: [heldBack] });
    renderApp(`#/tickets/${ticket.id}`, fake);
    const notice = await screen.findByRole('article', { name: 'Your reply wasn’t sent: the customer wrote again' });
    expect(within(notice).getByText('Please also cancel my plan.')).toBeInTheDocument();
    expect(within(notice).getByText('Dana Whitfield')).toBeInTheDocument();
    expect(within(notice).getByText('I refunded the duplicate charge.')).toBeInTheDocument();

    await user.type(replyBox(), 'Also:');
    await user.click(within(notice).getByRole('button', { name: 'Edit reply' }));
    await waitFor(() => expect(replyBox()).toHaveValue('Also:\n\nI refunded the duplicate charge.'));
    expect(callsTo(fake, 'drafts.save')).toContainEqual({
      ticketId: ticket.id,
      draft: { mode: 'reply', body: 'Also:\n\nI refunded the duplicate charge.', submitAs: null },
    });
    expect(callsTo(fake, 'sync.resolve')).toEqual([{ id: heldBack.id, choice: 'keep_theirs' }]);
    await waitFor(() => expect(screen.queryByRole('article', { name: /Your reply wasn’t sent/ })).not.toBeInTheDocument());
  });

  it('in the Sync issues panel: the same words and choices; send anyway re-applies it', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { issues: [heldBack] });
    renderApp('#/dashboard', fake);
    await user.click(await screen.findByRole('button', { name: 'Online 1 issue' }));
    const panel = await screen.findByRole('dialog', { name: 'Sync' });
    const item = await within(panel).findByRole('article', { name: 'Your reply wasn’t sent: the customer wrote again' });
    expect(within(item).getByText('Please also cancel my plan.')).toBeInTheDocument();
    expect(within(item).queryByRole('button', { name: 'Keep theirs' })).not.toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: 'Send anyway' }));
    expect(callsTo(fake, 'sync.resolve')).toEqual([{ id: heldBack.id, choice: 'apply_mine' }]);
    expect(await within(panel).findByText('No sync issues. Everything you changed was accepted.')).toBeInTheDocument();
  });

  it('in the Sync issues panel: edit keeps the text in the ticket’s draft and opens the ticket', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { issues: [heldBack] });
    renderApp('#/dashboard', fake);
    await user.click(await screen.findByRole('button', { name: 'Online 1 issue' }));
    await user.click(await screen.findByRole('button', { name: 'Edit reply' }));
    await waitFor(() => expect(replyBox()).toHaveValue('I refunded the duplicate charge.'));
    expect(screen.queryByRole('dialog', { name: 'Sync' })).not.toBeInTheDocument();
    expect(callsTo(fake, 'sync.resolve')).toEqual([{ id: heldBack.id, choice: 'keep_theirs' }]);
  });
});
