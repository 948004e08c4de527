/**
 * The message history a console keeps (the `historyMonths` setting): every unsolved ticket's
 * thread, and the threads of tickets updated in the last N months. Other tickets keep their row and
 * events, so queues, counts and metrics stay exact offline; only their message bodies leave the
 * cache, and come back from the server when the ticket is opened.
 */
import type { TicketStatus } from './enums.ts';
import { isUnsolved } from './ticket-status.ts';

/** The choices the settings screen offers; null keeps everything. */
export const HISTORY_MONTH_CHOICES = [3, 6, 12, 24] as const;

/** Tickets last updated before this instant (UTC calendar months back from `now`) are outside the window. */
export function historyCutoff(now: number, months: number): number {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  // The same day of that month, or its last day (31 March minus one month is 28 or 29 February).
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}

/** Whether the cache keeps this ticket's messages under a window of `months` (null: everything). */
export function keepsThread(ticket: { status: TicketStatus; updatedAt: number }, months: number | null, now: number): boolean {
  if (months === null) return true;
  if (isUnsolved(ticket.status)) return true;
  return ticket.updatedAt >= historyCutoff(now, months);
}
