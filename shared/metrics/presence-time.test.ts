import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random.ts';
import { PRESENCES } from '../routing/decide.ts';
import { presenceTime, type PresenceChange } from './presence-time.ts';

const MINUTE = 60_000;

describe('presenceTime', () => {
  it('sums each status from its change to the next, clipped to the span; offline before the first change', () => {
    const at = (m: number) => m * MINUTE;
    const changes: PresenceChange[] = [
      { id: '1', userId: 'mei', status: 'online', at: at(-30) },
      { id: '2', userId: 'mei', status: 'on_break', at: at(60) },
      { id: '3', userId: 'mei', status: 'online', at: at(75) },
      { id: '4', userId: 'mei', status: 'offline', at: at(200) },
      { id: '5', userId: 'li', status: 'away', at: at(10) },
      { id: '6', userId: 'li', status: 'online', at: at(20) },
      { id: '7', userId: 'late', status: 'online', at: at(500) },
    ];
    const time = presenceTime(changes, at(0), at(240));
    // Mei: online 0-60 and 75-200, on break 60-75.
    expect(time.get('mei')).toEqual({ availableMs: at(60 + 125), breakMs: at(15) });
    // Li: away 10-20 counts for neither; online from 20 to the end.
    expect(time.get('li')).toEqual({ availableMs: at(220), breakMs: 0 });
    expect(time.has('late')).toBe(false);
  });

  it('lets the later-written of two changes at one instant hold', () => {
    const time = presenceTime(
      [
        { id: 'b', userId: 'u', status: 'on_break', at: 0 },
        { id: 'a', userId: 'u', status: 'online', at: 0 },
      ],
      0,
      10 * MINUTE,
    );
    expect(time.get('u')).toEqual({ availableMs: 0, breakMs: 10 * MINUTE });
  });

  it('agrees with counting minute by minute on random histories', () => {
    const random = createRandom(3);
    for (let round = 0; round < 50; round++) {
      const changes: PresenceChange[] = Array.from({ length: random.int(0, 30) }, (_, i) => ({
        id: String(i).padStart(3, '0'),
        userId: `u${random.int(0, 3)}`,
        status: PRESENCES[random.int(0, PRESENCES.length - 1)]!,
        at: random.int(-200, 600) * MINUTE,
      }));
      const from = random.int(-100, 200) * MINUTE;
      const to = from + random.int(1, 400) * MINUTE;
      const time = presenceTime(changes, from, to);
      // Independently: the status each person holds in each minute of the span.
      const sorted = [...changes].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
      for (const user of new Set(changes.filter((c) => c.at < to).map((c) => c.userId))) {
        let available = 0;
        let onBreak = 0;
        for (let t = from; t < to; t += MINUTE) {
          const status = sorted.filter((c) => c.userId === user && c.at <= t).at(-1)?.status ?? 'offline';
          if (status === 'online') available += MINUTE;
          if (status === 'on_break') onBreak += MINUTE;
        }
        expect(time.get(user)).toEqual({ availableMs: available, breakMs: onBreak });
      }
    }
  });
});
