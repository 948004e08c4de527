/**
 * SLA attainment: of the targets decided in a window (the SLA engine's `sla` events, one per
 * target cycle, met or breached), the share met; per target, and over all three.
 */
import { SLA_METRICS, type SlaMetric } from '../sla/target.ts';
import type { Attainment, SlaFigure } from './report.ts';
import { addCounts, ratio } from './stats.ts';
import type { Timeline } from './timeline.ts';
import { within, type Window } from './window.ts';

export interface Outcomes {
  met: number;
  breached: number;
}

export const noOutcomes = (): Outcomes => ({ met: 0, breached: 0 });

export function countOutcomes(into: Outcomes, met: boolean): void {
  if (met) into.met++;
  else into.breached++;
}

export const attainmentOf = ({ met, breached }: Outcomes): Attainment => ({ met, breached, rate: ratio(met, met + breached) });

export type SlaOutcomes = Record<SlaMetric, Outcomes>;

export const noSlaOutcomes = (): SlaOutcomes => Object.fromEntries(SLA_METRICS.map((m) => [m, noOutcomes()])) as SlaOutcomes;

/** Adds the outcomes of `t` decided in window `w`. */
export function addSlaOutcomes(into: SlaOutcomes, t: Timeline, w: Window): void {
  for (const s of t.sla) if (within(s.at, w)) countOutcomes(into[s.metric], s.met);
}

export function slaFigureOf(outcomes: SlaOutcomes): SlaFigure {
  const all = noOutcomes();
  for (const m of SLA_METRICS) addCounts(all, outcomes[m]);
  const perMetric = Object.fromEntries(SLA_METRICS.map((m) => [m, attainmentOf(outcomes[m])]));
  return { ...(perMetric as Record<SlaMetric, Attainment>), all: attainmentOf(all) };
}
