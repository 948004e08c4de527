/**
 * The metrics area's channels, computed by Core from the local cache (so offline too) with the
 * functions the server uses (shared/metrics/). `metrics.compute`, the service metrics of a period:
 * for supervisors and admins, anyone else is refused with FORBIDDEN. `metrics.myDay`, the strip
 * above an agent's queue: anyone signed in, about themselves only.
 */
import type { ChannelMap } from '../../contract/building-blocks.ts';
import { MyDay, MyDayQuery } from '../../metrics/my-day.ts';
import { MetricsQuery } from '../../metrics/query.ts';
import { MetricsReport } from '../../metrics/report.ts';

export const metricsChannels = {
  'metrics.compute': { input: MetricsQuery, output: MetricsReport },
  'metrics.myDay': { input: MyDayQuery, output: MyDay },
} as const satisfies ChannelMap;
