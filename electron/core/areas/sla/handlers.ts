/** The service-level settings' channels. */
import type { slaChannels } from '../../../../shared/areas/sla/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createSlaHandlers({ repos, local }: HandlerContext): AreaHandlers<typeof slaChannels> {
  return {
    'sla.settings': () => repos.sla.settings(),
    'sla.recompute': () => local.slaRecompute.progress(),
  };
}
