/**
 * The contract between the renderer and Core: one map from channel name to input and output
 * schemas. The preload's named methods, the renderer's Api type, the Electron IPC router's
 * allowlist, Core's dispatcher and the web host's routes are all derived from this map, so a
 * channel exists everywhere or nowhere.
 *
 * Channel names are `namespace.method`; the renderer calls them as `api.namespace.method(input)`.
 *
 * Each area declares its channels, with their schemas, in shared/areas/<area>/channels.ts; this
 * file assembles them into the one map and re-exports the schemas other layers import from here.
 */
import type { z } from 'zod';
import { accountsChannels } from '../areas/accounts/channels.ts';
import { appChannels } from '../areas/app/channels.ts';
import { boardChannels } from '../areas/board/channels.ts';
import { dashboardChannels } from '../areas/dashboard/channels.ts';
import { knowledgeChannels } from '../areas/knowledge/channels.ts';
import { macrosChannels } from '../areas/macros/channels.ts';
import { metricsChannels } from '../areas/metrics/channels.ts';
import { slaChannels } from '../areas/sla/channels.ts';
import { routingChannels } from '../areas/routing/channels.ts';
import { complaintsChannels } from '../areas/complaints/channels.ts';
import { searchChannels } from '../areas/search/channels.ts';
import { sessionChannels } from '../areas/session/channels.ts';
import { syncChannels } from '../areas/sync/channels.ts';
import { tasksChannels } from '../areas/tasks/channels.ts';
import { ticketsChannels } from '../areas/tickets/channels.ts';
import { viewsChannels } from '../areas/views/channels.ts';

export { AccountListRow } from '../areas/accounts/channels.ts';
export { AppInfo, LocalePreference, Settings, ThemePreference } from '../areas/app/channels.ts';
export { DashboardSummary } from '../areas/dashboard/channels.ts';
export { BoardEscalations, BoardFigure, BoardTickets, BoardWorkload } from '../areas/board/channels.ts';
export { SearchHit, SearchKind, SearchTotal } from '../areas/search/channels.ts';
export { SessionState } from '../areas/session/channels.ts';
export { ConnectionStatus, MutationCall, MutationReceipt, PresenceEntry, SyncIssue, SyncStatus } from '../areas/sync/channels.ts';
export {
  LinkedTicket,
  RequesterContext,
  SubmitAs,
  ThreadMessage,
  TicketDetail,
  TicketDraft,
  TicketLinkRole,
  TicketListInput,
  TicketListRow,
  TicketRef,
} from '../areas/tickets/channels.ts';
export { ViewCount } from '../areas/views/channels.ts';
export { Page, TeamRef, UserRef } from './building-blocks.ts';

export const contract = {
  ...appChannels,
  ...ticketsChannels,
  ...viewsChannels,
  ...accountsChannels,
  ...tasksChannels,
  ...knowledgeChannels,
  ...macrosChannels,
  ...slaChannels,
  ...routingChannels,
  ...complaintsChannels,
  ...searchChannels,
  ...dashboardChannels,
  ...metricsChannels,
  ...boardChannels,
  ...sessionChannels,
  ...syncChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
