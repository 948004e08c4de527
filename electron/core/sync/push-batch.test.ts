import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../../shared/sync/protocol.ts';
import { pushBatch, PUSH_MUTATION_BYTES } from './push-batch.ts';

const mutation = (id: number, body: string): Mutation => ({ id, name: 'message.append', args: { body }, clientTime: 0 });
const bytesOf = (batch: Mutation[]) => Buffer.byteLength(JSON.stringify(batch));

describe('a push batch', () => {
  it('keeps every short mutation, in order (how many the server takes is the caller’s read: sync.test.ts)', () => {
    const queued = Array.from({ length: 700 }, (_, i) => mutation(i + 1, 'short'));
    expect(pushBatch(queued).map((m) => m.id)).toEqual(queued.map((m) => m.id));
  });

  it('stops before its bytes pass the limit, counting characters as UTF-8', () => {
    // 300 KB each in UTF-8, 100,000 characters: counted in characters, three would seem to fit.
    const queued = Array.from({ length: 5 }, (_, i) => mutation(i + 1, '账'.repeat(100_000)));
    const batch = pushBatch(queued);
    expect(batch.map((m) => m.id)).toEqual([1, 2]);
    expect(bytesOf(batch)).toBeLessThanOrEqual(PUSH_MUTATION_BYTES);
    expect(bytesOf(queued.slice(0, 3))).toBeGreaterThan(PUSH_MUTATION_BYTES);
  });

  it('always sends the first mutation, even one past the share of the limit', () => {
    const queued = [mutation(1, 'x'.repeat(PUSH_MUTATION_BYTES)), mutation(2, 'y')];
    expect(pushBatch(queued).map((m) => m.id)).toEqual([1]);
    expect(pushBatch([])).toEqual([]);
  });
});
