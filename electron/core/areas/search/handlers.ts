/** The search area's channel: one query over the cache's search index. */
import type { searchChannels } from '../../../../shared/areas/search/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createSearchHandlers({ repos }: HandlerContext): AreaHandlers<typeof searchChannels> {
  return {
    'search.query': ({ q, kinds, statuses, perKind, limit, offset }) => repos.search.query(q, kinds, limit, { statuses, perKind, offset }),
  };
}
