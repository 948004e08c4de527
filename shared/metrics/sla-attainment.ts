/**
 * SLA attainment: of the targets decided in a window (the SLA engine's `sla` events, one per
 * target cycle, met or breached), the share met; per target, and over all three.
 */
import { SLA_METRICS } from '../sla/target.ts';
import type { Attainment, SlaFigure } from './report.ts';
import { ratio } from './stats.ts';
import type { Timeline } from './timeline.ts';
import { within, type Window } from './window.ts';

export function attainment(outcomes: readonly { met: boolean }[]): Attainment {
  const met = outcomes.filter((o) => o.met).length;
  return { met, breached: outcomes.length - met, rate: ratio(met, outcomes.length) };
}

export function slaFigure(timelines: readonly Timeline[], w: Window): SlaFigure {
  const decided = timelines.flatMap((t) => t.sla.filter((s) => within(s.at, w)));
  const perMetric = Object.fromEntries(SLA_METRICS.map((m) => [m, attainment(decided.filter((s) => s.metric === m))]));
  return { ...(perMetric as Record<(typeof SLA_METRICS)[number], Attainment>), all: attainment(decided) };
}
