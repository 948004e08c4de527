import { describe, expect, it } from 'vitest';
import { createDemoData } from '../demo/generate.ts';
import { addBusinessMinutes } from './business-time.ts';
import { parseCalendar } from './calendar.ts';
import { parsePolicy } from './policy.ts';
import { BusinessCalendar, SlaPolicy, toCalendarSpec, toPolicySpec, usesBusinessHours } from './records.ts';

const { organization: org } = createDemoData({ tickets: 1, seed: 3, now: Date.UTC(2026, 2, 10, 12) });
const london = org.calendars[0]!;
const standard = org.slaPolicies.find((p) => p.name === 'Standard')!;

describe('SLA records', () => {
  it('convert into exactly the engine inputs their fields describe', () => {
    expect(toCalendarSpec(london)).toEqual(
      parseCalendar({ timeZone: london.timeZone, weeklyHours: london.weeklyHours, holidays: london.holidays }),
    );
    expect(toPolicySpec(standard)).toEqual(
      parsePolicy({
        name: 'Standard',
        conditions: {},
        targets: standard.targets,
        atRiskShare: 0.75,
        runningStatuses: ['new', 'open', 'on_hold'],
      }),
    );
    // The converted calendar computes: Friday 6 March 2026 17:00 London (open till 18:00) plus two business hours is Monday 09:00.
    expect(new Date(addBusinessMinutes(toCalendarSpec(london), Date.UTC(2026, 2, 6, 17), 120)).toISOString()).toBe(
      '2026-03-09T09:00:00.000Z',
    );
  });

  it('refuse what the engine refuses, naming where', () => {
    const overlapping = { ...london, weeklyHours: [...london.weeklyHours, { day: 1, start: '17:00', end: '19:00' }] };
    expect(BusinessCalendar.safeParse(overlapping).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['weeklyHours.5', 'hours overlap: Monday 08:00-18:00 and Monday 17:00-19:00'],
    ]);
    expect(BusinessCalendar.safeParse({ ...london, timeZone: 'Mars/Olympus' }).error?.issues[0]?.message).toBe('unknown IANA time zone');
    expect(SlaPolicy.safeParse({ ...standard, targets: {} }).error?.issues.map((i) => i.message)).toEqual([
      'a policy needs at least one target',
    ]);
  });

  it('say whether a policy counts business hours', () => {
    expect(usesBusinessHours(standard)).toBe(true);
    expect(usesBusinessHours(org.slaPolicies.find((p) => p.name === 'Urgent & high')!)).toBe(false);
  });
});
