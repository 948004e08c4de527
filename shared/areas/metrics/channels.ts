/**
 * The metrics area's channel: the service metrics of a period, computed by Core from the local
 * cache (so offline too) with the function the server uses (shared/metrics/compute.ts). For
 * supervisors and admins: anyone else is refused with FORBIDDEN.
 */
import type { ChannelMap } from '../../contract/building-blocks.ts';
import { MetricsQuery } from '../../metrics/query.ts';
import { MetricsReport } from '../../metrics/report.ts';

export const metricsChannels = {
  'metrics.compute': { input: MetricsQuery, output: MetricsReport },
} as const satisfies ChannelMap;
