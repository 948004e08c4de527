/** The metrics area's channel: the service metrics over what this console holds. */
import type { metricsChannels } from '../../../../shared/areas/metrics/channels.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import { assertMayReadMetrics } from '../../../../shared/metrics/access.ts';
import { computeMetrics } from '../../../../shared/metrics/compute.ts';
import { computeMyDay, myDayWindows } from '../../../../shared/metrics/my-day.ts';
import { metricsRead } from '../../../../shared/metrics/narrow.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createMetricsHandlers({ repos, client, now }: HandlerContext): AreaHandlers<typeof metricsChannels> {
  return {
    'metrics.compute': async (query) => {
      // With no server (--local) there is no signed-in person: the device's data is its user's own.
      if (client !== null) assertMayReadMetrics(repos.directory.get().me?.role ?? null);
      const at = now();
      return computeMetrics(await repos.metrics.facts(metricsRead(query, at), at), query, at);
    },
    'metrics.myDay': async (query) => {
      const me = repos.directory.get().me;
      if (!me) throw new AppError('UNAUTHORIZED', 'nobody is signed in on this console');
      const at = now();
      const w = myDayWindows(query.timeZone, at);
      return computeMyDay(await repos.metrics.myDayFacts(w.today.start, w.csat.start, at), me.id, query, at);
    },
  };
}
