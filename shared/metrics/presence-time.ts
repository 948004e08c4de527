/**
 * Available time and break time per person (docs/metrics.md, "Available and break time"): from
 * the kept presence changes (`presence_event`), the time within a span each person's presence was
 * `online` (available to take work) and `on_break`. A status holds from its change until the next
 * one; before someone's first change they count as offline. Changes at the same instant apply in
 * id order, so the last one written is the one that holds.
 */
import type { Presence } from '../routing/decide.ts';
import { inLogOrder } from '../domain/log-order.ts';

export interface PresenceChange {
  id: string;
  userId: string;
  status: Presence;
  at: number;
}

export interface PresenceTime {
  availableMs: number;
  breakMs: number;
}

/** Per person with any change before `to`: their available and break time within [from, to). */
export function presenceTime(changes: Iterable<PresenceChange>, from: number, to: number): Map<string, PresenceTime> {
  const byUser = new Map<string, PresenceChange[]>();
  for (const c of changes) {
    if (c.at >= to) continue;
    let list = byUser.get(c.userId);
    if (!list) byUser.set(c.userId, (list = []));
    list.push(c);
  }
  const out = new Map<string, PresenceTime>();
  for (const [userId, list] of byUser) {
    list.sort(inLogOrder);
    const time: PresenceTime = { availableMs: 0, breakMs: 0 };
    list.forEach((change, i) => {
      const start = Math.max(change.at, from);
      const end = Math.min(list[i + 1]?.at ?? to, to);
      if (end <= start) return;
      if (change.status === 'online') time.availableMs += end - start;
      else if (change.status === 'on_break') time.breakMs += end - start;
    });
    out.set(userId, time);
  }
  return out;
}
