/**
 * The complaints area's channels: the tenant's complaint taxonomy (everyone files complaints under
 * it) and, for supervisors and admins, the complaint review computed from the local cache.
 */
import { z } from 'zod';
import type { ChannelMap } from '../../contract/building-blocks.ts';
import { ComplaintCategory } from '../../complaints/records.ts';

export const complaintsChannels = {
  /** Every category in order (ascending position), deactivated ones included. */
  'complaints.categories': { input: z.object({}).strict(), output: z.array(ComplaintCategory) },
} as const satisfies ChannelMap;
