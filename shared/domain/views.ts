/**
 * The built-in queues every agent has (DOMAIN.md: mine, unassigned, my teams, pending, on hold,
 * recently solved, SLA at risk, all), defined as ticket filters so they run through the same
 * query, index and keyset paging as saved views.
 */
import { z } from 'zod';
import type { TicketFilter, TicketSort } from './records.ts';

export const BUILTIN_VIEWS = ['mine', 'unassigned', 'my_teams', 'pending', 'on_hold', 'recently_solved', 'sla_at_risk', 'all'] as const;
export const BuiltinView = z.enum(BUILTIN_VIEWS);
export type BuiltinView = z.infer<typeof BuiltinView>;

const DAY = 24 * 60 * 60 * 1000;
/** How far ahead a due time counts as "at risk" when the SLA engine has not flagged it itself. */
export const SLA_AT_RISK_HORIZON_MS = 2 * 60 * 60 * 1000;

export interface ViewDefinition {
  filter: TicketFilter;
  sort: TicketSort;
}

/** The filter and default sort of a built-in view; `myTeamIds` are the signed-in user's teams. */
export function builtinView(view: BuiltinView, now: number, myTeamIds: readonly string[]): ViewDefinition {
  const unsolved: TicketFilter['statuses'] = ['new', 'open', 'pending', 'on_hold'];
  switch (view) {
    case 'mine':
      return { filter: { assigneeIds: ['me'], statuses: unsolved }, sort: 'updated_desc' };
    case 'unassigned':
      return { filter: { assigneeIds: [null], statuses: unsolved }, sort: 'created_asc' };
    case 'my_teams':
      return { filter: { teamIds: [...myTeamIds], statuses: unsolved }, sort: 'updated_desc' };
    case 'pending':
      return { filter: { statuses: ['pending'] }, sort: 'updated_desc' };
    case 'on_hold':
      return { filter: { statuses: ['on_hold'] }, sort: 'updated_desc' };
    case 'recently_solved':
      return { filter: { statuses: ['solved'], updatedFrom: now - 7 * DAY }, sort: 'updated_desc' };
    case 'sla_at_risk':
      return { filter: { statuses: ['new', 'open', 'on_hold'], dueBefore: now + SLA_AT_RISK_HORIZON_MS }, sort: 'due_asc' };
    case 'all':
      return { filter: {}, sort: 'updated_desc' };
  }
}
