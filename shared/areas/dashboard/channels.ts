/** The dashboard area's channels: the team's numbers at a glance. */
import { z } from 'zod';
import { TicketPriority, TicketStatus } from '../../domain/enums.ts';
import { Timestamp } from '../../domain/records.ts';
import { Empty, UserRef, type ChannelMap } from '../../contract/building-blocks.ts';

export const DashboardSummary = z.object({
  generatedAt: Timestamp,
  byStatus: z.record(TicketStatus, z.number().int()),
  unsolvedByPriority: z.record(TicketPriority, z.number().int()),
  unassigned: z.number().int(),
  slaAtRisk: z.number().int(),
  slaBreached: z.number().int(),
  createdLast24h: z.number().int(),
  solvedLast24h: z.number().int(),
  /** Backlog (unsolved tickets) by age since creation. */
  backlogByAge: z.array(z.object({ bucket: z.enum(['lt_1d', '1_3d', '3_7d', '7_30d', 'gt_30d']), count: z.number().int() })),
  workload: z.array(z.object({ user: UserRef, open: z.number().int(), capacity: z.number().int() })),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

export const dashboardChannels = {
  'dashboard.summary': { input: Empty, output: DashboardSummary },
} as const satisfies ChannelMap;
