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
import { keptBusinessClock, type BusinessClock } from './business-clock.ts';
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
import { buildTimelines } from './timeline.ts';
import { createdAndSolved, solvedIn } from './volume.ts';
import { within, type Window } from './window.ts';
import { scopeWindows, type WindowScope } from './window-scope.ts';

interface Scope {
  answers: FeedbackFact[];
  firstCsatAt: Map<string, number>;
  calendarOf: CalendarOf;
  query: MetricsQuery;
}

/** The figures of window `w`, from the timelines that can count in it and its backlog (window-scope.ts). */
function figures(s: Scope, w: Window, { timelines, backlog }: WindowScope): Figures {
  const { calendarOf } = s;
  return {
    volume: { ...createdAndSolved(timelines, w), backlog },
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
  const timelines = buildTimelines(covered, coveredEvents, now, facts.folded);
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
      clocks.set(key, (clock = spec ? keptBusinessClock(key, spec) : null));
    }
    return clock;
  };
  const scope: Scope = { answers, firstCsatAt, calendarOf, query };
  // The previous period, when there is one, is scoped with the others and comes last.
  const [current, ...others] = scopeWindows(timelines, [period.current, ...period.buckets, ...(period.previous ? [period.previous] : [])]);
  const trend = others.slice(0, period.buckets.length);
  const previous = others[period.buckets.length];

  const periodCsat = answers.filter((f) => f.kind === 'csat' && within(f.createdAt, period.current));
  return {
    query,
    now,
    period: period.current,
    figures: figures(scope, period.current, current!),
    previousPeriod: period.previous,
    previous: period.previous ? figures(scope, period.previous, previous!) : null,
    trend: period.buckets.map((span, i) => ({ span, figures: figures(scope, span, trend[i]!) })),
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
