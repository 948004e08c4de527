/**
 * The hour of the week in a team's time zone: Monday 00:00-01:00 is hour 0, Sunday 23:00-24:00 is
 * hour 167. Forecasts and the coverage heatmap are laid out on it, in local time, because people
 * write in and work by their own clocks: a Monday 9 o'clock is busy in summer and in winter alike.
 * On the night the clocks go back, the repeated hour falls into the same cell twice; on the night
 * they go forward, the skipped hour's cell gets nothing that day.
 */
import { DateTime, IANAZone } from 'luxon';
import { AppError } from '../contract/errors.ts';
import { zoneOffsets } from '../sla/zone-offsets.ts';

export const HOURS_PER_WEEK = 168;
export const HOUR_MS = 3_600_000;

export function zoneOf(name: string): IANAZone {
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw new AppError('VALIDATION', `unknown time zone: ${name}`);
  return zone;
}

const DAY_MS = 24 * HOUR_MS;
/** 1970-01-01, day 0 of the epoch, was a Thursday: the fourth day of a week that starts on Monday. */
const EPOCH_WEEKDAY = 3;

/**
 * From the zone's offset at that instant, not through a Luxon DateTime: a forecast counts every
 * arrival of up to a year of a team's history, and building a DateTime for each one cost seconds.
 */
export function hourOfWeek(at: number, zone: IANAZone): number {
  const local = at + zoneOffsets(zone).offsetAt(at);
  const day = Math.floor(local / DAY_MS);
  const weekday = (((day + EPOCH_WEEKDAY) % 7) + 7) % 7;
  return weekday * 24 + Math.floor((local - day * DAY_MS) / HOUR_MS);
}

/** The instant the local week holding `at` starts (Monday 00:00 in the zone). */
export function weekStart(at: number, zone: IANAZone): number {
  return DateTime.fromMillis(at, { zone }).startOf('week').toMillis();
}

/** The start of the local week `weeks` weeks after (or before, when negative) the one at `start`. */
export function addWeeks(start: number, weeks: number, zone: IANAZone): number {
  return DateTime.fromMillis(start, { zone }).plus({ weeks }).toMillis();
}
