import { describe, expect, it } from 'vitest';
import { sameJson } from './json-equal.ts';

describe('sameJson', () => {
  it('ignores the order of keys, as jsonb reorders them', () => {
    expect(
      sameJson(
        { state: 'met', dueAt: 5, target: { minutes: 30, hours: 'calendar' } },
        { dueAt: 5, target: { hours: 'calendar', minutes: 30 }, state: 'met' },
      ),
    ).toBe(true);
  });
  it('tells apart a changed value, a missing key, an array order and null from an object', () => {
    expect(sameJson({ dueAt: 5 }, { dueAt: 6 })).toBe(false);
    expect(sameJson({ dueAt: 5, at: null }, { dueAt: 5 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
  });
  it('treats a key holding undefined as absent, as JSON does', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });
});
