/**
 * How a macro reaches the composer without the ticket page knowing about macros: the picker puts
 * the rendered text here, and the composer of that ticket takes it into its draft (appended after
 * what the agent already wrote, never replacing it), so the agent can still edit before sending.
 */
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { SubmitAs, TicketDraft } from '../../../../shared/contract/channels.ts';

export interface ComposerInsert {
  ticketId: string;
  mode: TicketDraft['mode'];
  text: string;
  /** The status the reply is to be submitted as; null leaves the composer's choice alone. */
  submitAs: SubmitAs | null;
}

export const useComposerInserts = create<{ pending: ComposerInsert | null; insert(next: ComposerInsert): void; clear(): void }>()(
  (set) => ({
    pending: null,
    insert: (pending) => set({ pending }),
    clear: () => set({ pending: null }),
  }),
);

/** The draft after an insert: the macro's mode, its text after a blank line, its "submit as" if it has one. */
export function withInsert(draft: TicketDraft, insert: ComposerInsert): Partial<TicketDraft> {
  const before = draft.body.trimEnd();
  return {
    mode: insert.mode,
    body: before === '' ? insert.text : `${before}\n\n${insert.text}`,
    ...(insert.submitAs ? { submitAs: insert.submitAs } : {}),
  };
}

/** For the composer of `ticketId`: calls `take` with each insert meant for it, once. */
export function useComposerInsert(ticketId: string, take: (insert: ComposerInsert) => void): void {
  const latest = useRef(take);
  useEffect(() => {
    latest.current = take;
  });
  const pending = useComposerInserts((s) => s.pending);
  useEffect(() => {
    if (pending?.ticketId !== ticketId) return;
    useComposerInserts.getState().clear();
    latest.current(pending);
  }, [pending, ticketId]);
}
