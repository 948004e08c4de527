import { describe, expect, it } from 'vitest';
import { CalendarSpec } from '../sla/calendar.ts';
import { businessClock } from './business-clock.ts';
import { TicketLog, windowFigures } from '../../test/support/metrics-facts.ts';
import { firstReplyIntervals, firstResolutionIntervals, fullResolutionIntervals, responseIntervals } from './durations.ts';
import { buildTimeline } from './timeline.ts';

const H = 3_600_000;
const utc = (iso: string) => Date.parse(iso);
const ALL: { start: number; end: number } = { start: 0, end: utc('2030-01-01T00:00:00Z') };
const NOW = utc('2029-01-01T00:00:00Z');
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
const newYork = CalendarSpec.parse({ timeZone: 'America/New_York', weeklyHours: weekdays('09:00', '17:00'), holidays: [] });
const shanghai = CalendarSpec.parse({
  timeZone: 'Asia/Shanghai',
  weeklyHours: weekdays('09:00', '18:00'),
  holidays: [{ date: '2026-10-01', name: '国庆节' }],
});
const timeline = (log: TicketLog) => buildTimeline(log.ticket, log.events, NOW);

describe('first reply time', () => {
  it('runs from creation to the first public agent reply; notes and automated replies do not count', () => {
    const t0 = utc('2026-06-01T10:00:00Z');
    const log = new TicketLog({ createdAt: t0 })
      .inbound(t0)
      .note(t0 + 1 * H)
      .automatedReply(t0 + 2 * H)
      .reply(t0 + 3 * H)
      .reply(t0 + 5 * H);
    const figure = windowFigures([timeline(log)], ALL).firstReply;
    expect(figure.calendar).toEqual({ count: 1, mean: 3, median: 3, p90: 3 });
    // No calendar: no business-hours value.
    expect(figure.business.count).toBe(0);
  });

  it('for a ticket an agent opened with a reply (a logged call), runs to the next reply', () => {
    const t0 = utc('2026-06-01T10:00:00Z');
    const log = new TicketLog({ createdAt: t0, channel: 'phone' })
      .reply(t0)
      .inbound(t0 + 1 * H)
      .reply(t0 + 4 * H);
    expect(firstReplyIntervals([timeline(log)], ALL).map((i) => i.to - i.from)).toEqual([4 * H]);
  });

  it('over the New York fall-back weekend: 67 calendar hours, 2 business hours (Friday 16-17, Monday 9-10)', () => {
    const created = utc('2026-10-30T20:00:00Z'); // Friday 16:00 EDT
    const log = new TicketLog({ createdAt: created }).inbound(created).reply(utc('2026-11-02T15:00:00Z')); // Monday 10:00 EST
    const figure = windowFigures([timeline(log)], ALL, { calendarOf: () => businessClock(newYork) }).firstReply;
    expect(figure.calendar.mean).toBe(67);
    expect(figure.business.mean).toBe(2);
  });

  it('over a Shanghai holiday: 41 calendar hours, 2 business hours (Wednesday 17-18, Friday 9-10; Thursday 1 October closed)', () => {
    const created = utc('2026-09-30T09:00:00Z'); // Wednesday 17:00 CST
    const log = new TicketLog({ createdAt: created }).inbound(created).reply(utc('2026-10-02T02:00:00Z'));
    const figure = windowFigures([timeline(log)], ALL, { calendarOf: () => businessClock(shanghai) }).firstReply;
    expect(figure).toEqual({ calendar: { count: 1, mean: 41, median: 41, p90: 41 }, business: { count: 1, mean: 2, median: 2, p90: 2 } });
  });
});

describe('response time', () => {
  it('each wait runs from the first unanswered customer message to the next public agent reply', () => {
    const t0 = utc('2026-06-01T00:00:00Z');
    const log = new TicketLog({ createdAt: t0 })
      .inbound(t0)
      .reply(t0 + 1 * H) // 1 h
      .inbound(t0 + 10 * H)
      .inbound(t0 + 11 * H) // still the wait from 10 h
      .reply(t0 + 14 * H) // 4 h
      .reply(t0 + 15 * H) // a second reply answers no wait
      .inbound(t0 + 20 * H); // unanswered: no interval yet
    const intervals = responseIntervals([timeline(log)], ALL);
    expect(intervals.map((i) => (i.to - i.from) / H)).toEqual([1, 4]);
    // Only waits that end in the window count there.
    expect(responseIntervals([timeline(log)], { start: t0 + 2 * H, end: t0 + 30 * H })).toHaveLength(1);
  });
});

describe('time to resolution', () => {
  const t0 = utc('2026-06-01T00:00:00Z');
  const reopened = () =>
    new TicketLog({ createdAt: t0 })
      .inbound(t0)
      .status(t0 + 1 * H, 'new', 'open')
      .status(t0 + 5 * H, 'open', 'solved')
      .status(t0 + 30 * H, 'solved', 'open')
      .status(t0 + 50 * H, 'open', 'solved');

  it('first resolution runs to the first solve, full resolution to the last', () => {
    const t = timeline(reopened());
    expect(firstResolutionIntervals([t], ALL).map((i) => (i.to - i.from) / H)).toEqual([5]);
    expect(fullResolutionIntervals([t], ALL).map((i) => (i.to - i.from) / H)).toEqual([50]);
  });

  it('a ticket reopened and unsolved at the window end has no full resolution there; its first solve still counts', () => {
    const w = { start: t0, end: t0 + 40 * H };
    const t = timeline(reopened());
    expect(fullResolutionIntervals([t], w)).toEqual([]);
    expect(firstResolutionIntervals([t], w)).toHaveLength(1);
  });

  it('events after now have not happened yet', () => {
    const t = buildTimeline(reopened().ticket, reopened().events, t0 + 10 * H);
    expect(t.solves).toHaveLength(1);
    expect(t.reopens).toHaveLength(0);
  });
});
