/**
 * Ticket status rules (DOMAIN.md), pure so the console applies them offline exactly as the server
 * does. Closed is final; nothing moves a ticket back to new.
 */
import type { TicketStatus } from './enums.ts';

export const UNSOLVED_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

export function isUnsolved(status: TicketStatus): boolean {
  return UNSOLVED_STATUSES.includes(status);
}

/** Statuses in which the resolution clock runs by default; pending (waiting on the customer) pauses it. */
export function resolutionClockRuns(status: TicketStatus): boolean {
  return status === 'new' || status === 'open' || status === 'on_hold';
}

export type TransitionCheck = { ok: true } | { ok: false; reason: 'closed_is_final' | 'cannot_return_to_new' | 'unchanged' };

/** Whether a person may set `to` on a ticket currently in `from`. */
export function checkTransition(from: TicketStatus, to: TicketStatus): TransitionCheck {
  if (from === to) return { ok: false, reason: 'unchanged' };
  if (from === 'closed') return { ok: false, reason: 'closed_is_final' };
  if (to === 'new') return { ok: false, reason: 'cannot_return_to_new' };
  return { ok: true };
}

/**
 * What a customer's message does to the ticket it arrives on: a solved ticket reopens, a ticket
 * waiting on the customer becomes open again, and a closed one stays closed while the message
 * opens a follow-up ticket linked to it.
 */
export type CustomerReplyOutcome = { kind: 'status'; status: TicketStatus } | { kind: 'follow_up' };

export function onCustomerReply(status: TicketStatus): CustomerReplyOutcome {
  switch (status) {
    case 'closed':
      return { kind: 'follow_up' };
    case 'solved':
    case 'pending':
    case 'on_hold':
      return { kind: 'status', status: 'open' };
    case 'new':
    case 'open':
      return { kind: 'status', status };
  }
}

/** The status a public agent reply leaves when the agent picks none: a new ticket becomes open. */
export function statusAfterAgentReply(status: TicketStatus, chosen?: TicketStatus): TicketStatus {
  if (chosen !== undefined && checkTransition(status, chosen).ok) return chosen;
  return status === 'new' ? 'open' : status;
}

/** Whether agents may still write on the ticket (replies, notes, field changes). */
export function isEditable(status: TicketStatus): boolean {
  return status !== 'closed';
}
