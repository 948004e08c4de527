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

export function csatScore(ratings: readonly FeedbackFact[]): { ratings: number; satisfied: number; score: number | null } {
  const satisfied = ratings.filter((f) => f.score >= SATISFIED_FROM).length;
  return { ratings: ratings.length, satisfied, score: ratio(satisfied, ratings.length) };
}

/**
 * `solved`: the tickets solved in the window; `firstCsatAt`: when each ticket was first rated. A
 * solved ticket counts as rated when its first rating came before the window's end.
 */
export function csatFigure(
  answers: readonly FeedbackFact[],
  solved: readonly Timeline[],
  firstCsatAt: ReadonlyMap<string, number>,
  w: Window,
): CsatFigure {
  const { ratings, satisfied, score } = csatScore(answers.filter((f) => f.kind === 'csat' && within(f.createdAt, w)));
  const rated = solved.filter((t) => (firstCsatAt.get(t.ticket.id) ?? Infinity) < w.end).length;
  return { ratings, satisfied, score, solved: solved.length, rated, responseRate: ratio(rated, solved.length) };
}

export function cesFigure(answers: readonly FeedbackFact[], w: Window, scale: CesScale): Figures['ces'] {
  const given = answers.filter((f) => f.kind === 'ces' && within(f.createdAt, w));
  const kept = given.filter((f) => f.score <= scale);
  const sum = kept.reduce((s, f) => s + f.score, 0);
  const mean = kept.length === 0 ? null : sum / kept.length;
  return {
    answers: kept.length,
    outOfScale: given.length - kept.length,
    mean,
    percent: kept.length === 0 ? null : (100 * sum) / (kept.length * scale),
  };
}

export function npsFigure(answers: readonly FeedbackFact[], w: Window): Figures['nps'] {
  const given = answers.filter((f) => f.kind === 'nps' && within(f.createdAt, w));
  const n = given.length;
  const promoters = given.filter((f) => f.score >= PROMOTER_FROM).length;
  const detractors = given.filter((f) => f.score <= DETRACTOR_UP_TO).length;
  const passives = n - promoters - detractors;
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
