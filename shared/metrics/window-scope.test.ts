import { describe, expect, it } from 'vitest';
import { randomTicketLog, seededRandom, windowFigures } from '../../test/support/metrics-facts.ts';
import { firstReplyIntervals, fullResolutionIntervals, responseIntervals } from './durations.ts';
import { buildTimeline, type Timeline } from './timeline.ts';
import { inBacklogAtEnd } from './volume.ts';
import { windowPlacer } from './window-scope.ts';
import type { Window } from './window.ts';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const NOW = T0 + 60 * D;

/** Tickets whose logs hold every kind of event, some at one instant (randomTicketLog). */
function randomTimelines(seed: number, count: number): Timeline[] {
  const r = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const log = randomTicketLog(r, T0 + Math.floor(r() * 55 * D), 8);
    return buildTimeline(log.ticket, log.events, NOW);
  });
}

/** Every window's timelines, as the placer puts them, and its backlog. */
function scopeWindows(timelines: readonly Timeline[], windows: readonly Window[]) {
  const scopes = windows.map(() => ({ timelines: [] as Timeline[], backlog: 0 }));
  const placer = windowPlacer(windows);
  for (const t of timelines) placer.place(t, (w) => scopes[w]!.timelines.push(t));
  placer.backlogs().forEach((backlog, i) => (scopes[i]!.backlog = backlog));
  return scopes;
}

/** Every figure a window's timelines feed (the backlog aside), and the intervals behind the durations. */
function countedFigures(timelines: readonly Timeline[], w: Window) {
  const ends = (intervals: { t: Timeline; from: number; to: number }[]) => intervals.map((i) => [i.t.ticket.id, i.from, i.to]).sort();
  return {
    figures: windowFigures(timelines, w, { fcr: 'no_follow_up' }),
    firstReply: ends(firstReplyIntervals(timelines, w)),
    response: ends(responseIntervals(timelines, w)),
    fullResolution: ends(fullResolutionIntervals(timelines, w)),
  };
}

describe('the timelines each window reads', () => {
  const timelines = randomTimelines(7, 600);
  const days = Array.from({ length: 30 }, (_, i) => ({ start: T0 + (25 + i) * D, end: T0 + (26 + i) * D }));
  const period = { start: T0 + 25 * D, end: T0 + 55 * D };
  const previous = { start: T0 - 5 * D, end: T0 + 25 * D };
  const windows = [period, ...days, previous];
  const scopes = scopeWindows(timelines, windows);

  it('give every figure the same value as all the timelines do, in each window', () => {
    windows.forEach((w, i) => expect(countedFigures(scopes[i]!.timelines, w)).toEqual(countedFigures(timelines, w)));
  });

  it('are far fewer than all of them in a day of the trend', () => {
    const perDay = scopes.slice(1, -1).map((s) => s.timelines.length);
    expect(Math.max(...perDay)).toBeLessThan(timelines.length / 4);
  });

  it('count the backlog at each window’s end as every ticket’s own status then does', () => {
    windows.forEach((w, i) => expect(scopes[i]!.backlog).toBe(timelines.filter((t) => inBacklogAtEnd(t, w)).length));
    expect(scopes.some((s) => s.backlog > 0)).toBe(true);
  });
});
