/** The complaints area's channels. */
import type { complaintsChannels } from '../../../../shared/areas/complaints/channels.ts';
import type { AreaHandlers } from '../../../../shared/contract/dispatch.ts';
import type { HandlerContext } from '../handler-context.ts';

export function createComplaintsHandlers({ repos }: HandlerContext): AreaHandlers<typeof complaintsChannels> {
  return { 'complaints.categories': () => repos.complaints.categories() };
}
