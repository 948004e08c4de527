/**
 * What the person was writing on each ticket, kept in localStorage so a draft survives switching
 * tickets and restarting the app; cleared when it is sent. Read defensively: storage is shared with
 * older versions and may hold anything.
 */
import { z } from 'zod';
import { TicketStatus } from '../../../../shared/domain/enums.ts';

/** The statuses a public reply can be submitted as. */
export const SubmitAs = TicketStatus.extract(['open', 'pending', 'on_hold', 'solved']);
export type SubmitAs = z.infer<typeof SubmitAs>;

export const Draft = z.object({
  mode: z.enum(['reply', 'note']),
  body: z.string(),
  /** Null: the default for the ticket's status at send time. */
  submitAs: SubmitAs.nullable(),
});
export type Draft = z.infer<typeof Draft>;

const key = (ticketId: string) => `switchboard.draft.${ticketId}`;

export function loadDraft(ticketId: string, storage: Storage = localStorage): Draft | null {
  try {
    const raw = storage.getItem(key(ticketId));
    if (raw === null) return null;
    const parsed = Draft.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveDraft(ticketId: string, draft: Draft, storage: Storage = localStorage): void {
  try {
    if (draft.body === '') storage.removeItem(key(ticketId));
    else storage.setItem(key(ticketId), JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the draft lives on in the composer for this session.
  }
}

export function clearDraft(ticketId: string, storage: Storage = localStorage): void {
  storage.removeItem(key(ticketId));
}
