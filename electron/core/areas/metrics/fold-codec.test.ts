import { describe, expect, it } from 'vitest';
import { randomTicketLog, seededRandom } from '../../../../test/support/metrics-facts.ts';
import { foldLog } from '../../../../shared/metrics/timeline.ts';
import { decodeFold, encodeFold } from './fold-codec.ts';

describe('a kept fold', () => {
  it('decodes to the fold it was made from, for random logs of every kind of event', () => {
    const r = seededRandom(17);
    let objectBytes = 0;
    let keptBytes = 0;
    for (let n = 0; n < 300; n++) {
      const log = randomTicketLog(r, Date.parse('2026-01-01T00:00:00Z') + Math.floor(r() * 300 * 86_400_000), 14);
      // Some logs lose their start (history trimmed).
      if (r() < 0.1) log.events.splice(0, 2);
      const fold = foldLog(log.events, Infinity);
      const kept = encodeFold(fold);
      expect(decodeFold(kept)).toEqual(fold);
      objectBytes += JSON.stringify(fold).length;
      keptBytes += kept.length;
    }
    // What the encoding is for: the cache holds one a ticket.
    expect(keptBytes).toBeLessThan(objectBytes / 2);
  });

  it('written by another version of the encoding is read as stale', () => {
    const kept = JSON.parse(encodeFold(foldLog([], Infinity))) as unknown[];
    expect(decodeFold(JSON.stringify([2, ...kept.slice(1)]))).toBeNull();
  });
});
