/** The dashboard area's channel: the numbers at a glance, over what this console holds. */
import type { dashboardChannels } from '../../../../shared/areas/dashboard/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import type { CoverageViewer } from '../../../../shared/domain/dashboard-coverage.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createDashboardHandlers({ repos, client, now }: HandlerContext): AreaHandlers<typeof dashboardChannels> {
  /** With no server the cache is all there is; with one, it holds what its person may see. */
  const viewer = (): CoverageViewer | null => {
    if (client === null) return null;
    const me = repos.directory.get().me;
    return me ? repos.dashboard.viewer(me) : { role: 'agent', teamIds: [], ownsAccounts: false };
  };
  return {
    'dashboard.summary': () => repos.dashboard.summary(now(), viewer()),
  };
}
