import { describe, expect, it } from 'vitest';
import { businessMsBetween } from '../sla/business-time.ts';
import { CalendarSpec } from '../sla/calendar.ts';
import { businessClock, keptBusinessClock } from './business-clock.ts';

const calendars = {
  'New York, weekdays 9-17, Independence Day': CalendarSpec.parse({
    timeZone: 'America/New_York',
    weeklyHours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
    holidays: [{ date: '2026-07-04', name: 'Independence Day', yearly: true }],
  }),
  'Shanghai, a night shift past midnight and National Day': CalendarSpec.parse({
    timeZone: 'Asia/Shanghai',
    weeklyHours: [
      { day: 1, start: '09:00', end: '18:00' },
      { day: 5, start: '22:00', end: '06:00', endsNextDay: true },
    ],
    holidays: [{ date: '2026-10-01', name: '国庆节' }],
  }),
  'London, the night the clocks go back, open around it': CalendarSpec.parse({
    timeZone: 'Europe/London',
    weeklyHours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:30', end: '02:30' })),
    holidays: [],
  }),
};

describe('the business clock gives businessMsBetween’s answer to the millisecond', () => {
  it.each(Object.entries(calendars))('%s, on 2,000 random intervals over two years, asked in random order', (_name, cal) => {
    const clock = businessClock(cal);
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < 2000; i++) {
      const from = start + Math.floor(random() * 700 * 86_400_000);
      const to = from + Math.floor((random() - 0.1) * 40 * 86_400_000);
      // (+ 0: an empty backward interval is -0 there, 0 here; the metrics measure none backward.)
      expect([from, to, clock.between(from, to) + 0]).toEqual([from, to, businessMsBetween(cal, from, to) + 0]);
    }
  });
});

describe('clocks kept between reports', () => {
  it('are reused for the same calendar version, and never answer with another version’s rules', () => {
    const [ny, shanghai] = Object.values(calendars);
    const clock = keptBusinessClock('cal@1', ny!);
    expect(keptBusinessClock('cal@1', CalendarSpec.parse(JSON.parse(JSON.stringify(ny))))).toBe(clock);
    // Two stores naming different rules alike (a reset cache, a test): the rules decide.
    const other = keptBusinessClock('cal@1', shanghai!);
    expect(other).not.toBe(clock);
    const from = Date.parse('2026-03-02T00:00:00Z');
    expect(other.between(from, from + 7 * 86_400_000)).toBe(businessMsBetween(shanghai!, from, from + 7 * 86_400_000));
  });
});
