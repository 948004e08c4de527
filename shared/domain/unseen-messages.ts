/**
 * What a reply would answer without having read: the customer's and colleagues' messages after the
 * last one the person saw. Internal notes, system events and the person's own messages do not
 * count (a second reply queued offline is not news to its writer). A seen message no longer in
 * the thread (merged away) cannot be placed, so nothing counts then. The composer asks this before
 * sending; message.append asks it again where the reply is applied (shared/sync/mutators.ts).
 */
import type { Message } from './records.ts';

type ThreadEntry = Pick<Message, 'id' | 'kind' | 'authorId'>;

export function unseenMessages<M extends ThreadEntry>(
  thread: readonly M[],
  seenMessageId: string | null,
  personId: string | null,
): (M & { kind: 'inbound' | 'reply' })[] {
  const seenAt = seenMessageId === null ? -1 : thread.findIndex((m) => m.id === seenMessageId);
  if (seenMessageId !== null && seenAt < 0) return [];
  return thread
    .slice(seenAt + 1)
    .filter((m): m is M & { kind: 'inbound' | 'reply' } => (m.kind === 'inbound' || m.kind === 'reply') && m.authorId !== personId);
}
