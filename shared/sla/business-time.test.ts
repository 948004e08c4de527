import { describe, expect, it } from 'vitest';
import { CalendarSpec, type WeeklyInterval } from './calendar.ts';
import { addBusinessMinutes, businessMinutesBetween, isOpenAt, openPeriods } from './business-time.ts';
import { createRandom } from '../demo/random.ts';

const MIN = 60_000;
const weekdays = (start: string, end: string): WeeklyInterval[] => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
const cal = (timeZone: string, weeklyHours: WeeklyInterval[], holidays: CalendarSpec['holidays'] = []) =>
  CalendarSpec.parse({ timeZone, weeklyHours, holidays });
const utc = (iso: string) => Date.parse(iso);

describe('business time across daylight-saving changes', () => {
  it('New York spring forward: hours spanning the skipped hour lose it', () => {
    // Sunday 8 March 2026, 02:00 EST becomes 03:00 EDT.
    const c = cal('America/New_York', [{ day: 0, start: '01:00', end: '04:00' }]);
    expect(businessMinutesBetween(c, utc('2026-03-08T00:00:00Z'), utc('2026-03-09T00:00:00Z'))).toBe(120);
    // An interval starting in the skipped hour starts when the clocks jump (07:00 UTC).
    const gap = cal('America/New_York', [{ day: 0, start: '02:30', end: '05:00' }]);
    expect([...openPeriods(gap, utc('2026-03-08T00:00:00Z'), utc('2026-03-09T00:00:00Z'))]).toEqual([
      [utc('2026-03-08T07:00:00Z'), utc('2026-03-08T09:00:00Z')],
    ]);
  });

  it('New York fall back: the repeated hour counts twice', () => {
    // Sunday 1 November 2026, 02:00 EDT becomes 01:00 EST.
    const c = cal('America/New_York', [{ day: 0, start: '00:00', end: '03:00' }]);
    expect(businessMinutesBetween(c, utc('2026-11-01T00:00:00Z'), utc('2026-11-02T00:00:00Z'))).toBe(240);
    // Only the repeated half hour is open: 01:30-02:00 happens twice, an hour apart.
    const half = cal('America/New_York', [{ day: 0, start: '01:30', end: '02:00' }]);
    expect([...openPeriods(half, utc('2026-11-01T00:00:00Z'), utc('2026-11-02T00:00:00Z'))]).toEqual([
      [utc('2026-11-01T05:30:00Z'), utc('2026-11-01T06:00:00Z')],
      [utc('2026-11-01T06:30:00Z'), utc('2026-11-01T07:00:00Z')],
    ]);
  });

  it('London: a nine-to-five day is eight hours on both change days, in local time', () => {
    const c = cal('Europe/London', [{ day: 0, start: '09:00', end: '17:00' }]);
    // 29 March 2026 (BST starts): 09:00 local is 08:00 UTC.
    expect([...openPeriods(c, utc('2026-03-29T00:00:00Z'), utc('2026-03-30T00:00:00Z'))]).toEqual([
      [utc('2026-03-29T08:00:00Z'), utc('2026-03-29T16:00:00Z')],
    ]);
    // 25 October 2026 (BST ends): 09:00 local is 09:00 UTC again.
    expect([...openPeriods(c, utc('2026-10-25T00:00:00Z'), utc('2026-10-26T00:00:00Z'))]).toEqual([
      [utc('2026-10-25T09:00:00Z'), utc('2026-10-25T17:00:00Z')],
    ]);
    // Nine business hours from Friday 16:00 GMT: one that day, eight on Monday, which ends at 17:00 BST.
    const week = cal('Europe/London', weekdays('09:00', '17:00'));
    expect(addBusinessMinutes(week, utc('2026-03-27T16:00:00Z'), 540)).toBe(utc('2026-03-30T16:00:00Z'));
  });

  it('Shanghai: no daylight saving, a lunch break, and national holidays', () => {
    const c = cal(
      'Asia/Shanghai',
      [1, 2, 3, 4, 5].flatMap((day) => [
        { day, start: '09:00', end: '12:00' },
        { day, start: '13:00', end: '18:00' },
      ]),
      [{ date: '2026-10-01', name: 'National Day', yearly: true }],
    );
    // Wednesday 30 September 2026, 17:00 local (09:00 UTC) plus two business hours: one hour that day,
    // 1 October is a holiday, so the second hour is Friday 2 October 09:00-10:00 local.
    expect(addBusinessMinutes(c, utc('2026-09-30T09:00:00Z'), 120)).toBe(utc('2026-10-02T02:00:00Z'));
    expect(isOpenAt(c, utc('2026-09-30T04:30:00Z'))).toBe(false); // 12:30 local, lunch
    expect(isOpenAt(c, utc('2027-10-01T02:00:00Z'))).toBe(false); // the yearly holiday, a year later
  });
});

describe('hours across midnight and holidays', () => {
  const nights = cal('Europe/London', [
    { day: 5, start: '22:00', end: '06:00', endsNextDay: true },
    { day: 6, start: '22:00', end: '02:00', endsNextDay: true },
  ]);

  it('an overnight interval runs into the next day, and Saturday night into Sunday', () => {
    // January: London is on UTC.
    expect([...openPeriods(nights, utc('2026-01-09T00:00:00Z'), utc('2026-01-12T00:00:00Z'))]).toEqual([
      [utc('2026-01-09T22:00:00Z'), utc('2026-01-10T06:00:00Z')],
      [utc('2026-01-10T22:00:00Z'), utc('2026-01-11T02:00:00Z')],
    ]);
  });

  it('a holiday closes its local date only: the part of a night before midnight stays open', () => {
    const c = CalendarSpec.parse({ ...nights, holidays: [{ date: '2026-01-10', name: 'Closed Saturday' }] });
    expect([...openPeriods(c, utc('2026-01-09T00:00:00Z'), utc('2026-01-12T00:00:00Z'))]).toEqual([
      [utc('2026-01-09T22:00:00Z'), utc('2026-01-10T00:00:00Z')],
      [utc('2026-01-11T00:00:00Z'), utc('2026-01-11T02:00:00Z')],
    ]);
  });

  it('adding lands at the end of an open period when the budget runs out there, and zero adds nothing', () => {
    const c = cal('UTC', weekdays('09:00', '17:00'));
    expect(addBusinessMinutes(c, utc('2026-01-05T09:00:00Z'), 480)).toBe(utc('2026-01-05T17:00:00Z'));
    expect(addBusinessMinutes(c, utc('2026-01-05T20:00:00Z'), 0)).toBe(utc('2026-01-05T20:00:00Z'));
    expect(businessMinutesBetween(c, utc('2026-01-06T00:00:00Z'), utc('2026-01-05T00:00:00Z'))).toBe(-480);
  });

  it('a calendar that never opens is refused with a code rather than searched forever', () => {
    const allYear = Array.from({ length: 366 }, (_, i) => ({
      date: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      name: 'closed',
      yearly: true,
    }));
    const never = cal('UTC', weekdays('09:00', '17:00'), allYear);
    expect(() => addBusinessMinutes(never, utc('2026-01-05T09:00:00Z'), 1)).toThrow(expect.objectContaining({ code: 'RULE_VIOLATION' }));
  });
});

/**
 * The brute force: for each minute, its local time from the platform's Intl (not Luxon, not the
 * engine) and the calendar's intervals laid out independently on the week.
 */
function bruteOpen(c: CalendarSpec): (t: number) => boolean {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: c.timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  });
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  // For each local weekday and minute of the day: open or not.
  const week = new Set<number>();
  for (const iv of c.weeklyHours) {
    const end = hm(iv.end) + (iv.endsNextDay ? 1440 : 0);
    for (let m = hm(iv.start); m < end; m++) week.add((iv.day * 1440 + m) % (7 * 1440));
  }
  return (t) => {
    const p = Object.fromEntries(fmt.formatToParts(t).map((x) => [x.type, x.value]));
    const date = `${p.year}-${p.month}-${p.day}`;
    if (c.holidays.some((h) => (h.yearly ? h.date.slice(5) === date.slice(5) : h.date === date))) return false;
    return week.has(days.indexOf(p.weekday!) * 1440 + Number(p.hour) * 60 + Number(p.minute));
  };
}

/** The demo's seeded generator (mulberry32), so a failure replays. */
function rng(seed: number): () => number {
  return createRandom(seed).next;
}

const ZONES = ['America/New_York', 'Europe/London', 'Asia/Shanghai', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata'];
/** Moments near daylight-saving changes in those zones, in 2026, where mistakes would show. */
const HOTSPOTS = [
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-04-04T15:00:00Z',
  '2026-10-03T16:00:00Z',
  '2026-04-05T03:00:00Z',
  '2026-09-06T04:00:00Z',
].map(utc);

function randomCalendar(r: () => number): CalendarSpec {
  const at = (n: number) => Math.floor(r() * n);
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  // Cut points on the week, paired into intervals; those longer than a day are dropped.
  const points = [...new Set(Array.from({ length: 2 * (1 + at(10)) }, () => at(7 * 96) * 15 + (r() < 0.2 ? at(15) : 0)))].sort(
    (a, b) => a - b,
  );
  const weeklyHours: WeeklyInterval[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    const [s, e] = [points[i]!, points[i + 1]!];
    const day = Math.floor(s / 1440);
    if (e - s > 1440) continue;
    if (e <= (day + 1) * 1440) weeklyHours.push({ day, start: hhmm(s % 1440), end: e % 1440 === 0 ? '24:00' : hhmm(e % 1440) });
    else weeklyHours.push({ day, start: hhmm(s % 1440), end: hhmm(e % 1440), endsNextDay: true });
  }
  if (weeklyHours.length === 0) weeklyHours.push({ day: 1, start: '09:00', end: '17:00' });
  const holidays = Array.from({ length: at(4) }, () => ({
    date: new Date(HOTSPOTS[at(HOTSPOTS.length)]! + (at(7) - 3) * 86_400_000).toISOString().slice(0, 10),
    name: 'h',
    yearly: r() < 0.5,
  }));
  return CalendarSpec.parse({ timeZone: ZONES[at(ZONES.length)], weeklyHours, holidays });
}

describe('business-time arithmetic against a minute-by-minute count', () => {
  it('agrees on random calendars and instants, daylight-saving changes included', () => {
    const r = rng(13);
    for (let run = 0; run < 60; run++) {
      const c = randomCalendar(r);
      const open = bruteOpen(c);
      const from = HOTSPOTS[Math.floor(r() * HOTSPOTS.length)]! + Math.floor(r() * 4 * 1440 - 2 * 1440) * MIN;
      const span = Math.floor(r() * 4 * 1440);
      let count = 0;
      let nth: number | null = null;
      const n = 1 + Math.floor(r() * 600);
      for (let m = 0; m < span; m++) {
        const t = from + m * MIN;
        const isOpen = open(t);
        if (m % 97 === 0) expect(isOpenAt(c, t), `${JSON.stringify(c)} at ${new Date(t).toISOString()}`).toBe(isOpen);
        if (isOpen && ++count === n) nth = t + MIN;
      }
      const context = `${JSON.stringify(c)} from ${new Date(from).toISOString()} for ${span} minutes`;
      expect(businessMinutesBetween(c, from, from + span * MIN), context).toBe(count);
      if (nth !== null) expect(addBusinessMinutes(c, from, n), `${context}, adding ${n}`).toBe(nth);
    }
  });
});

describe('business time over spans of weeks', () => {
  it('sums and adds remembered weeks as the minute-by-minute count does, a week asked again included', () => {
    const r = rng(29);
    for (let run = 0; run < 10; run++) {
      const c = randomCalendar(r);
      const open = bruteOpen(c);
      const from = HOTSPOTS[Math.floor(r() * HOTSPOTS.length)]! - Math.floor(r() * 20 * 1440) * MIN;
      const span = (15 + Math.floor(r() * 25)) * 1440;
      let count = 0;
      for (let m = 0; m < span; m++) if (open(from + m * MIN)) count++;
      const context = `${JSON.stringify(c)} from ${new Date(from).toISOString()} for ${span} minutes`;
      expect(businessMinutesBetween(c, from, from + span * MIN), context).toBe(count);
      // The same weeks again, now remembered, from a minute later.
      expect(businessMinutesBetween(c, from + MIN, from + span * MIN), context).toBe(count - (open(from) ? 1 : 0));
      // A budget that runs out weeks later lands where the count reaches it.
      const n = Math.max(1, Math.floor(count * (0.5 + r() / 2)));
      let seen = 0;
      let nth = -1;
      for (let m = 0; m < span && nth < 0; m++) if (open(from + m * MIN) && ++seen === n) nth = from + (m + 1) * MIN;
      expect(addBusinessMinutes(c, from, n), `${context}, adding ${n}`).toBe(nth);
    }
  });
});
