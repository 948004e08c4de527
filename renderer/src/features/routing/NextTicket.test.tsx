import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import * as fx from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

const settings = (locale: 'en' | 'zh-CN') => () => ({
  theme: 'light' as const,
  locale,
  density: 'comfortable' as const,
  notifications: true,
  undoSeconds: 5,
});
const inPullMode = () => ({ presence: null, pullMode: true });

describe('Next ticket', () => {
  it('is not offered to someone none of whose teams is in pull mode', async () => {
    renderApp('#/inbox', createFakeApi());
    await screen.findByRole('button', { name: /^Your presence/ });
    expect(screen.queryByRole('button', { name: /Next ticket/ })).toBeNull();
  });

  it('opens the ticket the server gave the agent, from the top bar or with T', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({
      'routing.myPresence': inPullMode,
      'routing.nextTicket': () => ({ outcome: 'taken', ticketId: fx.ticket.id }),
    });
    renderApp('#/inbox', fake);
    const button = await screen.findByRole('button', { name: /Next ticket/ });
    expect(button).toHaveAttribute('aria-keyshortcuts', 'T');
    await user.click(button);
    await waitFor(() => expect(window.location.hash).toBe(`#/tickets/${fx.ticket.id}`));
    window.location.hash = '#/inbox';
    await screen.findByRole('button', { name: /Next ticket/ });
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('t');
    await waitFor(() => expect(window.location.hash).toBe(`#/tickets/${fx.ticket.id}`));
    expect(fake.calls.filter((c) => c.channel === 'routing.nextTicket')).toHaveLength(2);
  });

  it('says plainly that it needs the server when the console is offline', async () => {
    const user = userEvent.setup();
    renderApp(
      '#/inbox',
      createFakeApi({
        'routing.myPresence': inPullMode,
        'routing.nextTicket': () => {
          throw new AppError('UNAVAILABLE', 'this console is not connected to its server');
        },
      }),
    );
    await user.click(await screen.findByRole('button', { name: /Next ticket/ }));
    expect(await screen.findByText('Next ticket needs the server: connect and try again.')).toBeInTheDocument();
  });

  it('says why no ticket came, in Chinese', async () => {
    const user = userEvent.setup();
    renderApp(
      '#/inbox',
      createFakeApi({
        'settings.get': settings('zh-CN'),
        'routing.myPresence': inPullMode,
        'routing.nextTicket': () => ({ outcome: 'none', reason: 'nobody_on_shift' }),
      }),
    );
    await user.click(await screen.findByRole('button', { name: /下一个工单/ }));
    expect(await screen.findByText('您现在不在班上。')).toBeInTheDocument();
  });

  it('reads in the ticket’s history as taken by the agent with Next ticket, in English and Chinese', async () => {
    const taken: TicketEvent = {
      id: fx.id('taken'),
      tenantId: fx.ticket.tenantId,
      ticketId: fx.ticket.id,
      kind: 'routed',
      actorId: null,
      actorKind: 'automation',
      automation: 'automation:routing',
      from: null,
      to: { agentId: fx.omar.id, mode: 'pull', eligible: 1, language: null },
      at: fx.NOW - 60_000,
    };
    for (const [locale, tab, line] of [
      ['en', 'History', `taken by ${fx.omar.name} with Next ticket`],
      ['zh-CN', '历史记录', `${fx.omar.name} 通过“下一个工单”领取`],
    ] as const) {
      const user = userEvent.setup();
      const view = renderApp(
        `#/tickets/${fx.ticket.id}`,
        createFakeApi({
          'settings.get': settings(locale),
          'tickets.get': () => ({ ...fx.ticketDetail, events: [...fx.ticketDetail.events, taken] }),
        }),
      );
      await user.click(await screen.findByRole('tab', { name: tab }));
      expect(await screen.findByRole('list', { name: tab })).toHaveTextContent(line);
      view.unmount();
    }
  });
});
