/**
 * What `computeMetrics` returns, as a schema so the channel and the HTTP route check it on the way
 * out like every other answer. Durations are hours (fractional), rates are shares from 0 to 1,
 * null when there is nothing to divide by; the NPS score runs from -100 to +100. Each figure's
 * definition is in docs/metrics.md.
 */
import { z } from 'zod';
import { CalendarDate, Id } from '../domain/records.ts';
import { SLA_METRICS } from '../sla/target.ts';
import { MetricsQuery } from './query.ts';

const Count = z.number().int().nonnegative();
const Share = z.number().min(0).max(1).nullable();
const Hours = z.number().nullable();

export const Summary = z.strictObject({ count: Count, mean: Hours, median: Hours, p90: Hours });
/** One duration measured twice: around the clock, and in the ticket's business hours. */
export const DurationFigure = z.strictObject({ calendar: Summary, business: Summary });
export type DurationFigure = z.infer<typeof DurationFigure>;

export const Attainment = z.strictObject({ met: Count, breached: Count, rate: Share });
export type Attainment = z.infer<typeof Attainment>;

export const SlaFigure = z.strictObject({
  ...(Object.fromEntries(SLA_METRICS.map((m) => [m, Attainment])) as Record<(typeof SLA_METRICS)[number], typeof Attainment>),
  all: Attainment,
});
export type SlaFigure = z.infer<typeof SlaFigure>;

export const CsatFigure = z.strictObject({
  ratings: Count,
  satisfied: Count,
  score: Share,
  /** Tickets solved in the window, and those of them rated. */
  solved: Count,
  rated: Count,
  responseRate: Share,
});
export type CsatFigure = z.infer<typeof CsatFigure>;

export const Figures = z.strictObject({
  volume: z.strictObject({ created: Count, solved: Count, backlog: Count }),
  firstReply: DurationFigure,
  response: DurationFigure,
  firstResolution: DurationFigure,
  fullResolution: DurationFigure,
  fcr: z.strictObject({ solved: Count, firstContact: Count, rate: Share }),
  reopen: z.strictObject({ solved: Count, reopened: Count, rate: Share }),
  interactions: z.strictObject({ solved: Count, replies: Count, perTicket: z.number().nonnegative().nullable() }),
  escalation: z.strictObject({ handled: Count, escalated: Count, rate: Share }),
  replies: Count,
  csat: CsatFigure,
  ces: z.strictObject({
    answers: Count,
    /** Answers above the configured scale's top, left out. */
    outOfScale: Count,
    mean: z.number().nullable(),
    /** The mean as a percentage of the scale's top (the seed's 1-10 form). */
    percent: z.number().min(0).max(100).nullable(),
  }),
  nps: z.strictObject({
    answers: Count,
    promoters: Count,
    passives: Count,
    detractors: Count,
    promoterShare: Share,
    passiveShare: Share,
    detractorShare: Share,
    score: z.number().min(-100).max(100).nullable(),
  }),
  sla: SlaFigure,
});
export type Figures = z.infer<typeof Figures>;

export const ReportSpan = z.strictObject({ firstDate: CalendarDate, lastDate: CalendarDate, start: z.number(), end: z.number() });

export const AgentRow = z.strictObject({
  agentId: Id,
  replies: Count,
  solved: Count,
  firstReply: DurationFigure,
  csat: z.strictObject({ ratings: Count, satisfied: Count, score: Share }),
  sla: Attainment,
  /** Milliseconds of the period (up to now) the person's presence was available, and on break. */
  availableMs: z.number().int().nonnegative(),
  breakMs: z.number().int().nonnegative(),
});
export type AgentRow = z.infer<typeof AgentRow>;

export const TeamRow = z.strictObject({
  teamId: Id,
  created: Count,
  solved: Count,
  csat: z.strictObject({ ratings: Count, satisfied: Count, score: Share }),
  sla: Attainment,
});
export type TeamRow = z.infer<typeof TeamRow>;

export const MetricsReport = z.strictObject({
  query: MetricsQuery,
  /** The instant the report was computed for: events after it are not counted. */
  now: z.number(),
  period: ReportSpan,
  figures: Figures,
  previousPeriod: ReportSpan.nullable(),
  previous: Figures.nullable(),
  trend: z.array(z.strictObject({ span: ReportSpan, figures: Figures })),
  agents: z.array(AgentRow),
  teams: z.array(TeamRow),
});
export type MetricsReport = z.infer<typeof MetricsReport>;
