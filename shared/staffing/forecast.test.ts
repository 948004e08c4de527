import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { requiredAgents, scheduledAgents, coverage } from './coverage.ts';
import { forecastWeek } from './forecast.ts';
import { agentsForWorkload } from './workload.ts';
import { HOURS_PER_WEEK } from './week.ts';

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe('the ticket forecast', () => {
  it('averages each local hour of the week over the whole weeks before the forecast week', () => {
    const zone = 'Asia/Shanghai';
    // Four weeks of history: Mondays 09:xx get 3, 5, 0, 4 e-mails; one chat every Sunday 23:30.
    const arrivals = [];
    const mondays = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
    const perMonday = [3, 5, 0, 4];
    for (const [i, day] of mondays.entries()) {
      for (let n = 0; n < perMonday[i]!; n++)
        arrivals.push({ at: local(`${day}T09:${String(n * 7).padStart(2, '0')}`, zone), channel: 'email' as const });
    }
    for (const sunday of ['2026-11-08', '2026-11-15', '2026-11-22', '2026-11-29'])
      arrivals.push({ at: local(`${sunday}T23:30`, zone), channel: 'chat' as const });
    // This week's own tickets are not history.
    arrivals.push({ at: local('2026-11-30T09:10', zone), channel: 'email' as const });

    const forecast = forecastWeek({ arrivals, timeZone: zone, forWeekOf: local('2026-12-02T12:00', zone), weeks: 4 });
    expect(forecast.weekStart).toBe(local('2026-11-30T00:00', zone));
    expect(forecast.weeksObserved).toBe(4);
    expect(forecast.perChannel.email![9]).toBe((3 + 5 + 0 + 4) / 4);
    expect(forecast.perChannel.email!.reduce((a, b) => a + b, 0)).toBe(3);
    expect(forecast.perChannel.chat![HOURS_PER_WEEK - 1]).toBe(1);
  });

  it('counts only whole weeks since the history began', () => {
    const zone = 'Europe/London';
    const arrivals = [
      { at: local('2026-11-18T10:15', zone), channel: 'email' as const }, // the week history starts in: not counted
      { at: local('2026-11-24T10:15', zone), channel: 'email' as const },
    ];
    const forecast = forecastWeek({
      arrivals,
      timeZone: zone,
      forWeekOf: local('2026-12-01T08:00', zone),
      weeks: 8,
      historySince: local('2026-11-18T09:00', zone),
    });
    expect(forecast.weeksObserved).toBe(1);
    expect(forecast.perChannel.email![24 + 10]).toBe(1);
  });

  it('keeps local hours across a change of the clocks (America/New_York, 1 November 2026)', () => {
    const zone = 'America/New_York';
    // 09:00 local on the Monday before and after the clocks went back: the same cell.
    const arrivals = [local('2026-10-26T09:05', zone), local('2026-11-02T09:05', zone)].map((at) => ({ at, channel: 'phone' as const }));
    const forecast = forecastWeek({ arrivals, timeZone: zone, forWeekOf: local('2026-11-09T09:00', zone), weeks: 2 });
    expect(forecast.perChannel.phone![9]).toBe(1);
  });

  it('refuses an unknown time zone with a code', () => {
    expect(() => forecastWeek({ arrivals: [], timeZone: 'Mars/Olympus', forWeekOf: 0 })).toThrow(AppError);
  });
});

describe('staffing and coverage', () => {
  it('staffs e-mail by volume x handle time / occupancy, pooled before rounding up', () => {
    // 30 e-mails an hour at 6 minutes each, agents busy 85% of the time: 3 / 0.85 = 3.53 -> 4.
    expect(agentsForWorkload({ arrivals: 30, intervalSeconds: 3600, ahtSeconds: 360 }, 0.85)).toEqual({
      agents: 4,
      fractionalAgents: 3 / 0.85,
    });
    expect(agentsForWorkload({ arrivals: 30, intervalSeconds: 3600, ahtSeconds: 360 }, 1).agents).toBe(3);
    expect(() => agentsForWorkload({ arrivals: 30, intervalSeconds: 3600, ahtSeconds: 360 }, 0)).toThrow(AppError);
  });

  it('adds Erlang C agents for chat to the pooled deferred work in each hour', () => {
    const perChannel = {
      chat: new Array(HOURS_PER_WEEK).fill(0),
      email: new Array(HOURS_PER_WEEK).fill(0),
      social: new Array(HOURS_PER_WEEK).fill(0),
    };
    perChannel.chat[10] = 200; // 200 chats at 180 s = 10 Erlangs: 14 agents for 80% in 20 s
    perChannel.email[10] = 15; // 15 x 360 s / 3600 / 0.9 = 1.67
    perChannel.social[10] = 5; // 5 x 360 s / 3600 / 0.9 = 0.56 -> pooled 2.22 -> 3
    const required = requiredAgents(
      { weekStart: 0, weeksObserved: 4, perChannel },
      { ahtSeconds: { chat: 180, email: 360, social: 360 }, serviceTarget: { serviceLevel: 0.8, answerSeconds: 20 }, occupancyTarget: 0.9 },
    );
    expect(required[10]).toBe(14 + 3);
    expect(required[11]).toBe(0);
  });

  it('counts scheduled agent-hours per local hour, breaks left out', () => {
    const zone = 'Asia/Shanghai';
    const weekStart = local('2026-11-30T00:00', zone);
    const shifts = [
      // Monday 08:30-17:00 with a lunch break 12:00-13:00.
      {
        userId: 'a',
        start: local('2026-11-30T08:30', zone),
        end: local('2026-11-30T17:00', zone),
        breaks: [{ start: local('2026-11-30T12:00', zone), end: local('2026-11-30T13:00', zone) }],
      },
      // Monday 09:00-10:00.
      { userId: 'b', start: local('2026-11-30T09:00', zone), end: local('2026-11-30T10:00', zone), breaks: [] },
      // A night shift from Sunday 22:00 into the next week: only its first two hours are this week's.
      { userId: 'c', start: local('2026-12-06T22:00', zone), end: local('2026-12-07T06:00', zone), breaks: [] },
    ];
    const scheduled = scheduledAgents(shifts, weekStart, zone);
    expect(scheduled[8]).toBe(0.5);
    expect(scheduled[9]).toBe(2);
    expect(scheduled[12]).toBe(0);
    expect(scheduled[13]).toBe(1);
    expect(scheduled[16]).toBe(1);
    expect(scheduled[17]).toBe(0);
    expect(scheduled[166]).toBe(1);
    expect(scheduled[167]).toBe(1);
    expect(scheduled.reduce((a, b) => a + b, 0)).toBe(7.5 + 1 + 2);

    const cells = coverage([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, ...new Array(158).fill(0)], scheduled);
    expect(cells[8]).toEqual({ hourOfWeek: 8, required: 1, scheduled: 0.5, understaffed: true });
    expect(cells[9]!.understaffed).toBe(false);
  });

  it('counts an arrival with a count as that many arrivals at its instant', () => {
    const zone = 'Asia/Kolkata';
    const at = local('2026-11-24T10:45', zone);
    const one = { at, channel: 'email' as const };
    const week = { timeZone: zone, forWeekOf: local('2026-12-02T12:00', zone), weeks: 1 };
    const counted = forecastWeek({ ...week, arrivals: [{ ...one, count: 3 }] });
    expect(counted).toEqual(forecastWeek({ ...week, arrivals: [one, one, one] }));
    expect(counted.perChannel.email?.[24 + 10]).toBe(3);
  });
});
