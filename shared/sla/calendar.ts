/**
 * A business calendar as the SLA engine reads it: an IANA time zone, weekly hours in local wall-clock
 * time and holidays. The schema refuses what cannot be computed with (an unknown zone, hours that
 * overlap or run backwards, a date that does not exist), so every consumer can trust a parsed one.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { Text } from '../domain/text.ts';
import { validationError } from '../contract/errors.ts';

export const MINUTES_PER_DAY = 24 * 60;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

const ClockTime = Text.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM (00:00 to 24:00)');

/** Minutes since local midnight of 'HH:MM'. */
export function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * One working interval. `day` is the local weekday it starts on (0 = Sunday). An interval that runs
 * past midnight says so with `endsNextDay` (e.g. Friday 22:00 to Saturday 06:00): an end before the
 * start is otherwise taken for a typing mistake and refused.
 */
export const WeeklyInterval = z
  .strictObject({
    day: z.number().int().min(0).max(6),
    start: ClockTime,
    end: ClockTime,
    endsNextDay: z.boolean().optional(),
  })
  .superRefine((iv, ctx) => {
    const start = clockMinutes(iv.start);
    const end = clockMinutes(iv.end);
    if (start === MINUTES_PER_DAY) ctx.addIssue({ code: 'custom', path: ['start'], message: 'an interval cannot start at 24:00' });
    else if (iv.endsNextDay && (end > start || end === MINUTES_PER_DAY))
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'an interval that ends the next day must end no later than its start time' });
    else if (!iv.endsNextDay && end <= start)
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: `hours are inverted (${iv.start}-${iv.end}): the end must be after the start, or set endsNextDay for hours past midnight`,
      });
  });
export type WeeklyInterval = z.infer<typeof WeeklyInterval>;

/** A real date 'YYYY-MM-DD' (30 February is refused, 29 February only in leap years). */
const RealDate = Text.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').refine(
  (d) => {
    // Month 13 or day 32 make an invalid Date (whose toISOString throws); 30 February rolls over to March.
    const day = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === d;
  },
  { message: 'no such date' },
);

/**
 * A holiday closes a whole local date, whichever interval's hours fall on it. A yearly one closes
 * the same month and day every year (29 February: in leap years only).
 */
export const Holiday = z.strictObject({ date: RealDate, name: Text.max(200), yearly: z.boolean().optional() });
export type Holiday = z.infer<typeof Holiday>;

/** The stretch of the week [start, end) an interval covers, in minutes since Sunday 00:00 (end may pass the week's end). */
export function weekSpan(iv: WeeklyInterval): { start: number; end: number } {
  const start = iv.day * MINUTES_PER_DAY + clockMinutes(iv.start);
  const end = iv.day * MINUTES_PER_DAY + clockMinutes(iv.end) + (iv.endsNextDay ? MINUTES_PER_DAY : 0);
  return { start, end };
}

function describe(iv: WeeklyInterval): string {
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  return `${days[iv.day]} ${iv.start}-${iv.end}${iv.endsNextDay ? ' (next day)' : ''}`;
}

export const CalendarSpec = z
  .strictObject({
    timeZone: Text.refine((zone) => IANAZone.isValidZone(zone), { message: 'unknown IANA time zone' }),
    weeklyHours: z.array(WeeklyInterval).min(1, 'a calendar needs at least one working interval').max(70),
    holidays: z.array(Holiday).max(1000),
  })
  .superRefine((cal, ctx) => {
    // Overlaps on the week's circle: Saturday night's interval may run into Sunday morning's.
    const spans = cal.weeklyHours.map((iv, i) => ({ i, ...weekSpan(iv) })).sort((a, b) => a.start - b.start);
    spans.forEach((a, k) => {
      const b = spans[(k + 1) % spans.length]!;
      if (b === a) return;
      const bStart = k + 1 < spans.length ? b.start : b.start + MINUTES_PER_WEEK;
      if (a.end > bStart)
        ctx.addIssue({
          code: 'custom',
          path: ['weeklyHours', b.i],
          message: `hours overlap: ${describe(cal.weeklyHours[a.i]!)} and ${describe(cal.weeklyHours[b.i]!)}`,
        });
    });
  });
export type CalendarSpec = z.infer<typeof CalendarSpec>;

/** A calendar from untrusted input; a VALIDATION error naming every problem otherwise. */
export function parseCalendar(input: unknown): CalendarSpec {
  const parsed = CalendarSpec.safeParse(input);
  if (!parsed.success) throw validationError('business calendar', parsed.error);
  return parsed.data;
}
