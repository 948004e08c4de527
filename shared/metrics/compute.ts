/**
 * The one entry point: facts, a query and the instant "now" in, the report out. The console
 * (offline, from its cache) and the server (from PostgreSQL) both call this with the same rows and
 * get the same report, deep-equal.
 */
import { AppError, validationError } from '../contract/errors.ts';
import {
  durationFigure,
  firstReplyIntervals,
  firstResolutionIntervals,
  fullResolutionIntervals,
  responseIntervals,
  type CalendarOf,
} from './durations.ts';
import { businessClock, type BusinessClock } from './business-clock.ts';
import { cesFigure, csatFigure, npsFigure } from './feedback.ts';
import type { FeedbackFact, MetricsFacts } from './facts.ts';
import { isFiltering, matchesFilters } from './filters.ts';
import { resolvePeriod } from './period.ts';
import { MetricsQuery, type MetricsQueryInput } from './query.ts';
import type { Figures, MetricsReport } from './report.ts';
import { agentRows, teamRows } from './agents.ts';
import { presenceTime } from './presence-time.ts';
import { repliesIn, resolutionFigures } from './resolution.ts';
import { slaFigure } from './sla-attainment.ts';
import { buildTimelines, UNSOLVED, type Timeline } from './timeline.ts';
import { solvedIn, volume } from './volume.ts';
import { within, type Window } from './window.ts';

interface Scope {
  /** Every covered ticket's timeline, by `lastActivity`. */
  timelines: Timeline[];
  /** `lastActivity` of the tickets unsolved after their last event, ascending. */
  staleUnsolved: number[];
  answers: FeedbackFact[];
  firstCsatAt: Map<string, number>;
  calendarOf: CalendarOf;
  query: MetricsQuery;
}

/** The index of the first value at least `at` in ascending `values`. */
function firstAtLeast<T>(values: readonly T[], at: number, of: (v: T) => number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (of(values[mid]!) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every figure of a window reads only tickets that had something happen in it or later and existed
 * before its end; a ticket quiet since before the window only adds to its backlog (when its last
 * status is unsolved), which is counted from `staleUnsolved` without reading it. Over a long
 * history most tickets are quiet, so each day of a trend reads few.
 */
function figures(s: Scope, w: Window): Figures {
  const { calendarOf } = s;
  const timelines = s.timelines.slice(firstAtLeast(s.timelines, w.start, (t) => t.lastActivity)).filter((t) => t.createdAt < w.end);
  const counted = volume(timelines, w);
  return {
    volume: { ...counted, backlog: counted.backlog + firstAtLeast(s.staleUnsolved, w.start, (at) => at) },
    firstReply: durationFigure(firstReplyIntervals(timelines, w), calendarOf),
    response: durationFigure(responseIntervals(timelines, w), calendarOf),
    firstResolution: durationFigure(firstResolutionIntervals(timelines, w), calendarOf),
    fullResolution: durationFigure(fullResolutionIntervals(timelines, w), calendarOf),
    ...resolutionFigures(timelines, w, s.query.fcr),
    replies: repliesIn(timelines, w),
    csat: csatFigure(
      s.answers,
      timelines.filter((t) => solvedIn(t, w)),
      s.firstCsatAt,
      w,
    ),
    ces: cesFigure(s.answers, w, s.query.cesScale),
    nps: npsFigure(s.answers, w),
    sla: slaFigure(timelines, w),
  };
}

/**
 * `query` is parsed here (a caller may pass the raw input); `now` is the instant the report is
 * for: events and answers after it are left out.
 */
export function computeMetrics(facts: MetricsFacts, rawQuery: MetricsQueryInput, now: number): MetricsReport {
  const parsed = MetricsQuery.safeParse(rawQuery);
  if (!parsed.success) throw validationError('metrics query', parsed.error);
  const query = parsed.data;
  if (!Number.isSafeInteger(now) || now < 0) throw new AppError('VALIDATION', 'now must be a time in milliseconds since the epoch');
  const period = resolvePeriod(query, now);

  const covered = facts.tickets.filter((t) => matchesFilters(t, query.filters));
  const coveredIds = new Set(covered.map((t) => t.id));
  const coveredEvents = facts.events.filter((e) => coveredIds.has(e.ticketId));
  const timelines = buildTimelines(covered, coveredEvents, now).sort((a, b) => a.lastActivity - b.lastActivity);
  const staleUnsolved = timelines.filter((t) => UNSOLVED.includes(t.finalStatus)).map((t) => t.lastActivity);
  // Answers about covered tickets; others (about no ticket, as an NPS survey) only when nothing is filtered.
  const filtering = isFiltering(query.filters);
  const answers = facts.feedback.filter((f) => f.createdAt <= now && (!filtering || (f.ticketId !== null && coveredIds.has(f.ticketId))));
  const firstCsatAt = new Map<string, number>();
  for (const f of answers)
    if (f.kind === 'csat' && f.ticketId !== null)
      firstCsatAt.set(f.ticketId, Math.min(firstCsatAt.get(f.ticketId) ?? Infinity, f.createdAt));
  const clocks = new Map<string, BusinessClock | null>();
  const calendarOf: CalendarOf = (t) => {
    const key = t.ticket.calendar;
    if (key === null) return null;
    let clock = clocks.get(key);
    if (clock === undefined) {
      const spec = facts.calendars.get(key);
      clocks.set(key, (clock = spec ? businessClock(spec) : null));
    }
    return clock;
  };
  const scope: Scope = { timelines, staleUnsolved, answers, firstCsatAt, calendarOf, query };

  const periodCsat = answers.filter((f) => f.kind === 'csat' && within(f.createdAt, period.current));
  return {
    query,
    now,
    period: period.current,
    figures: figures(scope, period.current),
    previousPeriod: period.previous,
    previous: period.previous ? figures(scope, period.previous) : null,
    trend: period.buckets.map((span) => ({ span, figures: figures(scope, span) })),
    agents: agentRows(
      timelines,
      periodCsat,
      period.current,
      calendarOf,
      presenceTime(facts.presence, period.current.start, Math.min(period.current.end, now)),
      (agentId) => (filtering ? query.filters.agentIds.includes(agentId) : true),
    ),
    teams: teamRows(timelines, periodCsat, period.current),
  };
}
