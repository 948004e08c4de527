import { describe, expect, it } from 'vitest';
import { UUID_PATTERN, uuidv7, uuidv7Time } from './ids.ts';

describe('uuidv7', () => {
  it('is a version-7, variant-1 UUID carrying its creation time', () => {
    const id = uuidv7(1_700_000_000_123);
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(uuidv7Time(id)).toBe(1_700_000_000_123);
  });

  it('sorts by creation time, also within one millisecond', () => {
    const ids = [uuidv7(1000), uuidv7(1000), uuidv7(1000), uuidv7(1001), uuidv7(2000)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
