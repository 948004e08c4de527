import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import { id as fixtureId, me, NOW, ticket, ticketDetail } from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

const escalated: TicketEvent = {
  id: fixtureId('event', 10),
  tenantId: ticket.tenantId,
  ticketId: ticket.id,
  kind: 'escalated',
  actorId: me.id,
  from: null,
  to: null,
  at: NOW - 30 * 60_000,
};

describe('ticket view', () => {
  it('tells customer messages, public replies, internal notes and system events apart', async () => {
    renderApp(`#/tickets/${ticket.id}`);
    const thread = await screen.findByRole('region', { name: 'Conversation' });
    const inbound = within(thread).getByRole('article', { name: 'Customer message: Dana Whitfield' });
    const note = within(thread).getByRole('article', { name: 'Internal note: Mei Lin' });
    const reply = within(thread).getByRole('article', { name: 'Public reply: Mei Lin' });
    const system = within(thread).getByRole('article', { name: 'System event' });

    expect(inbound).toHaveClass('message-inbound');
    expect(inbound).toHaveTextContent('We were charged twice');
    expect(inbound).toHaveTextContent('via Email');
    expect(note).toHaveClass('message-note');
    expect(note).toHaveTextContent('Checked the ledger');
    expect(reply).toHaveClass('message-reply');
    expect(system).toHaveTextContent('Omar Haddad assigned the ticket to Mei Lin.');
  });

  it('says plainly, in both languages, when an old thread cannot be read offline', async () => {
    const offline = () => ({ ...ticketDetail, ticket: { ...ticket, messageCount: 5 }, messages: [], thread: 'unavailable' as const });
    const view = renderApp(`#/tickets/${ticket.id}`, createFakeApi({ 'tickets.get': offline }));
    expect(await screen.findByText(/You are offline\. .* 5 messages of this ticket cannot be shown/)).toBeInTheDocument();
    view.unmount();
    const zh = () => ({
      theme: 'light' as const,
      locale: 'zh-CN' as const,
      density: 'comfortable' as const,
      notifications: true,
      undoSeconds: 5,
    });
    renderApp(`#/tickets/${ticket.id}`, createFakeApi({ 'tickets.get': offline, 'settings.get': zh }));
    expect(await screen.findByText(/您当前处于离线状态。.*此工单有 5 条消息需要联网后才能显示/)).toBeInTheDocument();
  });

  it('puts the events of the log in the reader’s language: a Chinese reader reads a Chinese line', async () => {
    const api = createFakeApi({
      'settings.get': () => ({ theme: 'light', locale: 'zh-CN', density: 'comfortable', notifications: true, undoSeconds: 5 }),
      'tickets.get': () => ({
        ...ticketDetail,
        events: [
          ...ticketDetail.events,
          { ...escalated, id: fixtureId('event', 10), kind: 'escalated', from: 1, to: { tier: 2, reason: '需要研发查看日志' } },
          {
            ...escalated,
            id: fixtureId('event', 12),
            kind: 'escalated',
            from: 2,
            to: { tier: 1, reason: '已有解决办法' },
            at: NOW - 20 * 60_000,
          },
          { ...escalated, id: fixtureId('event', 11), kind: 'status', actorId: null, from: 'open', to: 'solved', at: NOW - 5 * 60_000 },
        ],
      }),
    });
    renderApp(`#/tickets/${ticket.id}`, api);
    const thread = await screen.findByRole('region', { name: '对话' });
    const lines = within(thread)
      .getAllByRole('article', { name: '系统事件' })
      .map((line) => line.querySelector('.message-body')?.textContent);
    expect(lines).toEqual([
      'Omar Haddad 将工单分配给 Mei Lin。',
      'Mei Lin 将工单升级到二线：“需要研发查看日志”',
      'Mei Lin 将工单降回一线：“已有解决办法”',
      'Switchboard 将工单标记为已解决。',
    ]);
  });

  it('shows the properties and the requester with the handling hint for their customer type', async () => {
    renderApp(`#/tickets/${ticket.id}`);
    const properties = await screen.findByRole('region', { name: 'Properties' });
    expect(properties).toHaveTextContent('High');
    expect(properties).toHaveTextContent('Incident');
    expect(properties).toHaveTextContent('Tier 2');
    expect(properties).toHaveTextContent('Billing support');
    expect(within(properties).getByText('vip')).toBeInTheDocument();
    const requester = screen.getByRole('region', { name: 'Requester' });
    expect(within(requester).getByRole('link', { name: 'Dana Whitfield' })).toHaveAttribute('href', `#/contacts/${ticket.requesterId}`);
    expect(requester).toHaveTextContent('Upset');
    expect(requester).toHaveTextContent('Show empathy and resolve it fast.');
    expect(screen.getByText('Ticket #1000')).toBeInTheDocument();
  });

  it('shows the history tab with translated changes', async () => {
    const user = userEvent.setup();
    const down: TicketEvent = { ...escalated, from: 3, to: { tier: 1, reason: 'Workaround given' } };
    renderApp(
      `#/tickets/${ticket.id}`,
      createFakeApi({ 'tickets.get': () => ({ ...ticketDetail, events: [...ticketDetail.events, down] }) }),
    );
    await user.click(await screen.findByRole('tab', { name: 'History' }));
    const history = await screen.findByRole('list', { name: 'History' });
    expect(history).toHaveTextContent('Status changed');
    expect(history).toHaveTextContent('New → Open');
    expect(await within(history).findAllByText('by Mei Lin')).not.toHaveLength(0);
    // A tier taken down reads as a de-escalation, not as one more escalation.
    const line = within(history).getByText('De-escalated').closest('li');
    expect(line).toHaveTextContent('Tier 3 → Tier 1');
    expect(line).toHaveTextContent('Workaround given');
  });

  it('says so when the ticket does not exist', async () => {
    renderApp('#/tickets/01890000-0000-7000-8000-000000000000');
    expect(await screen.findByRole('alert')).toHaveTextContent('This record does not exist, or you no longer have access to it.');
  });
});
