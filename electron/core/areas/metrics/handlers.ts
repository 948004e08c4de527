/** The metrics area's channel: the service metrics over what this console holds. */
import type { metricsChannels } from '../../../../shared/areas/metrics/channels.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import { assertMayReadMetrics } from '../../../../shared/metrics/access.ts';
import { checkedQuery, startReport } from '../../../../shared/metrics/compute.ts';
import { computeMyDay, myDayWindows, type MyDay } from '../../../../shared/metrics/my-day.ts';
import { metricsRead } from '../../../../shared/metrics/narrow.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createMetricsHandlers({ db, repos, client, now }: HandlerContext): AreaHandlers<typeof metricsChannels> {
  // The "my day" strip is asked at every start and after every change the person is shown; at 1M
  // tickets its read (every ticket rated in the last 30 days) holds Core for most of a second. Its
  // answer stands while Core's connection, which makes every write to the cache, has written
  // nothing (total_changes), for the same person, zone and day.
  const writes = db.prepare<[], number>('SELECT total_changes()').pluck();
  let kept: { key: string; day: MyDay } | null = null;
  return {
    'metrics.compute': async (query) => {
      // With no server (--local) there is no signed-in person: the device's data is its user's own.
      if (client !== null) assertMayReadMetrics(repos.directory.get().me?.role ?? null);
      const at = now();
      checkedQuery(query, at);
      const { context, slices } = repos.metrics.report(metricsRead(query, at), at);
      const report = startReport(context, query, at);
      for await (const slice of slices) report.add(slice);
      return report.finish();
    },
    'metrics.myDay': async (query) => {
      const me = repos.directory.get().me;
      if (!me) throw new AppError('UNAUTHORIZED', 'nobody is signed in on this console');
      const at = now();
      const w = myDayWindows(query.timeZone, at);
      // Counted before the read: a write while it runs makes the next ask read again.
      const key = JSON.stringify([me.id, query.timeZone, w.today.start, w.csat.start, writes.get()]);
      if (kept?.key === key) return kept.day;
      const day = computeMyDay(await repos.metrics.myDayFacts(w.today.start, w.csat.start, at), me.id, query, at);
      kept = { key, day };
      return day;
    },
  };
}
