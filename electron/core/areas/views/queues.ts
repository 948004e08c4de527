/**
 * Queues: the built-in views and the saved views, as the filters and sorts tickets.list pages
 * through and the counts the sidebar shows beside them. One place resolves both, so a queue's
 * count is always the count of the very filter its list walks.
 */
import type { Database } from 'better-sqlite3';
import type { ViewCount } from '../../../../shared/contract/channels.ts';
import type { SavedView, TicketSort } from '../../../../shared/domain/records.ts';
import { BUILTIN_VIEWS, builtinView, type BuiltinView } from '../../../../shared/domain/views.ts';
import type { createDirectoryRepository } from '../app/directory.ts';
import { createSavedViewsRepository } from './saved-views.ts';
import { resolveMe, type ResolvedFilter } from '../../repositories/ticket-filter.ts';
import { createViewCountsRepository } from './view-counts.ts';

/**
 * Where counting stops for a filter `ticket_counts` cannot answer: a saved view shows "999+",
 * the two time-windowed built-in queues (recently solved, SLA at risk) "9,999+", both far beyond
 * what a person works through in a day, and a bounded walk of the index either way.
 */
export const SAVED_VIEW_COUNT_CAP = 999;
export const BUILTIN_VIEW_COUNT_CAP = 9999;

export type QueueRef = { view: BuiltinView } | { savedViewId: string };

export interface QueuesRepository {
  /** The filter ('me' resolved) and default sort of a queue; NOT_FOUND for a saved view this person cannot use. */
  definition(queue: QueueRef, now: number): { filter: ResolvedFilter; sort: TicketSort };
  savedViews(): SavedView[];
  counts(now: number): { builtin: Record<BuiltinView, ViewCount>; saved: Record<string, ViewCount> };
}

type Directory = Pick<ReturnType<typeof createDirectoryRepository>, 'currentUserId' | 'myTeamIds'>;

export function createQueuesRepository(db: Database, directory: Directory): QueuesRepository {
  const saved = createSavedViewsRepository(db);
  const counter = createViewCountsRepository(db);

  function definition(queue: QueueRef, now: number) {
    const meId = directory.currentUserId();
    const { filter, sort } = 'view' in queue ? builtinView(queue.view, now, directory.myTeamIds()) : saved.get(queue.savedViewId, meId);
    return { filter: resolveMe(filter, meId), sort };
  }

  return {
    definition,
    savedViews: () => saved.list(directory.currentUserId()),
    counts(now) {
      const meId = directory.currentUserId();
      const myTeamIds = directory.myTeamIds();
      const builtin = Object.fromEntries(
        BUILTIN_VIEWS.map((view) => [
          view,
          counter.count(resolveMe(builtinView(view, now, myTeamIds).filter, meId), BUILTIN_VIEW_COUNT_CAP),
        ]),
      ) as Record<BuiltinView, ViewCount>;
      const savedCounts = Object.fromEntries(
        saved.list(meId).map((view) => [view.id, counter.count(resolveMe(view.filter, meId), SAVED_VIEW_COUNT_CAP)]),
      );
      return { builtin, saved: savedCounts };
    },
  };
}
