/**
 * The tenant's tuning of the health score (docs/health-score.md): how many of the 100 points each
 * group of signals carries. Admins change them; the points always add up to 100, so a score stays
 * on the same 0-100 scale whatever the tuning.
 */
import { z } from 'zod';
import { validationError } from '../contract/errors.ts';

export const HEALTH_GROUPS = ['support', 'sentiment', 'engagement', 'lifecycle'] as const;
export type HealthGroup = (typeof HEALTH_GROUPS)[number];

const Points = z.number().int().min(0).max(100);

export const HealthWeights = z
  .strictObject({ support: Points, sentiment: Points, engagement: Points, lifecycle: Points })
  .refine((w) => w.support + w.sentiment + w.engagement + w.lifecycle === 100, {
    message: 'the four groups’ points must add up to 100',
  });
export type HealthWeights = z.infer<typeof HealthWeights>;

/** Support load weighs most: it is what the support team sees first and can act on. */
export const DEFAULT_HEALTH_WEIGHTS: HealthWeights = { support: 35, sentiment: 30, engagement: 20, lifecycle: 15 };

/** Weights from an admin's input: refused as a whole (`VALIDATION`, with the failing fields) unless valid. */
export function parseHealthWeights(input: unknown): HealthWeights {
  const parsed = HealthWeights.safeParse(input);
  if (!parsed.success) throw validationError('health weights', parsed.error);
  return parsed.data;
}

/** Stored weights that no longer parse (written by a newer version) fall back to the defaults rather than stop every score. */
export function storedHealthWeights(stored: unknown): HealthWeights {
  const parsed = HealthWeights.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_HEALTH_WEIGHTS;
}
