/**
 * Figures over the tickets solved in a window: first contact resolution, reopen rate and
 * interactions per ticket; and the escalation rate over the tickets handled in it. Each looks at
 * the ticket's log up to the window's end.
 */
import type { FcrDefinition } from './query.ts';
import { ratio } from './stats.ts';
import type { Timeline } from './timeline.ts';
import { solvedIn } from './volume.ts';
import { within, type Window } from './window.ts';

const before = (ats: readonly number[], end: number) => ats.filter((at) => at < end).length;

/** `one_reply`: at most one public agent reply. `no_follow_up`: at most one customer message. */
export function isFirstContact(t: Timeline, w: Window, definition: FcrDefinition): boolean {
  if (definition === 'one_reply') return t.replies.filter((r) => r.at < w.end).length <= 1;
  return before(t.inbound, w.end) <= 1;
}

export interface ResolutionCounts {
  solved: number;
  firstContact: number;
  reopened: number;
  /** Public agent replies (up to the window's end) on the tickets solved in it. */
  replies: number;
  handled: number;
  escalated: number;
}

export function resolutionCounts(timelines: readonly Timeline[], w: Window, definition: FcrDefinition): ResolutionCounts {
  const solved = timelines.filter((t) => solvedIn(t, w));
  // Handled: solved in the window, or answered in it by a public agent reply.
  const handled = timelines.filter((t) => solvedIn(t, w) || t.replies.some((r) => within(r.at, w)));
  return {
    solved: solved.length,
    firstContact: solved.filter((t) => isFirstContact(t, w, definition)).length,
    reopened: solved.filter((t) => before(t.reopens, w.end) > 0).length,
    replies: solved.reduce((sum, t) => sum + t.replies.filter((r) => r.at < w.end).length, 0),
    handled: handled.length,
    escalated: handled.filter((t) => t.escalations.some((at) => within(at, w))).length,
  };
}

export function resolutionFiguresOf({ solved, firstContact, reopened, replies, handled, escalated }: ResolutionCounts) {
  return {
    fcr: { solved, firstContact, rate: ratio(firstContact, solved) },
    reopen: { solved, reopened, rate: ratio(reopened, solved) },
    interactions: { solved, replies, perTicket: ratio(replies, solved) },
    escalation: { handled, escalated, rate: ratio(escalated, handled) },
  };
}

/** Public agent replies written in the window. */
export function repliesIn(timelines: readonly Timeline[], w: Window): number {
  return timelines.reduce((sum, t) => sum + t.replies.filter((r) => within(r.at, w)).length, 0);
}
