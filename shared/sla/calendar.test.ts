import { describe, expect, it } from 'vitest';
import { parseCalendar } from './calendar.ts';

const valid = {
  timeZone: 'Europe/London',
  weeklyHours: [
    { day: 1, start: '09:00', end: '12:00' },
    { day: 1, start: '13:00', end: '17:30' },
    { day: 5, start: '22:00', end: '06:00', endsNextDay: true },
  ],
  holidays: [
    { date: '2026-12-25', name: 'Christmas Day', yearly: true },
    { date: '2028-02-29', name: 'Leap day' },
  ],
};

/** The VALIDATION error's issues, as "path: message". */
function issues(input: unknown): string[] {
  try {
    parseCalendar(input);
  } catch (e) {
    expect(e).toMatchObject({ code: 'VALIDATION' });
    return (e as { issues: { path: string; message: string }[] }).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected the calendar to be refused');
}

describe('business calendar input', () => {
  it('accepts several intervals a day, hours past midnight, single and yearly holidays', () => {
    expect(parseCalendar(valid)).toEqual(valid);
  });

  it('refuses an unknown time zone', () => {
    expect(issues({ ...valid, timeZone: 'Europe/Atlantis' })).toEqual(['timeZone: unknown IANA time zone']);
  });

  it('refuses inverted and empty hours, and a next-day interval longer than a day', () => {
    expect(issues({ ...valid, weeklyHours: [{ day: 2, start: '17:00', end: '09:00' }] })).toEqual([
      'weeklyHours.0.end: hours are inverted (17:00-09:00): the end must be after the start, or set endsNextDay for hours past midnight',
    ]);
    expect(issues({ ...valid, weeklyHours: [{ day: 2, start: '09:00', end: '09:00' }] })).toHaveLength(1);
    expect(issues({ ...valid, weeklyHours: [{ day: 2, start: '09:00', end: '10:00', endsNextDay: true }] })).toEqual([
      'weeklyHours.0.end: an interval that ends the next day must end no later than its start time',
    ]);
    expect(issues({ ...valid, weeklyHours: [{ day: 2, start: '24:00', end: '24:00' }] })[0]).toMatch(/cannot start at 24:00/);
  });

  it('refuses overlapping hours, within a day, across midnight and from Saturday into Sunday', () => {
    expect(
      issues({
        ...valid,
        weeklyHours: [
          { day: 1, start: '09:00', end: '12:00' },
          { day: 1, start: '11:00', end: '17:00' },
        ],
      }),
    ).toEqual(['weeklyHours.1: hours overlap: Monday 09:00-12:00 and Monday 11:00-17:00']);
    expect(
      issues({
        ...valid,
        weeklyHours: [
          { day: 1, start: '22:00', end: '06:00', endsNextDay: true },
          { day: 2, start: '05:00', end: '13:00' },
        ],
      }),
    ).toHaveLength(1);
    expect(
      issues({
        ...valid,
        weeklyHours: [
          { day: 6, start: '20:00', end: '04:00', endsNextDay: true },
          { day: 0, start: '03:00', end: '08:00' },
        ],
      }),
    ).toEqual(['weeklyHours.1: hours overlap: Saturday 20:00-04:00 (next day) and Sunday 03:00-08:00']);
    // Touching is not overlapping.
    expect(() =>
      parseCalendar({
        ...valid,
        weeklyHours: [
          { day: 6, start: '20:00', end: '03:00', endsNextDay: true },
          { day: 0, start: '03:00', end: '08:00' },
        ],
      }),
    ).not.toThrow();
  });

  it('refuses impossible dates and times', () => {
    expect(issues({ ...valid, holidays: [{ date: '2026-02-30', name: 'no such day' }] })).toEqual(['holidays.0.date: no such date']);
    expect(issues({ ...valid, holidays: [{ date: '2026-02-29', name: 'not a leap year' }] })).toEqual(['holidays.0.date: no such date']);
    expect(issues({ ...valid, weeklyHours: [{ day: 7, start: '25:00', end: '26:00' }] })).toHaveLength(3);
  });

  it('refuses a calendar with no hours at all', () => {
    expect(issues({ ...valid, weeklyHours: [] })).toEqual(['weeklyHours: a calendar needs at least one working interval']);
  });
});
