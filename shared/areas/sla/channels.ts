/** The service-level settings' channels: the tenant's business calendars and SLA policies. */
import { z } from 'zod';
import type { ChannelMap } from '../../contract/building-blocks.ts';
import { BusinessCalendar, SlaPolicy } from '../../sla/records.ts';

/**
 * How far the console is in computing every open ticket's timers again after a calendar or
 * policy edit: `done` of `total` open tickets (docs/sla.md, "After an edit").
 */
export const SlaRecomputeProgress = z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() });
export type SlaRecomputeProgress = z.infer<typeof SlaRecomputeProgress>;

export const slaChannels = {
  /** Every calendar by name and every policy in order (first match first), deactivated ones included. */
  'sla.settings': {
    input: z.object({}).strict(),
    output: z.object({ calendars: z.array(BusinessCalendar), policies: z.array(SlaPolicy) }),
  },
  /** The recompute under way after a calendar or policy edit; null when none is. */
  'sla.recompute': {
    input: z.object({}).strict(),
    output: SlaRecomputeProgress.nullable(),
  },
} as const satisfies ChannelMap;
