/**
 * Where a message the person wrote stands: pending while only this console has it, sent once the
 * server acknowledged it (it then has a version), failed when a sync issue names its mutation (by
 * the outbox id Core answered with). Messages from before this session that the server has long
 * had show nothing.
 */
import type { z } from 'zod';
import type { SyncIssue, SyncStatus, ThreadMessage } from '../../../../shared/contract/channels.ts';
import type { SentMark } from './outgoing-store.tsx';

export type Delivery = 'pending' | 'sent' | 'failed';

export function deliveryOf(
  message: Pick<z.infer<typeof ThreadMessage>, 'id' | 'kind' | 'authorId' | 'version'>,
  context: {
    meId: string | null;
    connection: SyncStatus['connection'] | null;
    issues: readonly Pick<SyncIssue, 'mutationId'>[];
    /** The outbox id of a message sent in this session, null while Core has not answered. */
    sentThisSession: SentMark | undefined;
  },
): Delivery | null {
  if (message.kind !== 'reply' && message.kind !== 'note') return null;
  if (message.authorId === null || message.authorId !== context.meId) return null;
  const mutationId = context.sentThisSession?.mutationId ?? null;
  const failed = mutationId !== null && context.issues.some((i) => i.mutationId === mutationId);
  if (failed) return 'failed';
  if (message.version === 0) return context.connection === 'local' ? null : 'pending';
  return context.sentThisSession ? 'sent' : null;
}
