/**
 * The page bookkeeping behind every long list, pure so it is easy to reason about. A list is a
 * sequence of keyset pages; each remembers the cursor it was fetched with and how many rows it
 * had, so a page far from the viewport can drop its rows (memory stays flat over 100k tickets) and
 * be fetched again, from the same cursor, when the person scrolls back to it.
 */
export interface PageSlot<Row> {
  cursor: string | null;
  /** Null while evicted; `count` keeps its place in the list. */
  rows: Row[] | null;
  count: number;
  nextCursor: string | null;
}

/** Pages kept loaded on each side of the visible ones. */
export const KEEP_PAGES = 3;

export function totalCount(pages: readonly PageSlot<unknown>[]): number {
  return pages.reduce((n, p) => n + p.count, 0);
}

export function hasMore(pages: readonly PageSlot<unknown>[]): boolean {
  const last = pages.at(-1);
  return last === undefined || last.nextCursor !== null;
}

/** Start index of each page in the whole list. */
export function pageOffsets(pages: readonly PageSlot<unknown>[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const page of pages) {
    offsets.push(at);
    at += page.count;
  }
  return offsets;
}

/** The page holding row `index` (binary search over the offsets), or -1 past the end. */
export function pageOf(offsets: readonly number[], pages: readonly PageSlot<unknown>[], index: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] ?? 0) <= index) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  const page = pages[found];
  return page && index < (offsets[found] ?? 0) + page.count ? found : -1;
}

export function rowAt<Row>(pages: readonly PageSlot<Row>[], offsets: readonly number[], index: number): Row | undefined {
  const p = pageOf(offsets, pages, index);
  if (p < 0) return undefined;
  return pages[p]?.rows?.[index - (offsets[p] ?? 0)];
}

export function findLoaded<Row>(pages: readonly PageSlot<Row>[], offsets: readonly number[], match: (row: Row) => boolean): number {
  for (let p = 0; p < pages.length; p++) {
    const i = pages[p]?.rows?.findIndex(match) ?? -1;
    if (i >= 0) return (offsets[p] ?? 0) + i;
  }
  return -1;
}

/** The pages holding rows `start..end` (inclusive). */
function wantedPages(pages: readonly PageSlot<unknown>[], start: number, end: number): [number, number] {
  const offsets = pageOffsets(pages);
  const first = Math.max(0, pageOf(offsets, pages, Math.max(0, start)));
  const last = end >= totalCount(pages) ? pages.length - 1 : Math.max(first, pageOf(offsets, pages, end));
  return [first, last];
}

export interface PagePlan {
  /** Evicted pages inside the wanted range, to fetch again from their cursor. */
  refetch: number[];
  /** Whether to fetch the page after the last one. */
  append: boolean;
}

/** What to fetch so rows `start..end` (inclusive) can show, with `prefetch` rows of margin at the end. */
export function planPages(pages: readonly PageSlot<unknown>[], start: number, end: number, prefetch: number): PagePlan {
  const [first, last] = wantedPages(pages, start, end);
  const refetch: number[] = [];
  for (let i = first; i <= last; i++) if (pages[i]?.rows === null) refetch.push(i);
  return { refetch, append: hasMore(pages) && end + prefetch >= totalCount(pages) };
}

/** The pages with the rows of those far (more than KEEP_PAGES) from rows `start..end` dropped. */
export function evictFar<Row>(pages: PageSlot<Row>[], start: number, end: number): PageSlot<Row>[] {
  const [first, last] = wantedPages(pages, start, end);
  const far = (i: number) => i < first - KEEP_PAGES || i > last + KEEP_PAGES;
  return pages.some((p, i) => p.rows !== null && far(i))
    ? pages.map((p, i) => (p.rows !== null && far(i) ? { ...p, rows: null } : p))
    : pages;
}
