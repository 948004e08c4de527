/** The routing area's channels. */
import type { routingChannels } from '../../../../shared/areas/routing/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createRoutingHandlers({ repos, client }: HandlerContext): AreaHandlers<typeof routingChannels> {
  return {
    'routing.nextTicket': () => {
      if (!client) throw new AppError('UNAVAILABLE', 'Next ticket is decided by the server, and this console has none');
      return client.nextTicket();
    },
    'routing.myPresence': () => repos.routing.myPresence(),
    'routing.settings': () => repos.routing.settings(),
    'routing.roster': ({ from, to }) => repos.routing.roster(from, to),
    'routing.mySchedule': ({ from, to }) => repos.routing.mySchedule(from, to),
    'routing.coverage': ({ teamId, weekOf }) => repos.routing.coverage(teamId, weekOf),
  };
}
