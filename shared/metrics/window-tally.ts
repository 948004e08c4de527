/**
 * One window's figures, tallied a timeline and an answer at a time: counts are summed and the
 * durations kept as plain milliseconds until the window is summarized. A report fed its tickets a
 * slice at a time (compute.ts) so holds numbers, not timelines: at 1M tickets, twelve months held
 * as timelines filled most of a 4 GB heap. Each figure keeps its one definition in its own module
 * (volume.ts, durations.ts, resolution.ts, feedback.ts, sla-attainment.ts), asked here about one
 * timeline or one answer.
 */
import {
  addDurations,
  durationFigureOf,
  firstReplyIntervals,
  firstResolutionIntervals,
  fullResolutionIntervals,
  noDurations,
  responseIntervals,
  type CalendarOf,
} from './durations.ts';
import { cesCounts, cesFigureOf, csatCounts, csatFigureOf, npsCounts, npsFigureOf, ratedCounts, ratingsIn } from './feedback.ts';
import type { FeedbackFact } from './facts.ts';
import type { CesScale, FcrDefinition } from './query.ts';
import type { Figures } from './report.ts';
import { repliesIn, resolutionCounts, resolutionFiguresOf } from './resolution.ts';
import { addSlaOutcomes, noSlaOutcomes, slaFigureOf } from './sla-attainment.ts';
import { addCounts } from './stats.ts';
import type { Timeline } from './timeline.ts';
import { createdAndSolved, solvedIn } from './volume.ts';
import type { Window } from './window.ts';

export interface WindowTallyOptions {
  fcr: FcrDefinition;
  cesScale: CesScale;
  calendarOf: CalendarOf;
  /** When each ticket was first rated (CSAT), over every answer the report counts. */
  firstCsatAt: ReadonlyMap<string, number>;
}

export interface WindowTally {
  /** A timeline that can count in the window (window-scope.ts); each once. */
  addTimeline(t: Timeline): void;
  /** A feedback answer the report counts; each once. */
  addAnswer(f: FeedbackFact): void;
  figures(backlog: number): Figures;
}

export function windowTally(w: Window, { fcr, cesScale, calendarOf, firstCsatAt }: WindowTallyOptions): WindowTally {
  const volume = { created: 0, solved: 0 };
  const firstReply = noDurations();
  const response = noDurations();
  const firstResolution = noDurations();
  const fullResolution = noDurations();
  const resolution = { solved: 0, firstContact: 0, reopened: 0, replies: 0, handled: 0, escalated: 0 };
  const replies = { count: 0 };
  const rated = { solved: 0, rated: 0 };
  const csat = { ratings: 0, satisfied: 0 };
  const ces = { answers: 0, outOfScale: 0, sum: 0 };
  const nps = { promoters: 0, passives: 0, detractors: 0 };
  const sla = noSlaOutcomes();
  return {
    addTimeline(t) {
      const one = [t];
      addCounts(volume, createdAndSolved(one, w));
      addDurations(firstReply, firstReplyIntervals(one, w), calendarOf);
      addDurations(response, responseIntervals(one, w), calendarOf);
      addDurations(firstResolution, firstResolutionIntervals(one, w), calendarOf);
      addDurations(fullResolution, fullResolutionIntervals(one, w), calendarOf);
      addCounts(resolution, resolutionCounts(one, w, fcr));
      replies.count += repliesIn(one, w);
      if (solvedIn(t, w)) addCounts(rated, ratedCounts(one, firstCsatAt, w));
      addSlaOutcomes(sla, t, w);
    },
    addAnswer(f) {
      const one = [f];
      addCounts(csat, csatCounts(ratingsIn(one, w)));
      addCounts(ces, cesCounts(one, w, cesScale));
      addCounts(nps, npsCounts(one, w));
    },
    figures(backlog) {
      return {
        volume: { ...volume, backlog },
        firstReply: durationFigureOf(firstReply),
        response: durationFigureOf(response),
        firstResolution: durationFigureOf(firstResolution),
        fullResolution: durationFigureOf(fullResolution),
        ...resolutionFiguresOf(resolution),
        replies: replies.count,
        csat: csatFigureOf(csat, rated),
        ces: cesFigureOf(ces, cesScale),
        nps: npsFigureOf(nps),
        sla: slaFigureOf(sla),
      };
    },
  };
}
