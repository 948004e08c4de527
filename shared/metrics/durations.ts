/**
 * The duration figures. Each interval counts in the window its end falls in (a first reply in the
 * window, a solve in the window), and is measured twice: around the clock, and in the business
 * hours of the calendar the ticket's SLA policy counts on (a ticket with none has no business-hours
 * value, so the two counts can differ).
 */
import { businessMsBetween } from '../sla/business-time.ts';
import type { CalendarSpec } from '../sla/calendar.ts';
import type { DurationFigure } from './report.ts';
import { summarize } from './stats.ts';
import { statusAt, type Timeline } from './timeline.ts';
import { within, type Window } from './window.ts';

export type CalendarOf = (t: Timeline) => CalendarSpec | null;

export interface Interval {
  t: Timeline;
  from: number;
  to: number;
}

export function durationFigure(intervals: readonly Interval[], calendarOf: CalendarOf): DurationFigure {
  const calendar: number[] = [];
  const business: number[] = [];
  for (const { t, from, to } of intervals) {
    calendar.push(to - from);
    const cal = calendarOf(t);
    if (cal) business.push(businessMsBetween(cal, from, to));
  }
  return { calendar: summarize(calendar), business: summarize(business) };
}

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
