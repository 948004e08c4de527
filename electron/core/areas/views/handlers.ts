/** The views area's channels: the saved views a person may open and every queue's ticket count. */
import type { viewsChannels } from '../../../../shared/areas/views/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createViewsHandlers({ repos, now }: HandlerContext): AreaHandlers<typeof viewsChannels> {
  return {
    'views.list': () => ({ views: repos.queues.savedViews() }),
    'views.counts': () => repos.queues.counts(now()),
  };
}
