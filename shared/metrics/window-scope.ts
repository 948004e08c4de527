/**
 * Which timelines each window of a report reads. A report counts in many windows at once (its
 * period, the previous period, and each day or week of the trend); asking every timeline about
 * every window is windows x tickets (over 5 million steps for a month at 1M tickets). Instead each
 * timeline is placed, once, in the windows it can count in:
 *
 * - every figure but the backlog counts a ticket in a window only through an instant inside it
 *   (its creation, a solve, a public agent reply, an escalation, an SLA outcome: see the figure
 *   modules), so a timeline goes to the windows holding one of those instants;
 * - the backlog (unsolved at a window's last instant, volume.ts) is counted for every window in
 *   the same pass, from the stretches of time the ticket spent unsolved.
 *
 * The figures come out the same as from every timeline (window-scope.test.ts asks both ways).
 */
import { isUnsolved } from '../domain/ticket-status.ts';
import { statusAt, type Timeline } from './timeline.ts';
import type { Window } from './window.ts';

/** The instants at which a ticket can count in a window's figures, the backlog aside. */
function countedInstants(t: Timeline): number[] {
  const at = [t.createdAt, ...t.solves, ...t.escalations];
  for (const r of t.replies) at.push(r.at);
  for (const s of t.sla) at.push(s.at);
  return at;
}

/** The index of the first value greater than `at` in ascending `values`. */
function firstAbove(values: readonly number[], at: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Windows that do not overlap, by start: their starts, ends, and places in the windows given. */
interface Layer {
  starts: number[];
  ends: number[];
  index: number[];
}

/**
 * Windows sorted into layers of windows that do not overlap (the trend's days are one layer, the
 * period another), so the windows holding an instant are found by one binary search per layer.
 */
function layers(windows: readonly Window[]): Layer[] {
  const out: Layer[] = [];
  const order = windows.map((_, i) => i).sort((a, b) => windows[a]!.start - windows[b]!.start);
  for (const i of order) {
    const w = windows[i]!;
    let layer = out.find((l) => l.ends.at(-1)! <= w.start);
    if (!layer) out.push((layer = { starts: [], ends: [], index: [] }));
    layer.starts.push(w.start);
    layer.ends.push(w.end);
    layer.index.push(i);
  }
  return out;
}

/** The stretches [from, to) of the ticket's life (from its creation) during which it was unsolved. */
function unsolvedStretches(t: Timeline): [number, number][] {
  const out: [number, number][] = [];
  let from = t.createdAt;
  let status = statusAt(t, t.createdAt)!;
  for (const c of t.statuses) {
    if (c.at <= t.createdAt) continue;
    if (isUnsolved(status)) out.push([from, c.at]);
    from = c.at;
    status = c.to;
  }
  if (isUnsolved(status)) out.push([from, Infinity]);
  return out;
}

/**
 * Places timelines, one at a time, in the windows they can count in, and counts every window's
 * backlog as it goes: a report fed a slice of tickets at a time (compute.ts) keeps no timeline.
 */
export interface WindowPlacer {
  /** Calls `visit` once with the index of each window `t` can count in. */
  place(t: Timeline, visit: (window: number) => void): void;
  /** Each window's backlog over the timelines placed so far. */
  backlogs(): number[];
  /** Calls `visit` with the index of each window holding instant `at` (where an answer given then counts). */
  holding(at: number, visit: (window: number) => void): void;
}

export function windowPlacer(windows: readonly Window[]): WindowPlacer {
  const byLayer = layers(windows);
  // The last instant of every window, ascending, and how many stretches cover each (as differences).
  const lastInstants = [...new Set(windows.map((w) => w.end - 1))].sort((a, b) => a - b);
  const covering = new Array<number>(lastInstants.length + 1).fill(0);
  const placed = new Array<boolean>(windows.length);
  const holding = (at: number, visit: (window: number) => void) => {
    for (const layer of byLayer) {
      const k = firstAbove(layer.starts, at) - 1;
      if (k >= 0 && at < layer.ends[k]!) visit(layer.index[k]!);
    }
  };
  return {
    holding,
    place(t, visit) {
      placed.fill(false);
      for (const at of countedInstants(t))
        holding(at, (w) => {
          // Once per window; a ticket created at or after a window's end never counts in it.
          if (placed[w] || t.createdAt >= windows[w]!.end) return;
          placed[w] = true;
          visit(w);
        });
      for (const [from, to] of unsolvedStretches(t)) {
        covering[firstAbove(lastInstants, from - 1)]!++;
        covering[firstAbove(lastInstants, to - 1)]!--;
      }
    },
    backlogs() {
      const backlogAt = new Map<number, number>();
      let running = 0;
      lastInstants.forEach((at, i) => backlogAt.set(at, (running += covering[i]!)));
      return windows.map((w) => backlogAt.get(w.end - 1)!);
    },
  };
}
