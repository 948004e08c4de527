/**
 * A reply written without having seen the newest messages (shared/sync/mutators.ts, 'newerMessages').
 * Core checks when the reply is sent what the server checks on receipt, and queues nothing when it
 * is stale, so an agent reads a customer's new message before answering the old one; a reply
 * queued offline is checked by the server and comes back as a sync issue carrying those messages.
 */
import type { SyncIssue } from '../../../../shared/contract/channels.ts';
import { STALE_REPLY_FIELD, type UnseenMessage } from '../../../../shared/areas/tickets/ticket-writes.ts';

/** A sync issue for a reply the server held back, with what it held it back for; null for any other issue. */
export function heldBackReply(issue: SyncIssue): { ticketId: string; newer: UnseenMessage[]; body: string } | null {
  if (issue.kind !== 'conflict' || issue.mutationName !== 'message.append') return null;
  const detail = issue.conflicts.find((c) => c.field === STALE_REPLY_FIELD);
  if (!detail || !Array.isArray(detail.theirs) || typeof detail.mine !== 'string') return null;
  return { ticketId: detail.entityId, newer: detail.theirs as unknown as UnseenMessage[], body: detail.mine };
}
