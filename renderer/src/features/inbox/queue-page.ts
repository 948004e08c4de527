/**
 * What a queue reads per page: the inbox asks for its pages with this input, and so does the
 * start's early read of the first page (api/early-calls.ts), which must ask exactly alike to be
 * taken. No value imports: the early read runs before the rest of the renderer is evaluated.
 */
import type { TicketSort } from '../../../../shared/domain/records.ts';

export const INBOX_PAGE_SIZE = 100;

/** `queue`: which queue, `{ view }` or `{ savedViewId }`; `cursor`: null for the first page. */
export function queuePageInput<Q extends { view: string } | { savedViewId: string }>(
  queue: Q,
  cursor: string | null,
  sort: TicketSort | undefined,
) {
  return { ...queue, cursor, limit: INBOX_PAGE_SIZE, ...(sort ? { sort } : {}) };
}
