/**
 * What the SLA automation did about a breach, in the ticket's history and conversation, in the
 * reader's language: the breach, the people it told (by name), the escalation it made.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import * as fx from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';

const startedAt = fx.NOW - 3 * 3_600_000;
const dueAt = fx.NOW - 3_600_000;

const bySla = (n: number, kind: TicketEvent['kind'], from: TicketEvent['from'], to: TicketEvent['to']): TicketEvent => ({
  id: fx.id('sla-event', n),
  tenantId: fx.ticket.tenantId,
  ticketId: fx.ticket.id,
  kind,
  actorId: null,
  actorKind: 'automation',
  automation: 'automation:sla',
  from,
  to,
  at: dueAt + n,
});

function withBreach(locale: 'en' | 'zh-CN') {
  return createFakeApi({
    'settings.get': () => ({ theme: 'light', locale, density: 'comfortable', notifications: true, undoSeconds: 5 }),
    'tickets.get': () => ({
      ...fx.ticketDetail,
      events: [
        ...fx.ticketDetail.events,
        bySla(1, 'sla', null, { metric: 'firstReply', state: 'breached', startedAt, dueAt }),
        bySla(2, 'sla', null, { metric: 'firstReply', state: 'notified', startedAt, dueAt, audience: 'assignee', userIds: [fx.me.id] }),
        bySla(3, 'sla', null, {
          metric: 'firstReply',
          state: 'notified',
          startedAt,
          dueAt,
          audience: 'supervisors',
          userIds: [fx.omar.id],
        }),
        bySla(4, 'escalated', 1, { tier: 2, slaBreach: 'firstReply' }),
      ],
    }),
  });
}

describe('an SLA breach in the ticket’s history', () => {
  it('says what breached, whom the automation told and that it escalated, in English', async () => {
    const user = userEvent.setup();
    renderApp(`#/tickets/${fx.ticket.id}`, withBreach('en'));
    expect(await screen.findByText('SLA automation escalated the ticket to Tier 2: First reply target breached.')).toBeVisible();
    await user.click(await screen.findByRole('tab', { name: 'History' }));
    const history = await screen.findByRole('list', { name: 'History' });
    const items = within(history).getAllByRole('listitem');
    const text = (fragment: string) => items.find((item) => item.textContent?.includes(fragment));
    expect(text('First reply target breached')).toHaveTextContent('by SLA automation');
    expect(history).toHaveTextContent('First reply target breached: told the assignee, Mei Lin');
    expect(history).toHaveTextContent('First reply target breached: told the team’s supervisors, Omar Haddad');
    expect(history).toHaveTextContent('Tier 1 → Tier 2: First reply target breached');
    expect(history).not.toHaveTextContent('{');
  });

  it('says it in Chinese too', async () => {
    const user = userEvent.setup();
    renderApp(`#/tickets/${fx.ticket.id}`, withBreach('zh-CN'));
    await user.click(await screen.findByRole('tab', { name: '历史记录' }));
    const history = await screen.findByRole('list', { name: '历史记录' });
    expect(history).toHaveTextContent('首次回复目标已违约：已通知处理人 Mei Lin');
    expect(history).toHaveTextContent('首次回复目标已违约：已通知团队主管 Omar Haddad');
  });
});
