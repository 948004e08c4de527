/**
 * Drafts (migration 004): the composer's unsent text per person and ticket, on this device only.
 * Saving an empty body removes the row, so the table only ever holds text worth restoring.
 */
import type { Database } from 'better-sqlite3';
import type { TicketDraft } from '../../../../shared/contract/channels.ts';

interface DraftRow {
  mode: TicketDraft['mode'];
  body: string;
  submit_as: TicketDraft['submitAs'];
}

export function createDraftsRepository(db: Database, currentUserId: () => string | null, now: () => number = Date.now) {
  const select = db.prepare<[string, string], DraftRow>('SELECT mode, body, submit_as FROM drafts WHERE user_id = ? AND ticket_id = ?');
  const upsert = db.prepare<[string, string, string, string, string | null, number]>(`
    INSERT INTO drafts (user_id, ticket_id, mode, body, submit_as, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (user_id, ticket_id) DO UPDATE SET mode = excluded.mode, body = excluded.body,
      submit_as = excluded.submit_as, updated_at = excluded.updated_at`);
  const remove = db.prepare<[string, string]>('DELETE FROM drafts WHERE user_id = ? AND ticket_id = ?');
  const owner = () => currentUserId() ?? '';

  return {
    get(ticketId: string): TicketDraft | null {
      const row = select.get(owner(), ticketId);
      return row ? { mode: row.mode, body: row.body, submitAs: row.submit_as } : null;
    },
    save(ticketId: string, draft: TicketDraft): void {
      if (draft.body.trim() === '') remove.run(owner(), ticketId);
      else upsert.run(owner(), ticketId, draft.mode, draft.body, draft.submitAs, now());
    },
    clear(ticketId: string): void {
      remove.run(owner(), ticketId);
    },
  };
}

export type DraftsRepository = ReturnType<typeof createDraftsRepository>;
