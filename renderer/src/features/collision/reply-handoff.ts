/**
 * Putting a held-back reply's text back where the person writes it ("Edit" on a stale reply): into
 * the open composer of that ticket if there is one (after what it already holds), else into the
 * ticket's stored draft (drafts channels), where the composer finds it when the ticket is opened.
 */
import { useEffect, useRef } from 'react';
import type { Api } from '../../../../shared/contract/api.ts';

type Taker = (text: string) => void;

/** The composers open now, by ticket: at most one per ticket (the ticket page's). */
const takers = new Map<string, Taker>();

/** For the composer of `ticketId`: takes handed-back text once its stored draft is loaded (`ready`). */
export function useReplyHandoff(ticketId: string, ready: boolean, take: Taker): void {
  const latest = useRef(take);
  useEffect(() => {
    latest.current = take;
  });
  useEffect(() => {
    if (!ready) return;
    const taker: Taker = (text) => latest.current(text);
    takers.set(ticketId, taker);
    return () => {
      if (takers.get(ticketId) === taker) takers.delete(ticketId);
    };
  }, [ticketId, ready]);
}

/** The text after what was there, a blank line between. */
export function appendText(before: string, text: string): string {
  const kept = before.trimEnd();
  return kept === '' ? text : `${kept}\n\n${text}`;
}

export async function handBackReply(api: Api, ticketId: string, text: string): Promise<void> {
  const taker = takers.get(ticketId);
  if (taker) return taker(text);
  const { draft } = await api.drafts.get({ ticketId });
  await api.drafts.save({
    ticketId,
    draft: { mode: 'reply', body: appendText(draft?.body ?? '', text), submitAs: draft?.submitAs ?? null },
  });
}
