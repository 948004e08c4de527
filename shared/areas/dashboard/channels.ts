/** The dashboard area's channels: the numbers at a glance, over what the console holds (docs/metrics.md). */
import { z } from 'zod';
import { DASHBOARD_COVERAGES } from '../../domain/dashboard-coverage.ts';
import { TicketPriority, TicketStatus } from '../../domain/enums.ts';
import { Timestamp } from '../../domain/records.ts';
import { Empty, UserRef, type ChannelMap } from '../../contract/building-blocks.ts';

export const DashboardSummary = z.object({
  generatedAt: Timestamp,
  /** Which tickets every figure counts: the cache holds only what its person may see. */
  coverage: z.enum(DASHBOARD_COVERAGES),
  byStatus: z.record(TicketStatus, z.number().int()),
  unsolvedByPriority: z.record(TicketPriority, z.number().int()),
  unassigned: z.number().int(),
  slaAtRisk: z.number().int(),
  slaBreached: z.number().int(),
  createdLast24h: z.number().int(),
  solvedLast24h: z.number().int(),
  /** Backlog (unsolved tickets) by age since creation. */
  backlogByAge: z.array(z.object({ bucket: z.enum(['lt_1d', '1_3d', '3_7d', '7_30d', 'gt_30d']), count: z.number().int() })),
  /**
   * Unsolved tickets per person. `capacity` only when `open` is all of that person's unsolved
   * tickets (holdsWholeWorkload): a partial count against a capacity would mislead.
   */
  workload: z.array(z.object({ user: UserRef, open: z.number().int(), capacity: z.number().int().nullable() })),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

export const dashboardChannels = {
  'dashboard.summary': { input: Empty, output: DashboardSummary },
} as const satisfies ChannelMap;
