/**
 * What one SLA target is: a budget for one metric. Apart from the policy so the ticket record's SLA
 * snapshot (shared/domain/records.ts) can name the target it ran under without importing the
 * policy schema, which itself imports the records.
 */
import { z } from 'zod';

export const SLA_METRICS = ['firstReply', 'nextReply', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** A budget in whole minutes, counted in the calendar's business hours or around the clock. */
export const SlaTarget = z.strictObject({
  minutes: z
    .number()
    .int('a target is whole minutes')
    .min(1, 'a target must be at least one minute (negative and zero targets are refused)'),
  hours: z.enum(['business', 'calendar']),
});
export type SlaTarget = z.infer<typeof SlaTarget>;
