/**
 * Search results for what is typed, as the person types: debounced, and only the answer to the
 * latest request is ever shown. Core answers each keystroke in milliseconds, but answers can
 * still arrive out of order (a common word's query finishing after the next keystroke's), so
 * each request carries a sequence number and an older one's answer is dropped.
 *
 * With one kind searched, `more` loads that kind's next page (the hits after those shown, newest
 * first) and appends it; a new text or filter starts again from the first page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchHit, SearchTotal } from '../../../../shared/contract/channels.ts';
import type { ErrorCode } from '../../../../shared/contract/errors.ts';
import type { TicketStatus } from '../../../../shared/domain/enums.ts';
import { useApi } from '../../api/context.tsx';
import { asAppError } from '../../api/use-query.ts';
import { useDebounced } from '../../ui/use-debounced.ts';
import type { SearchKind } from './palette-store.ts';

/** Quiet time before a query goes out: a fast typist's keystrokes become one query. */
export const SEARCH_DEBOUNCE_MS = 120;
/** Hits per kind group. */
export const HITS_PER_KIND = 6;
/** Hits when one kind is searched ("show all" of a group), and each further page of it: the most one query returns. */
export const HITS_OF_ONE_KIND = 50;

export type SearchState =
  | { status: 'idle' }
  /** `hits`: the previous answer's, shown (marked busy) until this one arrives, so the list does not flash. */
  | { status: 'searching'; q: string; hits: readonly SearchHit[] }
  /** `totals`: how many hits each kind has, of which `hits` shows the first. */
  | { status: 'ready'; q: string; hits: readonly SearchHit[]; totals: readonly SearchTotal[] }
  | { status: 'error'; q: string; code: ErrorCode };

/** The search's state, and (one kind searched, more hits counted than shown) a way to load the next page. */
export function useSearch(
  text: string,
  kinds: readonly SearchKind[],
  statuses: readonly TicketStatus[],
): [SearchState, (() => void) | null] {
  const api = useApi();
  const typed = text.trim();
  const q = useDebounced(typed, SEARCH_DEBOUNCE_MS);
  const filterKey = `${kinds.join(',')}|${statuses.join(',')}`;
  const [answer, setAnswer] = useState<{ key: string; state: SearchState }>({ key: '', state: { status: 'idle' } });
  const latest = useRef(0);
  // The pages after the first, for the answer they continue; `loading` holds the offset asked for.
  const [pages, setPages] = useState<{ key: string; hits: readonly SearchHit[]; loading: number | null }>({
    key: '',
    hits: [],
    loading: null,
  });

  useEffect(() => {
    if (!q) return;
    const seq = ++latest.current;
    const key = `${q}|${filterKey}`;
    const [kindList = '', statusList = ''] = filterKey.split('|');
    api.search
      .query({
        q,
        kinds: kindList ? (kindList.split(',') as SearchKind[]) : [],
        statuses: statusList ? (statusList.split(',') as TicketStatus[]) : [],
        perKind: true,
        limit: kindList && !kindList.includes(',') ? HITS_OF_ONE_KIND : HITS_PER_KIND,
      })
      .then(
        ({ hits, totals }) => seq === latest.current && setAnswer({ key, state: { status: 'ready', q, hits, totals } }),
        (err: unknown) => seq === latest.current && setAnswer({ key, state: { status: 'error', q, code: asAppError(err).code } }),
      );
  }, [api, q, filterKey]);

  const ready = typed !== '' && typed === q && answer.key === `${q}|${filterKey}` && answer.state.status === 'ready' ? answer.state : null;
  const shown = ready ? [...ready.hits, ...(pages.key === answer.key ? pages.hits : [])] : [];
  const oneKind = kinds.length === 1 ? kinds[0] : undefined;
  const total = ready?.totals.find((t) => t.kind === oneKind);
  const offset = shown.length;
  const canLoad = ready !== null && total !== undefined && total.count > offset && !(pages.key === answer.key && pages.loading === offset);
  const key = answer.key;
  const more = useCallback(() => {
    if (!oneKind) return;
    setPages((p) => ({ key, hits: p.key === key ? p.hits : [], loading: offset }));
    api.search
      .query({
        q,
        kinds: [oneKind],
        statuses: [...statuses],
        perKind: true,
        limit: HITS_OF_ONE_KIND,
        offset,
      })
      .then(
        ({ hits }) => setPages((p) => (p.key === key && p.loading === offset ? { key, hits: [...p.hits, ...hits], loading: null } : p)),
        // A failed page can be asked for again.
        () => setPages((p) => (p.key === key && p.loading === offset ? { ...p, loading: null } : p)),
      );
  }, [api, q, key, statuses, oneKind, offset]);

  if (!typed) return [{ status: 'idle' }, null];
  // Until the answer for exactly this text and these filters arrives, the list is marked busy.
  if (typed !== q || answer.key !== `${q}|${filterKey}`)
    return [{ status: 'searching', q: typed, hits: answer.state.status === 'ready' ? answer.state.hits : [] }, null];
  return [ready ? { ...ready, hits: shown } : answer.state, canLoad ? more : null];
}
