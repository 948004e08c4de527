import { describe, expect, it } from 'vitest';
import { retryDelay } from './backoff.ts';

describe('retry backoff', () => {
  const backoff = { baseMs: 1_000, maxMs: 10_000 };

  it('doubles with each failed attempt up to the cap', () => {
    expect([1, 2, 3, 4, 5, 40].map((attempt) => retryDelay(attempt, backoff, 0.999_999))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  it('jitters each wait within its upper half', () => {
    expect(retryDelay(3, backoff, 0)).toBe(2_000);
    expect(retryDelay(3, backoff, 0.5)).toBe(3_000);
  });
});
