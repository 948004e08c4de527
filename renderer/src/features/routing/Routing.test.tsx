import { act, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TicketEvent } from '../../../../shared/domain/records.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import * as fx from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { useIdleAway } from './PresencePicker.tsx';

const supervisor = { ...fx.me, role: 'supervisor' as const };

function routedBy(eligible: number, language: 'en' | 'zh-CN' | null, locale: 'en' | 'zh-CN') {
  const routed: TicketEvent = {
    id: fx.id('routed'),
    tenantId: fx.ticket.tenantId,
    ticketId: fx.ticket.id,
    kind: 'routed',
    actorId: null,
    actorKind: 'automation',
    automation: 'automation:routing',
    from: null,
    to: { agentId: fx.omar.id, mode: 'round_robin', eligible, language },
    at: fx.NOW - 60_000,
  };
  return createFakeApi({
    'settings.get': () => ({ theme: 'light', locale, density: 'comfortable', notifications: true, undoSeconds: 5 }),
    'tickets.get': () => ({ ...fx.ticketDetail, events: [...fx.ticketDetail.events, routed] }),
  });
}

describe('presence', () => {
  it('is set from the top bar by keyboard, and saved as the person’s presence', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp('#/inbox', fake);
    const picker = await screen.findByRole('button', { name: /^Your presence:\s*Unavailable$/ });
    picker.focus();
    await user.keyboard('{Enter}');
    const choices = screen.getByRole('group', { name: 'Your presence' });
    expect(within(choices).getByRole('button', { name: 'Unavailable' })).toHaveAttribute('aria-pressed', 'true');
    await user.tab();
    await user.tab();
    await user.tab();
    expect(within(choices).getByRole('button', { name: 'On break' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fake.backend.tx.get('agent_presence', fx.me.id)?.status).toBe('on_break'));
    expect(await screen.findByRole('button', { name: /^Your presence:\s*On break$/ })).toHaveFocus();
  });

  it('keeps the idle time chosen in Settings', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderApp('#/settings', fake);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Set me away after' }), '5 min without input');
    await waitFor(() =>
      expect(
        fake.calls.some((c) => c.channel === 'settings.update' && (c.input as { awayAfterMinutes?: number }).awayAfterMinutes === 5),
      ).toBe(true),
    );
    expect(screen.getByRole('combobox', { name: 'Set me away after' })).toHaveValue('5');
  });

  describe('idle time', () => {
    afterEach(() => vi.useRealTimers());

    it('sets an online person away after the idle time and online again at their next input', () => {
      vi.useFakeTimers();
      const set = vi.fn();
      const { rerender } = renderHook(({ status }) => useIdleAway(status, 60_000, set), {
        initialProps: { status: 'online' as 'online' | 'away' },
      });
      act(() => vi.advanceTimersByTime(59_000));
      window.dispatchEvent(new KeyboardEvent('keydown'));
      act(() => vi.advanceTimersByTime(59_000));
      expect(set).not.toHaveBeenCalled();
      act(() => vi.advanceTimersByTime(1_000));
      expect(set).toHaveBeenLastCalledWith('away');
      rerender({ status: 'away' });
      window.dispatchEvent(new KeyboardEvent('keydown'));
      expect(set).toHaveBeenLastCalledWith('online');
    });

    it('leaves someone who chose away as they are, and never sets away when the idle time is off', () => {
      vi.useFakeTimers();
      const set = vi.fn();
      renderHook(() => useIdleAway('away', 60_000, set));
      renderHook(() => useIdleAway('online', 0, set));
      act(() => vi.advanceTimersByTime(3_600_000));
      window.dispatchEvent(new KeyboardEvent('keydown'));
      expect(set).not.toHaveBeenCalled();
    });
  });
});

describe('routing settings', () => {
  it('lets a supervisor switch routing on for a team and match languages', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { user: supervisor });
    fake.backend.tx.put('user', supervisor);
    fake.backend.tx.put('team', fx.team);
    renderApp('#/settings', fake);
    await user.click(await screen.findByRole('checkbox', { name: `Route tickets of ${fx.team.name}` }));
    await waitFor(() => expect(fake.backend.tx.get('routing_rule', fx.team.id)).toMatchObject({ enabled: true, mode: 'round_robin' }));
    await user.selectOptions(await screen.findByRole('combobox', { name: `How (${fx.team.name})` }), 'Least loaded');
    await waitFor(() => expect(fake.backend.tx.get('routing_rule', fx.team.id)?.mode).toBe('least_loaded'));
  });

  it('puts a team in pull mode and names the team its escalated tickets go to', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { user: supervisor });
    const tier2 = { ...fx.team, id: fx.id('tier2-team'), name: 'Tier 2' };
    fake.backend.tx.put('user', supervisor);
    fake.backend.tx.put('team', fx.team);
    fake.backend.tx.put('team', tier2);
    renderApp('#/settings', fake);
    await user.click(await screen.findByRole('checkbox', { name: `Route tickets of ${fx.team.name}` }));
    await waitFor(() => expect(fake.backend.tx.get('routing_rule', fx.team.id)?.enabled).toBe(true));
    await user.selectOptions(await screen.findByRole('combobox', { name: `How (${fx.team.name})` }), 'Pull (agents take the next ticket)');
    await waitFor(() => expect(fake.backend.tx.get('routing_rule', fx.team.id)?.mode).toBe('pull'));
    const next = screen.getByRole('combobox', { name: `Escalated tickets go to (${fx.team.name})` });
    // A team is not offered as its own next tier.
    expect(
      within(next)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Stay in this team', 'Tier 2']);
    await user.selectOptions(next, 'Tier 2');
    await waitFor(() => expect(fake.backend.tx.get('routing_rule', fx.team.id)).toMatchObject({ mode: 'pull', nextTierTeamId: tier2.id }));
  });

  it('saves an agent’s languages and capacity, and shows the refusal of a capacity below zero with nothing saved', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi({}, { user: supervisor });
    fake.backend.tx.put('user', supervisor);
    fake.backend.tx.put('user', fx.omar);
    renderApp('#/settings', fake);
    await user.click(await screen.findByRole('checkbox', { name: `${fx.omar.name} answers in Chinese` }));
    const chats = screen.getByRole('spinbutton', { name: `Chat tickets ${fx.omar.name} carries at once` });
    await user.type(chats, '-1');
    const save = screen.getByRole('button', { name: `Save ${fx.omar.name}’s profile` });
    await user.click(save);
    expect(await within(save.parentElement as HTMLElement).findByRole('alert')).toHaveTextContent(/^Not saved/);
    expect(fake.backend.tx.get('user', fx.omar.id)?.channelCapacity).toBeUndefined();
    await user.clear(chats);
    await user.type(chats, '4');
    await user.click(save);
    await waitFor(() =>
      expect(fake.backend.tx.get('user', fx.omar.id)).toMatchObject({ languages: ['zh-CN'], channelCapacity: { chat: 4 } }),
    );
  });

  it('is not shown to agents', async () => {
    const fake = createFakeApi();
    renderApp('#/settings', fake);
    await screen.findByRole('heading', { name: 'Presence' });
    expect(screen.queryByRole('heading', { name: 'Routing' })).toBeNull();
  });
});

describe('a routed ticket’s history', () => {
  it('says why the routing job chose the agent, in English', async () => {
    const user = userEvent.setup();
    renderApp(`#/tickets/${fx.ticket.id}`, routedBy(4, 'zh-CN', 'en'));
    await user.click(await screen.findByRole('tab', { name: 'History' }));
    const history = await screen.findByRole('list', { name: 'History' });
    expect(history).toHaveTextContent(`Routedto ${fx.omar.name}: round robin among 4 available agents with Chinese`);
    expect(history).toHaveTextContent('by Routing');
  });

  it('and in Chinese', async () => {
    const user = userEvent.setup();
    renderApp(`#/tickets/${fx.ticket.id}`, routedBy(1, null, 'zh-CN'));
    await user.click(await screen.findByRole('tab', { name: '历史记录' }));
    const history = await screen.findByRole('list', { name: '历史记录' });
    expect(history).toHaveTextContent(`自动分配分配给 ${fx.omar.name}：轮流分配，唯一可用的客服`);
  });
});
