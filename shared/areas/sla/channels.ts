/** The service-level settings' channels: the tenant's business calendars and SLA policies. */
import { z } from 'zod';
import type { ChannelMap } from '../../contract/building-blocks.ts';
import { BusinessCalendar, SlaPolicy } from '../../sla/records.ts';

export const slaChannels = {
  /** Every calendar by name and every policy in order (first match first), deactivated ones included. */
  'sla.settings': {
    input: z.object({}).strict(),
    output: z.object({ calendars: z.array(BusinessCalendar), policies: z.array(SlaPolicy) }),
  },
} as const satisfies ChannelMap;
