import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random.ts';
import { hourOfWeek, zoneOf } from './week.ts';

describe('hourOfWeek', () => {
  // Whole-hour, half-hour and quarter-hour offsets, DST both ways, a 30-minute DST and no DST.
  const zones = ['America/New_York', 'Europe/London', 'Asia/Shanghai', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];

  it('is the local weekday and hour a calendar gives, in every zone, around the clock changes too', () => {
    const random = createRandom(7);
    for (const name of zones) {
      const zone = zoneOf(name);
      for (let i = 0; i < 2_000; i++) {
        const at = Date.UTC(2025, 0, 1) + random.int(0, 2 * 365 * 24 * 60) * 60_000;
        const local = DateTime.fromMillis(at, { zone: name });
        expect(hourOfWeek(at, zone), `${name} ${local.toISO()}`).toBe((local.weekday - 1) * 24 + local.hour);
      }
    }
  });

  it('counts Monday 00:00 as hour 0 and Sunday 23:59 as hour 167', () => {
    const zone = zoneOf('Europe/London');
    expect(hourOfWeek(DateTime.fromISO('2026-12-07T00:00', { zone: 'Europe/London' }).toMillis(), zone)).toBe(0);
    expect(hourOfWeek(DateTime.fromISO('2026-12-13T23:59', { zone: 'Europe/London' }).toMillis(), zone)).toBe(167);
  });
});
