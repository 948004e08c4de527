/**
 * The ticket's SLA panel: each target's state in words and by a mark, its due time, a countdown in
 * the target's kind of hours, a pause's start and the policy's name, in English and Chinese; and
 * the business-hour countdown against a count of the calendar's open hours done by hand.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SlaTimerSnapshot, Ticket } from '../../../../shared/domain/records.ts';
import type { CalendarSpec } from '../../../../shared/sla/calendar.ts';
import { createDemoData } from '../../../../shared/demo/generate.ts';
import { createFakeApi } from '../../../test/fake-api.ts';
import * as fx from '../../../test/fixtures.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { remainingMinutes } from './SlaPanel.tsx';

const MINUTE = 60_000;
const london: CalendarSpec = {
  timeZone: 'Europe/London',
  weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
  holidays: [],
};

const timer = (over: Partial<SlaTimerSnapshot>): SlaTimerSnapshot => ({
  state: 'running',
  target: { minutes: 240, hours: 'business' },
  startedAt: 0,
  dueAt: null,
  atRiskAt: null,
  pausedSince: null,
  stoppedAt: null,
  ...over,
});

describe('the SLA countdown', () => {
  // Friday 6 March 2026 16:00 in London (GMT): Friday has one open hour left, Monday opens at 09:00.
  const friday16 = Date.UTC(2026, 2, 6, 16);
  const monday10 = Date.UTC(2026, 2, 9, 10);

  it('counts business time only: Friday 16:00 to Monday 10:00 is 60 + 60 open minutes', () => {
    expect(remainingMinutes(timer({ dueAt: monday10 }), london, friday16)).toBe(120);
    // Overnight and the weekend take nothing off: Friday 17:00 has the same hour left as Monday 09:00.
    expect(remainingMinutes(timer({ dueAt: monday10 }), london, Date.UTC(2026, 2, 6, 17))).toBe(60);
    expect(remainingMinutes(timer({ dueAt: monday10 }), london, Date.UTC(2026, 2, 9, 9))).toBe(60);
  });

  it('goes negative past due, by the open time since, and counts the clock for calendar-hour targets', () => {
    expect(remainingMinutes(timer({ dueAt: monday10 }), london, Date.UTC(2026, 2, 9, 11, 30))).toBe(-90);
    expect(remainingMinutes(timer({ dueAt: friday16, target: { minutes: 60, hours: 'calendar' } }), null, monday10)).toBe(-(66 * 60));
    // Paused: no due instant, no countdown; business hours without the calendar: none rather than a wrong one.
    expect(remainingMinutes(timer({ state: 'paused' }), london, friday16)).toBeNull();
    expect(remainingMinutes(timer({ dueAt: monday10 }), null, friday16)).toBeNull();
  });
});

// Due 20 minutes and 30 seconds after the fixtures' now (whole minutes left read 20 for half a
// minute), past the at-risk instant at 75% of a two-hour budget.
const due = fx.NOW + 20 * MINUTE + 30_000;
const demo = createDemoData({ tickets: 1, seed: 5, now: fx.NOW }).organization;
const policy = { ...demo.slaPolicies.find((p) => p.name === 'Enterprise accounts')!, tenantId: fx.TENANT_ID };
const ticket: Ticket = {
  ...fx.ticket,
  sla: {
    policyId: policy.id,
    policyVersion: 1,
    calendarId: null,
    calendarVersion: null,
    asOf: fx.NOW - 10 * MINUTE,
    firstReply: timer({
      state: 'met',
      target: { minutes: 60, hours: 'calendar' },
      startedAt: fx.NOW - 3 * 60 * MINUTE,
      dueAt: fx.NOW - 2 * 60 * MINUTE,
      stoppedAt: fx.NOW - 150 * MINUTE,
    }),
    nextReply: timer({
      target: { minutes: 120, hours: 'calendar' },
      startedAt: due - 120 * MINUTE,
      dueAt: due,
      atRiskAt: due - 30 * MINUTE,
    }),
    resolution: timer({ state: 'paused', target: { minutes: 480, hours: 'calendar' }, pausedSince: fx.NOW - 10 * MINUTE }),
    nextDueAt: due,
    atRiskAt: due - 30 * MINUTE,
    breached: false,
  },
};

function withSla(locale: 'en' | 'zh-CN') {
  return createFakeApi({
    'settings.get': () => ({ theme: 'light', locale, density: 'comfortable', notifications: true, undoSeconds: 5 }),
    'tickets.get': () => ({ ...fx.ticketDetail, ticket }),
    'sla.settings': () => ({ calendars: [], policies: [policy] }),
  });
}

describe('the ticket’s SLA panel', () => {
  it('shows each target’s state by words and mark, its due time, the time left and the policy', async () => {
    renderApp(`#/tickets/${fx.ticket.id}`, withSla('en'));
    const targets = await screen.findByRole('list', { name: 'SLA targets' });
    expect(await screen.findByText('Policy: Enterprise accounts')).toBeVisible();
    const row = (name: string) => within(targets).getByRole('listitem', { name });
    expect(row('First reply')).toHaveTextContent(/✓ Met\s*met /);
    expect(row('Next reply')).toHaveTextContent('▲ At risk');
    expect(row('Next reply')).toHaveTextContent('20 min left (around the clock)');
    expect(row('Resolution')).toHaveTextContent('❚❚ Paused');
    expect(row('Resolution')).toHaveTextContent('paused since');
    expect(row('Resolution')).not.toHaveTextContent('due');
  });

  it('in Chinese too', async () => {
    renderApp(`#/tickets/${fx.ticket.id}`, withSla('zh-CN'));
    const targets = await screen.findByRole('list', { name: 'SLA 目标' });
    expect(await screen.findByText('策略：Enterprise accounts')).toBeVisible();
    expect(within(targets).getByRole('listitem', { name: '下次回复' })).toHaveTextContent('剩余 20 分钟（全天候）');
    expect(within(targets).getByRole('listitem', { name: '解决' })).toHaveTextContent('已暂停');
  });
});
