import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random.ts';
import { ZoneOffsets } from './zone-offsets.ts';

const DAY = 86_400_000;
const FROM = Date.UTC(2010, 0, 1);
const TO = Date.UTC(2031, 0, 1);

/** The plain way: ask the zone at every day, then halve to the millisecond. */
function referenceNextChange(zone: IANAZone, from: number, to: number): number {
  const at = (t: number) => zone.offset(t);
  const o = at(from);
  for (let lo = from; lo < to;) {
    const probe = Math.min(lo + DAY, to - 1);
    if (probe <= lo) return to;
    if (at(probe) !== o) {
      let hi = probe;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (at(mid) === o) lo = mid;
        else hi = mid;
      }
      return hi;
    }
    lo = probe;
  }
  return to;
}

describe('zone offsets learned as spans', () => {
  // Two DST rules, a zone without DST, a 30-minute DST shift and a zone that skipped a whole day.
  for (const name of ['America/New_York', 'Europe/London', 'Asia/Shanghai', 'Australia/Lord_Howe', 'Pacific/Apia']) {
    it(`answers as the zone itself does, in any order of questions (${name})`, () => {
      const zone = IANAZone.create(name);
      const offsets = new ZoneOffsets(zone);
      const random = createRandom(name.length);
      for (let i = 0; i < 300; i++) {
        const t = FROM + Math.floor(random.next() * (TO - FROM));
        expect(offsets.offsetAt(t)).toBe(zone.offset(t) * 60_000);
        const to = t + random.int(1, 400) * DAY;
        expect(offsets.nextChange(t, to)).toBe(referenceNextChange(zone, t, to));
      }
    });
  }

  it('finds the New York change of 1 November 2026 to the millisecond', () => {
    const offsets = new ZoneOffsets(IANAZone.create('America/New_York'));
    // 02:00 EDT = 06:00 UTC: the clocks go back to 01:00 EST.
    const change = Date.UTC(2026, 10, 1, 6);
    expect(offsets.nextChange(Date.UTC(2026, 9, 1), Date.UTC(2026, 11, 1))).toBe(change);
    expect(offsets.offsetAt(change - 1)).toBe(-4 * 3_600_000);
    expect(offsets.offsetAt(change)).toBe(-5 * 3_600_000);
  });
});
