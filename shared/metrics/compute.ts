/**
 * The one entry point: facts, a query and the instant "now" in, the report out. The console
 * (offline, from its cache) and the server (from PostgreSQL) both call this with the same rows and
 * get the same report, deep-equal; the console feeds its tickets a slice at a time.
 */
import { AppError, validationError } from '../contract/errors.ts';
import { keptBusinessClock, type BusinessClock } from './business-clock.ts';
import type { CalendarOf } from './durations.ts';
import type { FeedbackFact, MetricsFacts, ReportContext, TicketSlice } from './facts.ts';
import { isFiltering, matchesFilters } from './filters.ts';
import { resolvePeriod, type ResolvedPeriod } from './period.ts';
import { MetricsQuery, type MetricsQueryInput } from './query.ts';
import type { MetricsReport } from './report.ts';
import { peopleTally } from './agents.ts';
import { presenceTime } from './presence-time.ts';
import { buildTimelines } from './timeline.ts';
import { windowPlacer } from './window-scope.ts';
import { windowTally } from './window-tally.ts';

export interface Report {
  add(slice: TicketSlice): void;
  finish(): MetricsReport;
}

/** The query parsed and the period resolved, or the error `computeMetrics` gives for them. */
export function checkedQuery(rawQuery: MetricsQueryInput, now: number): { query: MetricsQuery; period: ResolvedPeriod } {
  const parsed = MetricsQuery.safeParse(rawQuery);
  if (!parsed.success) throw validationError('metrics query', parsed.error);
  if (!Number.isSafeInteger(now) || now < 0) throw new AppError('VALIDATION', 'now must be a time in milliseconds since the epoch');
  return { query: parsed.data, period: resolvePeriod(parsed.data, now) };
}

/**
 * A report at instant `now` (events and answers after it are left out), fed its tickets a slice at
 * a time and holding only counts and durations between slices. Any split of the same tickets
 * gives the same report.
 */
export function startReport(context: ReportContext, rawQuery: MetricsQueryInput, now: number): Report {
  const { query, period } = checkedQuery(rawQuery, now);
  const filtering = isFiltering(query.filters);

  const clocks = new Map<string, BusinessClock | null>();
  const calendarOf: CalendarOf = (t) => {
    const key = t.ticket.calendar;
    if (key === null) return null;
    let clock = clocks.get(key);
    if (clock === undefined) {
      const spec = context.calendars.get(key);
      clocks.set(key, (clock = spec ? keptBusinessClock(key, spec) : null));
    }
    return clock;
  };
  // The previous period, when there is one, comes last.
  const windows = [period.current, ...period.buckets, ...(period.previous ? [period.previous] : [])];
  const placer = windowPlacer(windows);
  const firstCsatAt = new Map<string, number>();
  const tallies = windows.map((w) => windowTally(w, { fcr: query.fcr, cesScale: query.cesScale, calendarOf, firstCsatAt }));
  const people = peopleTally(period.current, calendarOf);

  // Answers about a ticket wait for it; when nothing is filtered every answer counts at once (an
  // NPS survey is about no ticket, and an answer about a ticket this console lacks still counts).
  const waiting = new Map<string, FeedbackFact[]>();
  const count = (f: FeedbackFact) => placer.holding(f.createdAt, (w) => tallies[w]!.addAnswer(f));
  const take = (answers: readonly FeedbackFact[]) => {
    for (const f of answers) {
      if (f.createdAt > now) continue;
      if (!filtering) count(f);
      if (f.ticketId === null) continue;
      const list = waiting.get(f.ticketId);
      if (list) list.push(f);
      else waiting.set(f.ticketId, [f]);
      if (f.kind === 'csat') firstCsatAt.set(f.ticketId, Math.min(firstCsatAt.get(f.ticketId) ?? Infinity, f.createdAt));
    }
  };
  take(context.feedback);

  return {
    add(slice) {
      take(slice.feedback ?? []);
      const covered = slice.tickets.filter((t) => matchesFilters(t, query.filters));
      for (const t of buildTimelines(covered, slice.events, now, slice.folded)) {
        const answers = waiting.get(t.ticket.id) ?? [];
        waiting.delete(t.ticket.id);
        if (filtering) answers.forEach(count);
        placer.place(t, (w) => tallies[w]!.addTimeline(t));
        people.add(t, answers);
      }
    },
    finish() {
      const backlogs = placer.backlogs();
      const figures = tallies.map((tally, i) => tally.figures(backlogs[i]!));
      const trend = period.buckets.map((span, i) => ({ span, figures: figures[1 + i]! }));
      return {
        query,
        now,
        period: period.current,
        figures: figures[0]!,
        previousPeriod: period.previous,
        previous: period.previous ? figures.at(-1)! : null,
        trend,
        agents: people.agents(presenceTime(context.presence, period.current.start, Math.min(period.current.end, now)), (agentId) =>
          filtering ? query.filters.agentIds.includes(agentId) : true,
        ),
        teams: people.teams(),
      };
    },
  };
}

/** Every fact at once: the console (offline, from its cache) and the server get the same report, deep-equal. */
export function computeMetrics(facts: MetricsFacts, rawQuery: MetricsQueryInput, now: number): MetricsReport {
  const report = startReport(facts, rawQuery, now);
  report.add({ tickets: facts.tickets, events: facts.events, folded: facts.folded });
  return report.finish();
}
