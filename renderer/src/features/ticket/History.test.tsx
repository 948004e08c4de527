import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import * as fx from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

const byAutomation = (n: number, automation: string, kind: TicketEvent['kind'], from: string, to: string): TicketEvent => ({
  id: fx.id('automation-event', n),
  tenantId: fx.ticket.tenantId,
  ticketId: fx.ticket.id,
  kind,
  actorId: null,
  actorKind: 'automation',
  automation,
  from,
  to,
  at: fx.NOW - n * 60_000,
});

/** The ticket with a priority raised by the SLA automation and a status changed by an automation this version does not know. */
function withAutomationEvents(locale: 'en' | 'zh-CN') {
  return createFakeApi({
    'settings.get': () => ({ theme: 'light', locale, density: 'comfortable', notifications: true, undoSeconds: 5 }),
    'tickets.get': () => ({
      ...fx.ticketDetail,
      events: [
        ...fx.ticketDetail.events,
        byAutomation(1, 'automation:sla', 'priority', 'normal', 'urgent'),
        byAutomation(2, 'routing:vip', 'status', 'open', 'pending'),
      ],
    }),
  });
}

describe('ticket history', () => {
  it('names the automation that made a change, and an unknown one by its own name', async () => {
    const user = userEvent.setup();
    renderApp(`#/tickets/${fx.ticket.id}`, withAutomationEvents('en'));
    await user.click(await screen.findByRole('tab', { name: 'History' }));
    const items = within(await screen.findByRole('list', { name: 'History' })).getAllByRole('listitem');
    const sla = items.find((item) => item.textContent?.includes('Normal → Urgent'));
    expect(sla).toHaveTextContent('by SLA automation');
    const unknown = items.find((item) => item.textContent?.includes('Open → Pending'));
    expect(unknown).toHaveTextContent('by automation routing:vip');
    expect(
      await within(items.find((item) => item.textContent?.includes('New → Open')) as HTMLElement).findByText('by Mei Lin'),
    ).toBeVisible();
  });

  it('names them in Chinese too', async () => {
    const user = userEvent.setup();
    renderApp(`#/tickets/${fx.ticket.id}`, withAutomationEvents('zh-CN'));
    await user.click(await screen.findByRole('tab', { name: '历史记录' }));
    const history = await screen.findByRole('list', { name: '历史记录' });
    expect(history).toHaveTextContent('操作人：SLA 自动化');
    expect(history).toHaveTextContent('操作人：自动化 routing:vip');
  });
});
