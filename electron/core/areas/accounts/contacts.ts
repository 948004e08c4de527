/** Contacts: type-ahead lookup (through the full-text index) and one contact in context. */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors.ts';
import { searchMatch } from '../../search/match.ts';
import { type Row, toAccount, toContact } from '../../repositories/rows.ts';
import type { TicketsRepository } from '../tickets/tickets.ts';

export function createContactsRepository(db: Database, tickets: TicketsRepository) {
  const getContact = db.prepare('SELECT * FROM contacts WHERE id = ?');
  const getAccount = db.prepare('SELECT * FROM accounts WHERE id = ?');
  const find = db.prepare(`
    SELECT c.*, a.name AS account_name
    FROM (SELECT rowid FROM directory_index WHERE directory_index MATCH ? ORDER BY rowid DESC LIMIT ?) m
    JOIN search_docs d ON d.doc_id = m.rowid
    JOIN contacts c ON c.id = d.ref_id
    LEFT JOIN accounts a ON a.id = c.account_id
    ORDER BY m.rowid DESC`);

  return {
    /** Contacts whose name or email match every word typed (the last one as a prefix). */
    find(query: string, limit: number) {
      const match = searchMatch(query, ['contact']);
      if (!match) return [];
      return (find.all(match, limit) as Row[]).map((r) => ({ ...toContact(r), accountName: (r.account_name as string | null) ?? null }));
    },

    get(id: string) {
      const row = getContact.get(id) as Row | undefined;
      if (!row) throw new AppError('NOT_FOUND', `no contact ${id}`);
      const contact = toContact(row);
      const account = contact.accountId ? (getAccount.get(contact.accountId) as Row | undefined) : undefined;
      const recent = tickets.recent({ requesterIds: [id] }, 20);
      return { contact, account: account ? toAccount(account) : null, recentTickets: recent.rows, ticketCount: recent.total };
    },
  };
}

export type ContactsRepository = ReturnType<typeof createContactsRepository>;
