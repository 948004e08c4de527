/**
 * A long list read page by page through the Api (keyset cursors), for virtualized views: the view
 * reports which rows are visible, the hook fetches what is missing (and the next page as the
 * person nears the end) and drops pages far away. Refreshes in place on `data.changed`.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Api } from '../../../shared/contract/api.ts';
import type { AppError } from '../../../shared/contract/errors.ts';
import type { Entity } from '../../../shared/contract/events.ts';
import { useApi } from './context.tsx';
import { type PageSlot, evictFar, findLoaded, hasMore, pageOffsets, planPages, rowAt, totalCount } from './paged-list.ts';
import { asAppError } from './use-query.ts';

export type FetchPage<Row> = (api: Api, cursor: string | null) => Promise<{ rows: Row[]; nextCursor: string | null }>;

interface ListState<Row> {
  key: string;
  pages: PageSlot<Row>[];
  error: AppError | null;
}

export interface PagedList<Row> {
  status: 'loading' | 'ready' | 'error';
  error: AppError | null;
  /** Rows known so far (loaded or evicted). */
  count: number;
  hasMore: boolean;
  rowAt(index: number): Row | undefined;
  /** Index of the first loaded row matching, or -1 (evicted pages are not searched). */
  findIndex(match: (row: Row) => boolean): number;
  /** Tell the list which rows are on screen. */
  showRange(start: number, end: number): void;
  retry(): void;
}

const NO_PAGES: PageSlot<never>[] = [];

/** How close to the end (in rows) the next page is requested. */
const PREFETCH_ROWS = 30;

export function usePagedList<Row>(key: string, fetchPage: FetchPage<Row>, refreshOn: readonly Entity[]): PagedList<Row> {
  const api = useApi();
  const [state, setState] = useState<ListState<Row>>({ key, pages: [], error: null });
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const rangeRef = useRef(range);
  const fetchRef = useRef(fetchPage);
  const inflight = useRef(new Set<string>());
  const current = state.key === key ? state : { key, pages: NO_PAGES, error: null };
  const pages = current.pages;
  const pagesRef = useRef(pages);
  const liveKey = useRef(key);
  useEffect(() => {
    fetchRef.current = fetchPage;
    pagesRef.current = pages;
    liveKey.current = key;
  });

  const load = useCallback(
    (slot: number, cursor: string | null) => {
      const tag = `${key}\u0000${slot}`;
      if (inflight.current.has(tag)) return;
      inflight.current.add(tag);
      fetchRef.current(api, cursor).then(
        (page) => {
          inflight.current.delete(tag);
          // An answer for a list the person has already left (another queue, another sort) is dropped.
          if (liveKey.current !== key) return;
          setState((s) => {
            const base = s.key === key ? s.pages : [];
            if (slot > base.length) return s;
            const next = base.slice();
            next[slot] = { cursor, rows: page.rows, count: page.rows.length, nextCursor: page.nextCursor };
            // Every arriving page is the moment to forget pages far from the screen: memory stays flat.
            return { key, pages: evictFar(next, ...rangeRef.current), error: null };
          });
        },
        (err: unknown) => {
          inflight.current.delete(tag);
          if (liveKey.current !== key) return;
          setState((s) => ({ key, pages: s.key === key ? s.pages : [], error: asAppError(err) }));
        },
      );
    },
    [api, key],
  );

  // Fetch what the visible range needs.
  useEffect(() => {
    if (current.error) return;
    if (pages.length === 0) {
      load(0, null);
      return;
    }
    const plan = planPages(pages, range[0], range[1], PREFETCH_ROWS);
    for (const i of plan.refetch) load(i, pages[i]?.cursor ?? null);
    const last = pages.at(-1);
    if (plan.append && last) load(pages.length, last.nextCursor);
  }, [pages, range, current.error, load]);

  // Core changed records: fetch the loaded pages again, each from its own cursor.
  const refreshKey = refreshOn.join(',');
  useEffect(() => {
    if (!refreshKey) return;
    const entities = refreshKey.split(',');
    return api.on('data.changed', ({ entity }) => {
      if (!entities.includes(entity)) return;
      pagesRef.current.forEach((p, i) => p.rows !== null && load(i, p.cursor));
    });
  }, [api, key, load, refreshKey]);

  const offsets = useMemo(() => pageOffsets(pages), [pages]);
  const showRange = useCallback((start: number, end: number) => {
    rangeRef.current = [start, end];
    setRange((r) => (r[0] === start && r[1] === end ? r : [start, end]));
  }, []);
  const retry = useCallback(() => setState((s) => ({ ...s, error: null })), []);

  const error = current.error;
  return useMemo<PagedList<Row>>(
    () => ({
      status: pages.length > 0 ? 'ready' : error ? 'error' : 'loading',
      error,
      count: totalCount(pages),
      hasMore: hasMore(pages),
      rowAt: (index: number) => rowAt(pages, offsets, index),
      findIndex: (match: (row: Row) => boolean) => findLoaded(pages, offsets, match),
      showRange,
      retry,
    }),
    [pages, offsets, error, showRange, retry],
  );
}
