/**
 * The duration figures. Each interval counts in the window its end falls in (a first reply in the
 * window, a solve in the window), and is measured twice: around the clock, and in the business
 * hours of the calendar the ticket's SLA policy counts on (a ticket with none has no business-hours
 * value, so the two counts can differ).
 */
import type { BusinessClock } from './business-clock.ts';
import type { DurationFigure } from './report.ts';
import { summarize } from './stats.ts';
import { statusAt, type Timeline } from './timeline.ts';
import { within, type Window } from './window.ts';

/** The clock of the ticket's business calendar; null: it counts no business hours. */
export type CalendarOf = (t: Timeline) => BusinessClock | null;

export interface Interval {
  t: Timeline;
  from: number;
  to: number;
}

/** The milliseconds of intervals, kept until the figure is summarized: around the clock, and in business hours. */
export interface DurationValues {
  calendar: number[];
  business: number[];
}

export const noDurations = (): DurationValues => ({ calendar: [], business: [] });

export function addDurations(into: DurationValues, intervals: readonly Interval[], calendarOf: CalendarOf): void {
  for (const { t, from, to } of intervals) {
    into.calendar.push(to - from);
    const cal = calendarOf(t);
    if (cal) into.business.push(cal.between(from, to));
  }
}

export const durationFigureOf = (values: DurationValues): DurationFigure => ({
  calendar: summarize(values.calendar),
  business: summarize(values.business),
});

/** Creation to the first public agent reply (for a ticket an agent opened with a reply: the next one). */
export function firstReplyIntervals(timelines: readonly Timeline[], w: Window): Interval[] {
  return timelines.flatMap((t) => (t.firstReply && within(t.firstReply.at, w) ? [{ t, from: t.createdAt, to: t.firstReply.at }] : []));
}

/** Every customer message (the first of those waiting) to the next public agent reply. */
export function responseIntervals(timelines: readonly Timeline[], w: Window): Interval[] {
  return timelines.flatMap((t) => t.responseIntervals.filter(([, to]) => within(to, w)).map(([from, to]) => ({ t, from, to })));
}

/** Creation to the first solve, for tickets first solved in the window. */
export function firstResolutionIntervals(timelines: readonly Timeline[], w: Window): Interval[] {
  return timelines.flatMap((t) => {
    const first = t.solves[0];
    return first !== undefined && within(first, w) ? [{ t, from: t.createdAt, to: first }] : [];
  });
}

/**
 * Creation to the last solve, for tickets solved (or closed) at the window's end whose last solve
 * by then falls in the window: a ticket reopened and still unsolved has no full resolution yet.
 */
export function fullResolutionIntervals(timelines: readonly Timeline[], w: Window): Interval[] {
  return timelines.flatMap((t) => {
    const last = t.solves.filter((at) => at < w.end).at(-1);
    if (last === undefined || last < w.start) return [];
    const status = statusAt(t, w.end - 1);
    return status === 'solved' || status === 'closed' ? [{ t, from: t.createdAt, to: last }] : [];
  });
}
