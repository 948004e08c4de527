/**
 * A reply written without having seen the newest messages (shared/sync/mutators.ts, 'newerMessages').
 * The composer checks before sending what the server would check on receipt, so an agent online
 * reads a customer's new message before answering the old one; a reply sent offline is checked by
 * the server and comes back as a sync issue carrying those messages.
 */
import type { z } from 'zod';
import type { SyncIssue, ThreadMessage } from '../../../../shared/contract/channels.ts';
import { STALE_REPLY_FIELD, type UnseenMessage } from '../../../../shared/sync/mutators.ts';

type Message = Pick<z.infer<typeof ThreadMessage>, 'id' | 'kind' | 'authorId' | 'createdAt' | 'body'>;

/** Of two message ids, the one further down the thread (what the person has seen the most of). */
export function laterOf(thread: readonly Pick<Message, 'id'>[], a: string | null, b: string | null): string | null {
  const at = (id: string | null) => (id === null ? -1 : thread.findIndex((m) => m.id === id));
  return at(b) > at(a) ? b : a;
}

/** A sync issue for a reply the server held back, with what it held it back for; null for any other issue. */
export function heldBackReply(issue: SyncIssue): { ticketId: string; newer: UnseenMessage[]; body: string } | null {
  if (issue.kind !== 'conflict' || issue.mutationName !== 'message.append') return null;
  const detail = issue.conflicts.find((c) => c.field === STALE_REPLY_FIELD);
  if (!detail || !Array.isArray(detail.theirs) || typeof detail.mine !== 'string') return null;
  return { ticketId: detail.entityId, newer: detail.theirs as unknown as UnseenMessage[], body: detail.mine };
}
