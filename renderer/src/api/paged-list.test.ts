import { describe, expect, it } from 'vitest';
import { KEEP_PAGES, evictFar, hasMore, pageOffsets, planPages, rowAt, totalCount, type PageSlot } from './paged-list.ts';

const page = (first: number, size: number, last = false): PageSlot<number> => ({
  cursor: first === 0 ? null : String(first),
  rows: Array.from({ length: size }, (_, i) => first + i),
  count: size,
  nextCursor: last ? null : String(first + size),
});
const pages = (n: number) => Array.from({ length: n }, (_, i) => page(i * 100, 100));

describe('paged list bookkeeping', () => {
  it('finds rows across pages', () => {
    const p = pages(3);
    const offsets = pageOffsets(p);
    expect(totalCount(p)).toBe(300);
    expect(rowAt(p, offsets, 0)).toBe(0);
    expect(rowAt(p, offsets, 250)).toBe(250);
    expect(rowAt(p, offsets, 300)).toBeUndefined();
  });

  it('asks for the next page only near the end of what is loaded', () => {
    expect(planPages(pages(2), 0, 30, 30)).toEqual({ refetch: [], append: false });
    expect(planPages(pages(2), 150, 175, 30)).toEqual({ refetch: [], append: true });
    expect(hasMore([page(0, 40, true)])).toBe(false);
  });

  it('drops pages far from the screen and fetches them again from their own cursor when scrolled back', () => {
    const evicted = evictFar(pages(12), 1100, 1120);
    const loaded = evicted.flatMap((p, i) => (p.rows ? [i] : []));
    expect(KEEP_PAGES).toBe(3);
    expect(loaded).toEqual([8, 9, 10, 11]);
    expect(totalCount(evicted)).toBe(1200);
    const plan = planPages(evicted, 120, 140, 30);
    expect(plan.refetch).toEqual([1]);
    expect(evicted[1]?.cursor).toBe('100');
  });
});
