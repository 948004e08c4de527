/**
 * Satisfaction figures from the feedback answers given in a window: CSAT (share of 4 and 5 among
 * ratings, with the share of solved tickets rated), CES (mean on the configured scale, and that
 * mean as a percentage of the scale's top), NPS (promoters minus detractors).
 */
import type { CsatFigure, Figures } from './report.ts';
import type { CesScale } from './query.ts';
import type { FeedbackFact } from './facts.ts';
import { ratio } from './stats.ts';
import type { Timeline } from './timeline.ts';
import { within, type Window } from './window.ts';

export const SATISFIED_FROM = 4;
export const PROMOTER_FROM = 9;
export const DETRACTOR_UP_TO = 6;

/** The CSAT ratings given in window `w`. */
export const ratingsIn = (answers: readonly FeedbackFact[], w: Window) =>
  answers.filter((f) => f.kind === 'csat' && within(f.createdAt, w));

export interface CsatCounts {
  ratings: number;
  satisfied: number;
}

export function csatCounts(ratings: readonly FeedbackFact[]): CsatCounts {
  return { ratings: ratings.length, satisfied: ratings.filter((f) => f.score >= SATISFIED_FROM).length };
}

export const csatScoreOf = ({ ratings, satisfied }: CsatCounts) => ({ ratings, satisfied, score: ratio(satisfied, ratings) });

export function csatScore(ratings: readonly FeedbackFact[]): { ratings: number; satisfied: number; score: number | null } {
  return csatScoreOf(csatCounts(ratings));
}

/** The tickets solved in a window, and those of them first rated before its end. */
export interface RatedCounts {
  solved: number;
  rated: number;
}

export function ratedCounts(solved: readonly Timeline[], firstCsatAt: ReadonlyMap<string, number>, w: Window): RatedCounts {
  return { solved: solved.length, rated: solved.filter((t) => (firstCsatAt.get(t.ticket.id) ?? Infinity) < w.end).length };
}

export const csatFigureOf = (ratings: CsatCounts, { solved, rated }: RatedCounts): CsatFigure => ({
  ...csatScoreOf(ratings),
  solved,
  rated,
  responseRate: ratio(rated, solved),
});

/** CES answers given in a window: those on the scale (and their sum), and those above its top. */
export interface CesCounts {
  answers: number;
  outOfScale: number;
  sum: number;
}

export function cesCounts(answers: readonly FeedbackFact[], w: Window, scale: CesScale): CesCounts {
  const given = answers.filter((f) => f.kind === 'ces' && within(f.createdAt, w));
  const kept = given.filter((f) => f.score <= scale);
  return { answers: kept.length, outOfScale: given.length - kept.length, sum: kept.reduce((s, f) => s + f.score, 0) };
}

export function cesFigureOf({ answers, outOfScale, sum }: CesCounts, scale: CesScale): Figures['ces'] {
  return {
    answers,
    outOfScale,
    mean: answers === 0 ? null : sum / answers,
    percent: answers === 0 ? null : (100 * sum) / (answers * scale),
  };
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export function npsCounts(answers: readonly FeedbackFact[], w: Window): NpsCounts {
  const given = answers.filter((f) => f.kind === 'nps' && within(f.createdAt, w));
  const promoters = given.filter((f) => f.score >= PROMOTER_FROM).length;
  const detractors = given.filter((f) => f.score <= DETRACTOR_UP_TO).length;
  return { promoters, passives: given.length - promoters - detractors, detractors };
}

export function npsFigureOf({ promoters, passives, detractors }: NpsCounts): Figures['nps'] {
  const n = promoters + passives + detractors;
  return {
    answers: n,
    promoters,
    passives,
    detractors,
    promoterShare: ratio(promoters, n),
    passiveShare: ratio(passives, n),
    detractorShare: ratio(detractors, n),
    score: n === 0 ? null : (100 * (promoters - detractors)) / n,
  };
}
