/**
 * An agent's own day at a glance, the strip above their queue: tickets they solved today and the
 * public replies they wrote today (their local day), and their CSAT over the last 30 days (a day
 * rarely has enough ratings to say anything). Credited exactly as the metrics screen's per-agent
 * table credits them (agents.ts), so the strip and a supervisor's report never disagree: the
 * figures are that table's row for the person, for "today" and for "30 days".
 */
import { z } from 'zod';
import { CalendarDate } from '../domain/records.ts';
import { agentCredits } from './agents.ts';
import type { MetricsFacts } from './facts.ts';
import { resolvePeriod } from './period.ts';
import { MetricsQuery, Zone } from './query.ts';
import { buildTimelines } from './timeline.ts';
import { within } from './window.ts';

/** The days the CSAT figure looks back over, today included. */
export const MY_CSAT_DAYS = 30;

export const MyDayQuery = z.strictObject({ timeZone: Zone.default('UTC') });
export type MyDayQuery = z.input<typeof MyDayQuery>;

const Count = z.number().int().nonnegative();
export const MyDay = z.strictObject({
  /** The local date "today" is, 'YYYY-MM-DD'. */
  date: CalendarDate,
  solved: Count,
  replies: Count,
  csat: z.strictObject({ days: z.literal(MY_CSAT_DAYS), ratings: Count, satisfied: Count, score: z.number().min(0).max(1).nullable() }),
});
export type MyDay = z.infer<typeof MyDay>;

/** The windows: today, and the 30 days that end today; `since` is the earlier start. */
export function myDayWindows(timeZone: string, now: number) {
  const today = resolvePeriod(MetricsQuery.parse({ period: 'today', timeZone, compare: false }), now).current;
  const csat = resolvePeriod(MetricsQuery.parse({ period: '30d', timeZone, compare: false }), now).current;
  return { today, csat, since: Math.min(today.start, csat.start) };
}

/**
 * `facts` must hold every ticket with an event today or a CSAT answer in the 30 days (with all
 * their events, or their folds: credit goes to who held the ticket at the time), and those answers; more is harmless.
 */
export function computeMyDay(facts: MetricsFacts, me: string, rawQuery: MyDayQuery, now: number): MyDay {
  const { timeZone } = MyDayQuery.parse(rawQuery);
  const w = myDayWindows(timeZone, now);
  const timelines = buildTimelines(facts.tickets, facts.events, now, facts.folded);
  const csatOf = (window: { start: number; end: number }) =>
    facts.feedback.filter((f) => f.kind === 'csat' && f.createdAt <= now && within(f.createdAt, window));
  const today = agentCredits(timelines, csatOf(w.today), w.today, me);
  const month = agentCredits(timelines, csatOf(w.csat), w.csat, me);
  return {
    date: w.today.firstDate,
    solved: today.solved,
    replies: today.replies,
    csat: { days: MY_CSAT_DAYS, ...month.csat },
  };
}
