/**
 * The built-in queues every agent has (DOMAIN.md: mine, unassigned, my teams, pending, on hold,
 * recently solved, SLA at risk, all), defined as ticket filters so they run through the same
 * query, index and keyset paging as saved views.
 */
import { z } from 'zod';
import type { TicketFilter, TicketSort } from './records.ts';

export const BUILTIN_VIEWS = [
  'mine',
  'unassigned',
  'my_teams',
  'pending',
  'on_hold',
  'recently_solved',
  'sla_at_risk',
  'sla_breached',
  'all',
] as const;
export const BuiltinView = z.enum(BUILTIN_VIEWS);
export type BuiltinView = z.infer<typeof BuiltinView>;

const DAY = 24 * 60 * 60 * 1000;

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
      // At risk past each policy's share of the budget, read from the ticket's SLA snapshot.
      return { filter: { statuses: unsolved, slaAtRiskAt: now }, sort: 'due_asc' };
    case 'sla_breached':
      return { filter: { statuses: unsolved, slaBreachedBy: now }, sort: 'due_asc' };
    case 'all':
      return { filter: {}, sort: 'updated_desc' };
  }
}
