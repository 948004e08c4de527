/**
 * Search results for what is typed, as the person types: debounced, and only the answer to the
 * latest request is ever shown. Core answers each keystroke in milliseconds, but answers can
 * still arrive out of order (a common word's query finishing after the next keystroke's), so
 * each request carries a sequence number and an older one's answer is dropped.
 */
import { useEffect, useRef, useState } from 'react';
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
/** Hits when one kind is searched ("show all" of a group): the most one query returns. */
export const HITS_OF_ONE_KIND = 50;

export type SearchState =
  | { status: 'idle' }
  /** `hits`: the previous answer's, shown (marked busy) until this one arrives, so the list does not flash. */
  | { status: 'searching'; q: string; hits: readonly SearchHit[] }
  /** `totals`: how many hits each kind has, of which `hits` shows the first. */
  | { status: 'ready'; q: string; hits: readonly SearchHit[]; totals: readonly SearchTotal[] }
  | { status: 'error'; q: string; code: ErrorCode };

export function useSearch(text: string, kinds: readonly SearchKind[], statuses: readonly TicketStatus[]): SearchState {
  const api = useApi();
  const typed = text.trim();
  const q = useDebounced(typed, SEARCH_DEBOUNCE_MS);
  const filterKey = `${kinds.join(',')}|${statuses.join(',')}`;
  const [answer, setAnswer] = useState<{ key: string; state: SearchState }>({ key: '', state: { status: 'idle' } });
  const latest = useRef(0);

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

  if (!typed) return { status: 'idle' };
  // Until the answer for exactly this text and these filters arrives, the list is marked busy.
  if (typed !== q || answer.key !== `${q}|${filterKey}`)
    return { status: 'searching', q: typed, hits: answer.state.status === 'ready' ? answer.state.hits : [] };
  return answer.state;
}
