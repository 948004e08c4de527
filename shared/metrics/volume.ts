/**
 * Ticket volume: created and solved in a window, and the backlog at its end. The backlog is
 * counted for every window of a report at once (window-scope.ts); `inBacklogAtEnd` is its
 * definition for one ticket.
 */
import { isUnsolved } from '../domain/ticket-status.ts';
import { statusAt, type Timeline } from './timeline.ts';
import { within, type Window } from './window.ts';

/** A ticket is solved in a window when it entered `solved` in it (once or more: it counts once). */
export function solvedIn(t: Timeline, w: Window): boolean {
  return t.solves.some((at) => within(at, w));
}

/** Unsolved (new, open, pending, on hold) at the window's last instant. */
export function inBacklogAtEnd(t: Timeline, w: Window): boolean {
  const status = statusAt(t, w.end - 1);
  return status !== null && isUnsolved(status);
}

export function createdAndSolved(timelines: readonly Timeline[], w: Window): { created: number; solved: number } {
  let created = 0;
  let solved = 0;
  for (const t of timelines) {
    if (within(t.createdAt, w)) created++;
    if (solvedIn(t, w)) solved++;
  }
  return { created, solved };
}
