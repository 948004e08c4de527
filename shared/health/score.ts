/**
 * The account health score (docs/health-score.md defines it; this is that definition as code):
 * 100 points shared among four groups by the tenant's weights; each group loses points for
 * what its signals show, every lost point with its reason, and never more than the group holds.
 */
import { z } from 'zod';
import type { HealthFacts } from './facts.ts';
import type { HealthGroup, HealthWeights } from './weights.ts';

export const HealthBand = z.enum(['healthy', 'watch', 'at_risk']);
export type HealthBand = z.infer<typeof HealthBand>;

/** Below this an account is at risk: its owner is told and a follow-up task opened, once per fall. */
export const AT_RISK_BELOW = 40;
/** From this up an account is healthy; between the two it is to watch. */
export const HEALTHY_FROM = 70;

export const HEALTH_REASON_CODES = [
  'urgent_open',
  'sla_breaches',
  'escalations',
  'open_tickets',
  'csat',
  'nps',
  'ces',
  'csat_trend',
  'no_interaction',
  'days_since_interaction',
  'few_interactions',
  'churned',
  'stage_at_risk',
  'renewal_passed',
  'renewal',
] as const;
export const HealthReasonCode = z.enum(HEALTH_REASON_CODES);
export type HealthReasonCode = z.infer<typeof HealthReasonCode>;

/** Points lost for one reason; `value` is the figure the reason names (a count, a percentage, days, a mean). */
export const HealthReason = z.object({
  group: z.enum(['support', 'sentiment', 'engagement', 'lifecycle']),
  code: HealthReasonCode,
  points: z.number().int().positive(),
  value: z.number(),
});
export type HealthReason = z.infer<typeof HealthReason>;

export interface Health {
  score: number;
  band: HealthBand;
  /** In the order of the groups, then of their signals; their points add up to 100 - score. */
  reasons: HealthReason[];
}

export function bandOf(score: number): HealthBand {
  if (score < AT_RISK_BELOW) return 'at_risk';
  return score < HEALTHY_FROM ? 'watch' : 'healthy';
}

/** A signal's share of its group's points lost (0 to its cap), and the figure its reason names. */
type Signal = (f: HealthFacts) => { code: HealthReasonCode; share: number; value: number } | null;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

const SIGNALS: Record<HealthGroup, readonly Signal[]> = {
  support: [
    (f) => ({ code: 'urgent_open', share: Math.min(0.6, 0.2 * f.urgentOpenTickets), value: f.urgentOpenTickets }),
    (f) => ({ code: 'sla_breaches', share: Math.min(0.5, 0.1 * f.slaBreaches), value: f.slaBreaches }),
    (f) => ({ code: 'escalations', share: Math.min(0.4, 0.1 * f.escalations), value: f.escalations }),
    (f) => ({ code: 'open_tickets', share: Math.min(0.3, 0.05 * f.openTickets), value: f.openTickets }),
  ],
  sentiment: [
    ({ sentiment: s }) => {
      if (!s.csatRatings) return null;
      const satisfied = s.csatSatisfied / s.csatRatings;
      return { code: 'csat', share: 0.35 * (1 - satisfied), value: Math.round(100 * satisfied) };
    },
    ({ sentiment: s }) => {
      if (!s.npsAnswers) return null;
      const nps = (100 * (s.npsPromoters - s.npsDetractors)) / s.npsAnswers;
      return { code: 'nps', share: (0.3 * (100 - nps)) / 200, value: Math.round(nps) };
    },
    ({ sentiment: s }) => {
      if (!s.cesAnswers) return null;
      const mean = s.cesSum / s.cesAnswers;
      return { code: 'ces', share: (0.15 * (7 - mean)) / 6, value: oneDecimal(mean) };
    },
    ({ sentiment: s, previousSentiment: p }) => {
      if (!s.csatRatings || !p.csatRatings) return null;
      const drop = p.csatSatisfied / p.csatRatings - s.csatSatisfied / s.csatRatings;
      return { code: 'csat_trend', share: 0.2 * clamp01(drop / 0.5), value: Math.round(100 * drop) };
    },
  ],
  engagement: [
    (f) => {
      const days = f.daysSinceInteraction;
      if (days === null) return { code: 'no_interaction', share: 0.6, value: 0 };
      // Quiet for a month costs nothing; then up to 60% of the group at 120 days.
      return { code: 'days_since_interaction', share: 0.6 * clamp01((days - 30) / 90), value: days };
    },
    (f) => {
      const perMonth = f.interactionsInWindow / 3;
      return { code: 'few_interactions', share: 0.4 * clamp01((2 - perMonth) / 2), value: oneDecimal(perMonth) };
    },
  ],
  lifecycle: [
    (f) => (f.lifecycleStage === 'churned' ? { code: 'churned', share: 1, value: 0 } : null),
    (f) => (f.lifecycleStage === 'at_risk' ? { code: 'stage_at_risk', share: 0.3, value: 0 } : null),
    (f) => {
      const d = f.daysToRenewal;
      if (d === null || f.lifecycleStage === 'churned') return null;
      if (d < 0) return { code: 'renewal_passed', share: 0.7, value: -d };
      return { code: 'renewal', share: 0.7 * clamp01((90 - d) / 90), value: d };
    },
  ],
};

export function computeHealth(facts: HealthFacts, weights: HealthWeights): Health {
  const reasons: HealthReason[] = [];
  let lost = 0;
  for (const group of ['support', 'sentiment', 'engagement', 'lifecycle'] as const) {
    const weight = weights[group];
    let groupLost = 0;
    for (const signal of SIGNALS[group]) {
      const s = signal(facts);
      if (!s) continue;
      // Each signal's points, rounded; granted in order until the group's weight is used up.
      const points = Math.min(toPoints(weight * s.share), weight - groupLost);
      if (points <= 0) continue;
      groupLost += points;
      reasons.push({ group, code: s.code, points, value: s.value });
    }
    lost += groupLost;
  }
  const score = 100 - lost;
  return { score, band: bandOf(score), reasons };
}

/** To the nearest point, halves up; first to a millionth, so that 0.7 * 15 (10.499999…) rounds as the 10.5 it is. */
export function toPoints(x: number): number {
  return Math.round(Math.round(x * 1e6) / 1e6);
}
