/**
 * The contract's channels implemented, one handler map per area (areas/<area>/handlers.ts, each
 * typed by its area's channels in shared/areas/<area>/channels.ts). Input arrives already
 * validated and defaulted by dispatch, and dispatch checks each output against the contract too,
 * so handlers only translate between the contract's shapes and the repositories'.
 */
import type { Handlers } from '../../../shared/contract/dispatch.ts';
import { createAccountsHandlers } from './accounts/handlers.ts';
import { createAppHandlers } from './app/handlers.ts';
import { createBoardHandlers } from './board/handlers.ts';
import { createComplaintsHandlers } from './complaints/handlers.ts';
import { createDashboardHandlers } from './dashboard/handlers.ts';
import type { HandlerContext } from './handler-context.ts';
import { createKnowledgeHandlers } from './knowledge/handlers.ts';
import { createMacrosHandlers } from './macros/handlers.ts';
import { createMetricsHandlers } from './metrics/handlers.ts';
import { createSlaHandlers } from './sla/handlers.ts';
import { createRoutingHandlers } from './routing/handlers.ts';
import { createSearchHandlers } from './search/handlers.ts';
import { createSessionHandlers } from './session/handlers.ts';
import { createSyncHandlers } from './sync/handlers.ts';
import { createTasksHandlers } from './tasks/handlers.ts';
import { createTicketsHandlers } from './tickets/handlers.ts';
import { createViewsHandlers } from './views/handlers.ts';

export function createHandlers(context: HandlerContext): Handlers {
  return {
    ...createAppHandlers(context),
    ...createTicketsHandlers(context),
    ...createViewsHandlers(context),
    ...createAccountsHandlers(context),
    ...createTasksHandlers(context),
    ...createKnowledgeHandlers(context),
    ...createMacrosHandlers(context),
    ...createSlaHandlers(context),
    ...createRoutingHandlers(context),
    ...createComplaintsHandlers(context),
    ...createSearchHandlers(context),
    ...createDashboardHandlers(context),
    ...createMetricsHandlers(context),
    ...createBoardHandlers(context),
    ...createSessionHandlers(context),
    ...createSyncHandlers(context),
  };
}
