/** The macros area's channels: the macros a person may apply or manage. */
import type { macrosChannels } from '../../../../shared/areas/macros/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createMacrosHandlers({ repos }: HandlerContext): AreaHandlers<typeof macrosChannels> {
  return {
    'macros.list': ({ includeInactive }) => ({ macros: repos.macros.list(includeInactive) }),
    'macros.get': ({ id }) => repos.macros.get(id),
  };
}
