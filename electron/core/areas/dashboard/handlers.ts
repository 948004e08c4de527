/** The dashboard area's channel: the team's numbers at a glance. */
import type { dashboardChannels } from '../../../../shared/areas/dashboard/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createDashboardHandlers({ repos, now }: HandlerContext): AreaHandlers<typeof dashboardChannels> {
  return {
    'dashboard.summary': () => repos.dashboard.summary(now()),
  };
}
