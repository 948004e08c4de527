import { describe, expect, it } from 'vitest';
import { HOUR_MS, ratio, summarize } from './stats.ts';

const hours = (...h: number[]) => h.map((x) => x * HOUR_MS);

describe('summaries of durations', () => {
  it('four values: the median is the mean of the middle two, the 90th percentile the largest (rank ceil(3.6) = 4)', () => {
    expect(summarize(hours(4, 1, 3, 2))).toEqual({ count: 4, mean: 2.5, median: 2.5, p90: 4 });
  });

  it('ten values 1..10 hours: p90 is the 9th (nine of ten do not exceed it), median 5.5', () => {
    expect(summarize(hours(10, 9, 8, 7, 6, 5, 4, 3, 2, 1))).toEqual({ count: 10, mean: 5.5, median: 5.5, p90: 9 });
  });

  it('odd count: the middle value; one value is its own percentile', () => {
    expect(summarize(hours(7, 1, 100))).toMatchObject({ median: 7, p90: 100, mean: 36 });
    expect(summarize(hours(3))).toEqual({ count: 1, mean: 3, median: 3, p90: 3 });
  });

  it('no value: null figures, not zero', () => {
    expect(summarize([])).toEqual({ count: 0, mean: null, median: null, p90: null });
    expect(ratio(3, 0)).toBeNull();
  });

  it('the mean does not depend on the order the values came in', () => {
    const values = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) * 123_457);
    expect(summarize(values).mean).toBe(summarize([...values].reverse()).mean);
  });
});
