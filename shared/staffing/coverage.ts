/**
 * The coverage heatmap: for each hour of a week, the agents the forecast requires against the
 * agents the roster schedules (docs/staffing.md). Chat and phone are queues people wait in, staffed
 * by Erlang C against a service-level target; the other channels are work that can wait a little,
 * staffed by volume x handle time / occupancy. An hour is under-staffed when fewer agents are
 * scheduled than required.
 */
import { DateTime } from 'luxon';
import type { Channel } from '../domain/enums.ts';
import { agentsForServiceLevel, type ServiceTarget } from './erlang-c.ts';
import type { Forecast } from './forecast.ts';
import { addWeeks, HOUR_MS, hourOfWeek, HOURS_PER_WEEK, zoneOf } from './week.ts';
import { agentsForWorkload } from './workload.ts';

/** Channels whose customers wait on the line, staffed with Erlang C. */
export const QUEUED_CHANNELS: readonly Channel[] = ['chat', 'phone'];

export interface StaffingSettings {
  /** Average handle time per channel, in seconds; channels without one are not staffed. */
  ahtSeconds: Partial<Record<Channel, number>>;
  /** For chat and phone. */
  serviceTarget: ServiceTarget;
  /** For every other channel: the share of their time agents spend on tickets. */
  occupancyTarget: number;
}

export interface Interval {
  start: number;
  end: number;
}

export interface ScheduledShift extends Interval {
  userId: string;
  /** Breaks within the shift, not counted as working time. */
  breaks: readonly Interval[];
}

export interface CoverageCell {
  hourOfWeek: number;
  required: number;
  /** Agent-hours scheduled in the hour: two agents on for half of it count as 1. */
  scheduled: number;
  understaffed: boolean;
}

/** Agents required in each hour of the forecast week. */
export function requiredAgents(forecast: Forecast, settings: StaffingSettings): number[] {
  return Array.from({ length: HOURS_PER_WEEK }, (_, hour) => {
    let queued = 0;
    let deferred = 0;
    for (const [channel, row] of Object.entries(forecast.perChannel) as [Channel, number[]][]) {
      const ahtSeconds = settings.ahtSeconds[channel];
      const arrivals = row[hour]!;
      if (ahtSeconds === undefined || arrivals === 0) continue;
      const queue = { arrivals, intervalSeconds: HOUR_MS / 1000, ahtSeconds };
      if (QUEUED_CHANNELS.includes(channel)) queued += agentsForServiceLevel(queue, settings.serviceTarget).agents;
      else deferred += agentsForWorkload(queue, settings.occupancyTarget).fractionalAgents;
    }
    // Each queue needs its own whole agents; the deferred work is pooled before rounding up.
    return queued + Math.ceil(deferred - 1e-9);
  });
}

/** Agent-hours scheduled in each hour of the week starting at `weekStart`, breaks left out. */
export function scheduledAgents(shifts: Iterable<ScheduledShift>, weekStart: number, timeZone: string): number[] {
  const zone = zoneOf(timeZone);
  const weekEnd = addWeeks(weekStart, 1, zone);
  const cells = new Array<number>(HOURS_PER_WEEK).fill(0);
  for (const shift of shifts) {
    for (const part of workingParts(shift)) {
      const start = Math.max(part.start, weekStart);
      const end = Math.min(part.end, weekEnd);
      // Walk the local hours the part crosses; each gets the minutes of the part inside it.
      let hour = DateTime.fromMillis(start, { zone }).startOf('hour').toMillis();
      while (hour < end) {
        const next = hour + HOUR_MS;
        const inside = Math.min(end, next) - Math.max(start, hour);
        if (inside > 0) cells[hourOfWeek(hour, zone)]! += inside / HOUR_MS;
        hour = next;
      }
    }
  }
  return cells;
}

export function coverage(required: readonly number[], scheduled: readonly number[]): CoverageCell[] {
  return required.map((need, hour) => {
    const have = scheduled[hour] ?? 0;
    return { hourOfWeek: hour, required: need, scheduled: have, understaffed: have + 1e-9 < need };
  });
}

/** The shift minus its breaks, as ordered intervals. */
function workingParts(shift: ScheduledShift): Interval[] {
  const breaks = [...shift.breaks].sort((a, b) => a.start - b.start);
  const parts: Interval[] = [];
  let from = shift.start;
  for (const pause of breaks) {
    if (pause.start > from) parts.push({ start: from, end: Math.min(pause.start, shift.end) });
    from = Math.max(from, pause.end);
  }
  if (from < shift.end) parts.push({ start: from, end: shift.end });
  return parts;
}
