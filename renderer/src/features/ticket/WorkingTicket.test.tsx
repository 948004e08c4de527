import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { createFakeApi } from '../../../test/fake-api.ts';
import { closedTicket, dana, me, omar, team, TENANT_ID, ticket, id as fixtureId, NOW } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { ApiProvider } from '../../api/context.tsx';
import { SettingsProvider } from '../../settings/SettingsProvider.tsx';
import { useRouter } from '../../shell/router.ts';
import { Thread } from './Thread.tsx';

const mutations = (fake: ReturnType<typeof createFakeApi>) => fake.calls.filter((c) => c.channel === 'mutations.run').map((c) => c.input);
const thread = () => screen.findByRole('region', { name: 'Conversation' });
const properties = () => screen.findByRole('region', { name: 'Properties' });

beforeEach(() => localStorage.clear());

describe('composer formatting', () => {
  it('formats with the toolbar and keys, and the thread shows the formatting without running any HTML', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    await thread();
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Public reply to the customer' });
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });

    // Formatting selects what comes next a frame later, once React has put the new text in.
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const typeAtEnd = (text: string) =>
      user.type(box, text, { initialSelectionStart: box.value.length, initialSelectionEnd: box.value.length });

    await user.type(box, 'Refund sent');
    box.setSelectionRange(0, 6);
    await user.click(within(toolbar).getByRole('button', { name: 'Bold' }));
    expect(box).toHaveValue('**Refund** sent');
    await nextFrame();
    expect(box.value.slice(box.selectionStart, box.selectionEnd)).toBe('Refund');
    await typeAtEnd('{Enter}first step');
    await user.click(within(toolbar).getByRole('button', { name: 'Bulleted list' }));
    expect(box).toHaveValue('**Refund** sent\n- first step');
    await nextFrame();
    await typeAtEnd('{Enter}{Enter}see ');
    await user.keyboard('{Control>}i{/Control}');
    await nextFrame();
    await user.keyboard('terms');
    expect(box).toHaveValue('**Refund** sent\n- first step\n\nsee *terms*');
    // "[[" is how user-event types a literal "[".
    await typeAtEnd(' <img src=x onerror=alert(1)> [[docs](javascript:alert(1)) https://help.example.com/refunds');
    await user.click(screen.getByRole('button', { name: 'Send to customer' }));

    const reply = within(await thread())
      .getAllByRole('article', { name: 'Public reply: Mei Lin' })
      .at(-1) as HTMLElement;
    expect(within(reply).getByText('Refund', { selector: 'strong' })).toBeInTheDocument();
    expect(within(reply).getByRole('listitem')).toHaveTextContent('first step');
    expect(within(reply).getByText('terms', { selector: 'em' })).toBeInTheDocument();
    // Markup stays text; only https (and mailto) links become links.
    expect(reply.querySelector('img')).toBeNull();
    expect(reply).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(reply).toHaveTextContent('[docs](javascript:alert(1))');
    expect(within(reply).getAllByRole('link')).toHaveLength(1);
    expect(within(reply).getByRole('link', { name: 'https://help.example.com/refunds' })).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('moves through the toolbar with the arrow keys, one tab stop for all of it', async () => {
    const user = userEvent.setup();
    renderApp(`#/tickets/${ticket.id}`);
    await thread();
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
    const bold = within(toolbar).getByRole('button', { name: 'Bold' });
    expect(
      within(toolbar)
        .getAllByRole('button')
        .filter((b) => b.tabIndex === 0),
    ).toEqual([bold]);
    bold.focus();
    await user.keyboard('{ArrowRight}');
    expect(within(toolbar).getByRole('button', { name: 'Italic' })).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(within(toolbar).getByRole('button', { name: 'Link' })).toHaveFocus();
  });

  it('restores the note draft Core kept, in note mode', async () => {
    const fake = createFakeApi();
    await fake.api.drafts.save({ ticketId: ticket.id, draft: { mode: 'note', body: 'Ledger checked', submitAs: null } });
    renderApp(`#/tickets/${ticket.id}`, fake);
    const box = await screen.findByRole('textbox', { name: 'Internal note, only your team sees it' });
    expect(box).toHaveValue('Ledger checked');
    expect(screen.getByRole('radio', { name: /Internal note/ })).toBeChecked();
  });
});

describe('property panel', () => {
  it('changes the type, tags, assignee and team, each with its mutator', async () => {
    const user = userEvent.setup();
    const tech = { ...team, id: fixtureId('team-tech'), name: 'Technical support' };
    const meInBoth = { ...me, teamIds: [team.id, tech.id] };
    const fake = createFakeApi({ 'directory.get': () => ({ me: meInBoth, users: [meInBoth, omar], teams: [team, tech] }) });
    fake.backend.tx.put('team', tech);
    fake.backend.tx.put('user', meInBoth);
    // The signed-in person (the mutators' actor) works in both teams too.
    const ownTeams = me.teamIds;
    me.teamIds = meInBoth.teamIds;
    onTestFinished(() => {
      me.teamIds = ownTeams;
    });
    renderApp(`#/tickets/${ticket.id}`, fake);
    const panel = await properties();

    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Type' }), 'Problem');
    expect(mutations(fake).at(-1)).toEqual({ name: 'ticket.update', args: { id: ticket.id, type: 'problem' } });

    await user.click(within(panel).getByRole('button', { name: 'Remove tag vip' }));
    expect(mutations(fake).at(-1)).toEqual({ name: 'ticket.tags', args: { id: ticket.id, remove: ['vip'] } });
    await user.type(within(panel).getByRole('textbox', { name: 'Add tags' }), 'chargeback, urgent-refund{Enter}');
    expect(mutations(fake).at(-1)).toEqual({ name: 'ticket.tags', args: { id: ticket.id, add: ['chargeback', 'urgent-refund'] } });
    expect(await within(panel).findByText('chargeback')).toBeInTheDocument();
    await user.type(within(panel).getByRole('textbox', { name: 'Add tags' }), `${'x'.repeat(65)}{Enter}`);
    expect(within(panel).getByRole('alert')).toHaveTextContent('A tag can be at most 64 characters long.');

    const assignee = within(panel).getByRole('combobox', { name: 'Assignee' });
    expect(
      within(assignee)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Unassigned', 'Mei Lin (me)', 'Omar Haddad']);
    await user.selectOptions(assignee, 'Omar Haddad');
    expect(mutations(fake).at(-1)).toEqual({
      name: 'ticket.assign',
      args: { id: ticket.id, assigneeId: omar.id, teamId: team.id, base: { assigneeId: me.id, teamId: team.id } },
    });

    // Omar is not in Technical support: the ticket moves there unassigned.
    await user.selectOptions(await within(panel).findByRole('combobox', { name: 'Team' }), 'Technical support');
    expect(mutations(fake).at(-1)).toEqual({
      name: 'ticket.assign',
      args: { id: ticket.id, assigneeId: null, teamId: tech.id, base: { assigneeId: omar.id, teamId: team.id } },
    });
    expect(await within(panel).findByRole('combobox', { name: 'Assignee' })).toHaveDisplayValue('Unassigned');
  });

  it('escalates only with a reason, from the button or with E', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp(`#/tickets/${ticket.id}`, fake);
    const panel = await properties();
    await user.click(within(panel).getByRole('button', { name: /Escalate/ }));
    let dialog = screen.getByRole('dialog', { name: 'Escalate ticket' });
    expect(within(dialog).getByRole('combobox', { name: 'Escalate to' })).toHaveDisplayValue('Tier 3');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Say why the ticket needs escalating');
    expect(within(dialog).getByRole('textbox', { name: 'Reason' })).toHaveFocus();
    expect(mutations(fake)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    (document.activeElement as HTMLElement).blur();
    await user.keyboard('e');
    dialog = screen.getByRole('dialog', { name: 'Escalate ticket' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Ledger bug, needs engineering');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }));
    expect(mutations(fake)).toEqual([
      { name: 'ticket.escalate', args: { id: ticket.id, tier: 3, reason: 'Ledger bug, needs engineering' } },
    ]);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await within(await properties()).findByText('Tier 3')).toBeInTheDocument();
  });
});

describe('working the ticket', () => {
  it('merges the ticket into one picked by number; both show the link, the history says so', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    const target = { ...ticket, id: fixtureId('ticket-target'), number: 1200, subject: 'Duplicate charge, again', messageCount: 0 };
    fake.backend.tx.put('ticket', target);
    renderApp(`#/tickets/${ticket.id}`, fake);
    const links = await screen.findByRole('region', { name: 'Linked tickets' });
    expect(links).toHaveTextContent('No linked tickets.');
    await user.click(within(links).getByRole('button', { name: 'Merge into…' }));
    const dialog = screen.getByRole('dialog', { name: 'Merge into another ticket' });
    await user.type(within(dialog).getByRole('searchbox', { name: 'Ticket number or subject' }), '#1200');
    await user.click(await within(dialog).findByRole('radio', { name: /^#1200 Duplicate charge, again/ }));
    expect(within(dialog).getByRole('status')).toHaveTextContent('#1000 will be closed as a duplicate, and its messages moved into #1200.');
    await user.click(within(dialog).getByRole('button', { name: 'Merge' }));

    expect(mutations(fake)).toEqual([{ name: 'ticket.merge', args: { sourceId: ticket.id, targetId: target.id } }]);
    const after = await screen.findByRole('region', { name: 'Linked tickets' });
    expect(await within(after).findByRole('link', { name: '#1200 Duplicate charge, again' })).toBeInTheDocument();
    expect(after).toHaveTextContent('Merged into');
    await user.click(screen.getByRole('tab', { name: 'History' }));
    expect(await screen.findByRole('list', { name: 'History' })).toHaveTextContent('Mergedinto #1200');
  });

  it('S solves the ticket and opens the next one of the queue the person came from; A assigns it to me', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    useRouter.setState({ lastQueue: { name: 'inbox', view: 'mine' } });
    const unassigned = { ...closedTicket, id: fixtureId('ticket', 1), number: 1001, status: 'open' as const, assigneeId: null };
    fake.backend.tx.put('ticket', unassigned);
    renderApp(`#/tickets/${unassigned.id}`, fake);
    await screen.findByRole('heading', { name: unassigned.subject });
    await user.keyboard('a');
    expect(mutations(fake)).toEqual([
      {
        name: 'ticket.assign',
        args: { id: unassigned.id, assigneeId: me.id, teamId: team.id, base: { assigneeId: null, teamId: team.id } },
        undoable: true,
      },
    ]);
    // Typing in a field is not a shortcut.
    await user.type(screen.getByRole('textbox', { name: 'Public reply to the customer' }), 's');
    expect(mutations(fake)).toHaveLength(1);
    (document.activeElement as HTMLElement).blur();

    await user.keyboard('s');
    expect(mutations(fake)[1]).toEqual({
      name: 'ticket.setStatus',
      args: { id: unassigned.id, status: 'solved', base: 'open' },
      undoable: true,
    });
    // The fake queue lists ticket 1000, 1001, 1002…: the next after 1001 is 1002.
    await waitFor(() => expect(window.location.hash).toBe(`#/tickets/${fixtureId('ticket', 2)}`));
    expect(fake.calls.find((c) => c.channel === 'tickets.list')?.input).toMatchObject({ view: 'mine' });
  });

  it('shows the requester’s other tickets and satisfaction answers', async () => {
    const fake = createFakeApi();
    const other = { ...closedTicket, id: fixtureId('dana-other'), number: 990, subject: 'Password reset' };
    fake.backend.tx.put('ticket', other);
    const feedback = { id: fixtureId('csat'), tenantId: TENANT_ID, version: 1, createdAt: NOW - 86_400_000, updatedAt: NOW - 86_400_000 };
    fake.backend.tx.put('feedback', {
      ...feedback,
      kind: 'csat',
      score: 2,
      comment: 'Took too long',
      contactId: dana.id,
      accountId: null,
      ticketId: other.id,
    });
    renderApp(`#/tickets/${ticket.id}`, fake);
    const requester = await screen.findByRole('region', { name: 'Requester' });
    const tickets = await within(requester).findByRole('list', { name: 'Other tickets from this requester' });
    expect(within(tickets).getByRole('link', { name: '#990 Password reset' })).toHaveAttribute('href', `#/tickets/${other.id}`);
    const answers = within(requester).getByRole('list', { name: 'Satisfaction' });
    expect(answers).toHaveTextContent('CSAT 2 / 5');
    expect(answers).toHaveTextContent('Negative');
    expect(answers).toHaveTextContent('Took too long');
  });
});

describe('long threads', () => {
  it('lays out only a window of a 500-message thread', () => {
    const messages = Array.from({ length: 500 }, (_, i) => ({
      id: fixtureId('long', i),
      tenantId: TENANT_ID,
      version: 1,
      createdAt: NOW - (500 - i) * 60_000,
      updatedAt: NOW - (500 - i) * 60_000,
      ticketId: ticket.id,
      kind: i % 3 === 0 ? ('inbound' as const) : ('reply' as const),
      authorType: i % 3 === 0 ? ('contact' as const) : ('agent' as const),
      authorId: i % 3 === 0 ? dana.id : me.id,
      authorName: i % 3 === 0 ? dana.name : me.name,
      body: `Message ${i} with **some** formatting`,
      channel: 'email' as const,
    }));
    const fake = createFakeApi();
    const wrap = (children: ReactNode) => (
      <ApiProvider api={fake.api}>
        <SettingsProvider>{children}</SettingsProvider>
      </ApiProvider>
    );
    // How fast it renders is the benchmark's business (npm run bench, "ticket open"), and where it
    // opens needs real layout (the end-to-end tests); jsdom can tell how much is in the DOM.
    render(wrap(<Thread messages={messages} now={NOW} delivery={new Map()} />));
    const shown = screen.getAllByRole('article');
    expect(shown.length).toBeLessThan(40);
  });
});
