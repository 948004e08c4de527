/**
 * Business-time arithmetic on a calendar. The one rule everything follows: an instant is open when
 * its local wall-clock time (in the calendar's zone) falls inside a weekly interval and its local
 * date is no holiday. So on a spring-forward day an interval loses the skipped hour, on a fall-back
 * day it gains the repeated one, and an interval starting in the skipped hour starts when the clocks
 * jump. Instants are integer milliseconds since the epoch; the results are exact to the millisecond.
 *
 * How: the time line is cut where the zone's UTC offset changes; within a piece local time is the
 * instant plus a constant, so the open local hours map back to instants by subtracting it.
 */
import { IANAZone } from 'luxon';
import { AppError } from '../contract/errors.ts';
import { type CalendarSpec, clockMinutes, MINUTES_PER_DAY } from './calendar.ts';
import { type ZoneOffsets, zoneOffsets } from './zone-offsets.ts';

export const MINUTE_MS = 60_000;
const DAY_MS = MINUTES_PER_DAY * MINUTE_MS;
/** How far ahead `addBusinessMinutes` looks before deciding the calendar never opens. */
const SEARCH_LIMIT_MS = 5 * 366 * DAY_MS;
/** A bound on the holiday answers remembered per calendar (about 500 years of days): past it, start again. */
const MAX_DAYS_REMEMBERED = 200_000;
/**
 * Open time over a long span is summed a week at a time from remembered weeks: a ticket months old
 * asks for its elapsed business time at every change, and walking each of its days again was most
 * of an SLA refresh. Weeks are fixed spans of instants from the epoch (not local weeks), so a sum
 * over them is the same as the walk: open time is additive over any cut of the span.
 */
const WEEK_MS = 7 * DAY_MS;
/** About 500 years of weeks per calendar: past it, start again. */
const MAX_WEEKS_REMEMBERED = 26_000;

interface Compiled {
  offsets: ZoneOffsets;
  /** Per local weekday, the open [start, end) minutes of that local day, sorted. */
  hours: { start: number; end: number }[][];
  dates: Set<string>;
  /** 'MM-DD' of yearly holidays. */
  yearly: Set<string>;
  /** Local day start (local ms) -> whether it is a holiday. */
  holidayByDay: Map<number, boolean>;
  /** Week index (instant / WEEK_MS) -> open ms in that week. */
  openByWeek: Map<number, number>;
}

const compiled = new WeakMap<CalendarSpec, Compiled>();

function compile(cal: CalendarSpec): Compiled {
  const hit = compiled.get(cal);
  if (hit) return hit;
  const hours: Compiled['hours'] = [[], [], [], [], [], [], []];
  for (const iv of cal.weeklyHours) {
    const start = clockMinutes(iv.start);
    const end = clockMinutes(iv.end);
    if (!iv.endsNextDay) hours[iv.day]!.push({ start, end });
    else {
      // Split at midnight: the part after it belongs to the next local date (and its holidays).
      hours[iv.day]!.push({ start, end: MINUTES_PER_DAY });
      if (end > 0) hours[(iv.day + 1) % 7]!.push({ start: 0, end });
    }
  }
  hours.forEach((day) => day.sort((a, b) => a.start - b.start));
  const c: Compiled = {
    offsets: zoneOffsets(IANAZone.create(cal.timeZone)),
    hours,
    dates: new Set(cal.holidays.filter((h) => !h.yearly).map((h) => h.date)),
    yearly: new Set(cal.holidays.filter((h) => h.yearly).map((h) => h.date.slice(5))),
    holidayByDay: new Map(),
    openByWeek: new Map(),
  };
  compiled.set(cal, c);
  return c;
}

function offsetMs(c: Compiled, t: number): number {
  return c.offsets.offsetAt(t);
}

/** Whether the local day starting at local-ms `dayStart` is a holiday (remembered per calendar: the same days come back). */
function isHoliday(c: Compiled, dayStart: number): boolean {
  let holiday = c.holidayByDay.get(dayStart);
  if (holiday === undefined) {
    const date = new Date(dayStart).toISOString().slice(0, 10);
    holiday = c.dates.has(date) || c.yearly.has(date.slice(5));
    if (c.holidayByDay.size >= MAX_DAYS_REMEMBERED) c.holidayByDay.clear();
    c.holidayByDay.set(dayStart, holiday);
  }
  return holiday;
}

/** The local weekday (0 Sunday) of the local day starting at local-ms `dayStart`: 1970-01-01 was a Thursday. */
const weekdayOf = (dayStart: number): number => (((Math.floor(dayStart / DAY_MS) + 4) % 7) + 7) % 7;

/**
 * Calls `visit` with each open period [start, end) within [from, to), in order, adjacent ones
 * joined, until it returns true; returns whether it did. A callback rather than a generator: this
 * walk is most of every SLA computation, and a generator's steps and pairs cost more than the walk.
 */
function visitOpenPeriods(c: Compiled, from: number, to: number, visit: (start: number, end: number) => boolean | void): boolean {
  let pendingStart = 0;
  let pendingEnd: number | null = null;
  for (let s = from; s < to;) {
    const e = c.offsets.nextChange(s, to);
    const o = offsetMs(c, s);
    const localFrom = s + o;
    const localTo = e + o;
    for (let day = Math.floor(localFrom / DAY_MS) * DAY_MS; day < localTo; day += DAY_MS) {
      if (isHoliday(c, day)) continue;
      for (const h of c.hours[weekdayOf(day)]!) {
        const a = Math.max(day + h.start * MINUTE_MS, localFrom);
        const b = Math.min(day + h.end * MINUTE_MS, localTo);
        if (a >= b) continue;
        if (pendingEnd === a - o) pendingEnd = b - o;
        else {
          if (pendingEnd !== null && visit(pendingStart, pendingEnd)) return true;
          pendingStart = a - o;
          pendingEnd = b - o;
        }
      }
    }
    s = e;
  }
  return pendingEnd !== null && visit(pendingStart, pendingEnd) === true;
}

/** The open periods [start, end) within [from, to), in order, adjacent ones joined. */
export function openPeriods(cal: CalendarSpec, from: number, to: number): [number, number][] {
  const periods: [number, number][] = [];
  visitOpenPeriods(compile(cal), from, to, (a, b) => {
    periods.push([a, b]);
  });
  return periods;
}

export function isOpenAt(cal: CalendarSpec, at: number): boolean {
  return visitOpenPeriods(compile(cal), at, at + 1, () => true);
}

function walkedMs(c: Compiled, from: number, to: number): number {
  let sum = 0;
  visitOpenPeriods(c, from, to, (a, b) => {
    sum += b - a;
  });
  return sum;
}

function weekOpenMs(c: Compiled, week: number): number {
  let ms = c.openByWeek.get(week);
  if (ms === undefined) {
    ms = walkedMs(c, week * WEEK_MS, (week + 1) * WEEK_MS);
    if (c.openByWeek.size >= MAX_WEEKS_REMEMBERED) c.openByWeek.clear();
    c.openByWeek.set(week, ms);
  }
  return ms;
}

/** Open time between two instants in milliseconds (negative when `to` is before `from`). */
export function businessMsBetween(cal: CalendarSpec, from: number, to: number): number {
  if (to < from) return -businessMsBetween(cal, to, from);
  const c = compile(cal);
  const firstWhole = Math.ceil(from / WEEK_MS);
  const lastWhole = Math.floor(to / WEEK_MS);
  if (lastWhole - firstWhole < 2) return walkedMs(c, from, to);
  let sum = walkedMs(c, from, firstWhole * WEEK_MS) + walkedMs(c, lastWhole * WEEK_MS, to);
  for (let week = firstWhole; week < lastWhole; week++) sum += weekOpenMs(c, week);
  return sum;
}

/** Business minutes between two instants (fractional when they are not whole minutes apart in open time). */
export function businessMinutesBetween(cal: CalendarSpec, from: number, to: number): number {
  return businessMsBetween(cal, from, to) / MINUTE_MS;
}

/**
 * The earliest instant by which `ms` of open time has passed since `from`: the end of an open
 * period when the budget runs out exactly there, never the start of the next one. Zero is `from`.
 */
export function addBusinessMs(cal: CalendarSpec, from: number, ms: number): number {
  if (ms < 0) throw new AppError('VALIDATION', 'cannot add a negative business time');
  if (ms === 0) return from;
  const c = compile(cal);
  let left = ms;
  // To the first whole week, then a whole week at a time while the budget outlasts it (from the
  // remembered weeks), then the week it runs out in, period by period.
  let start = from;
  let due: number | null = null;
  const spend = (a: number, b: number): boolean => {
    if (b - a < left) {
      left -= b - a;
      return false;
    }
    due = a + left;
    return true;
  };
  for (let end = Math.ceil(from / WEEK_MS) * WEEK_MS; start < from + SEARCH_LIMIT_MS; start = end, end += WEEK_MS) {
    if (start === end) continue;
    if (start % WEEK_MS === 0) {
      const open = weekOpenMs(c, start / WEEK_MS);
      if (open < left) {
        left -= open;
        continue;
      }
    }
    if (visitOpenPeriods(c, start, end, spend)) return due!;
  }
  throw new AppError('RULE_VIOLATION', 'the calendar has no business hours in the next five years');
}

export function addBusinessMinutes(cal: CalendarSpec, from: number, minutes: number): number {
  return addBusinessMs(cal, from, Math.round(minutes * MINUTE_MS));
}
