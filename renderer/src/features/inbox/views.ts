/**
 * The queues the sidebar lists and their counts, read through the Api and refreshed when Core
 * reports ticket or view changes (counts are kept current in Core on every write, so a refresh is
 * a few index lookups, not a recount).
 */
import type { ViewCount } from '../../../../shared/contract/channels.ts';
import type { SavedView } from '../../../../shared/domain/records.ts';
import { useQuery } from '../../api/use-query.ts';
import type { Formatters } from '../../i18n/format.ts';

export function useViewCounts() {
  return useQuery('views.counts', (api) => api.views.counts({}), ['ticket', 'view']);
}

export function useSavedViews() {
  return useQuery('views.list', (api) => api.views.list({}).then((r) => r.views), ['view']);
}

/** "42", or "999+" when Core stopped counting at its cap. */
export function formatViewCount(count: ViewCount, f: Formatters): string {
  return count.capped ? `${f.number(count.count)}+` : f.number(count.count);
}

/** Personal views, then shared ones (owner null), as the sidebar groups them. */
export function groupViews(views: readonly SavedView[]): { personal: SavedView[]; shared: SavedView[] } {
  return { personal: views.filter((v) => v.ownerId !== null), shared: views.filter((v) => v.ownerId === null) };
}
