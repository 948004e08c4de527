/**
 * Keeps the full-text index in step with the records, called from code in the same transaction as
 * each write rather than by triggers: the index holds indexableText() (CJK characters spaced into
 * tokens), which SQL alone cannot compute, and one prepared INSERT per document is cheaper than a
 * trigger calling back into JavaScript (bench/fts-code-vs-triggers.ts measures it).
 *
 * Tickets and messages go to search_index, contacts, accounts and articles to directory_index
 * (migration 006 says why); search_docs hands out the doc ids of both, so they never collide.
 */
import type { Database, Statement } from 'better-sqlite3';
import { indexableText } from '../../../shared/search/text.ts';

export type SearchDocKind = 'ticket' | 'message' | 'contact' | 'account' | 'article';

/** The full-text table holding a kind's documents. */
export type SearchTable = 'search_index' | 'directory_index';

export const SEARCH_TABLE: Readonly<Record<SearchDocKind, SearchTable>> = {
  ticket: 'search_index',
  message: 'search_index',
  contact: 'directory_index',
  account: 'directory_index',
  article: 'directory_index',
};

export interface SearchDoc {
  kind: SearchDocKind;
  refId: string;
  /** The ticket a ticket or message document opens; null for the others. */
  ticketId: string | null;
  /** When the record last changed: shown with a hit. */
  at: number;
  title: string;
  body: string;
}

export interface SearchWriter {
  /** Adds or replaces the document of a record. */
  put(doc: SearchDoc): void;
  /** Adds the document of a record just created (skips the lookup put() does). */
  insert(doc: SearchDoc): void;
  remove(kind: SearchDocKind, refId: string): void;
}

export function createSearchWriter(db: Database): SearchWriter {
  const find: Statement<[string, string], { doc_id: number }> = db.prepare('SELECT doc_id FROM search_docs WHERE ref_id = ? AND kind = ?');
  const insertDoc = db.prepare('INSERT INTO search_docs (kind, ref_id, ticket_id, at) VALUES (?, ?, ?, ?)');
  const updateDoc = db.prepare('UPDATE search_docs SET ticket_id = ?, at = ? WHERE doc_id = ?');
  const deleteDoc = db.prepare('DELETE FROM search_docs WHERE doc_id = ?');
  const statements = (table: SearchTable) => ({
    insertText: db.prepare(`INSERT INTO ${table} (rowid, kind, title, body) VALUES (?, ?, ?, ?)`),
    deleteText: db.prepare(`DELETE FROM ${table} WHERE rowid = ?`),
    textOf: db.prepare(`SELECT title, body FROM ${table} WHERE rowid = ?`) as Statement<[number | bigint], { title: string; body: string }>,
  });
  const byTable = { search_index: statements('search_index'), directory_index: statements('directory_index') };
  const text = (kind: SearchDocKind) => byTable[SEARCH_TABLE[kind]];

  const insert = (doc: SearchDoc) => {
    const docId = insertDoc.run(doc.kind, doc.refId, doc.ticketId, doc.at).lastInsertRowid;
    text(doc.kind).insertText.run(docId, doc.kind, indexableText(doc.title), indexableText(doc.body));
  };

  return {
    insert,
    put(doc) {
      const existing = find.get(doc.refId, doc.kind);
      if (!existing) return insert(doc);
      const { insertText, deleteText, textOf } = text(doc.kind);
      updateDoc.run(doc.ticketId, doc.at, existing.doc_id);
      const title = indexableText(doc.title);
      const body = indexableText(doc.body);
      // Most changes to a record (a ticket's status, priority, assignee) leave its text alone, and
      // re-indexing unchanged text rewrites every token's entries in the index and its prefix
      // indexes: reading the stored text to compare costs a fraction of that.
      const current = textOf.get(existing.doc_id);
      if (current && current.title === title && current.body === body) return;
      deleteText.run(existing.doc_id);
      insertText.run(existing.doc_id, doc.kind, title, body);
    },
    remove(kind, refId) {
      const existing = find.get(refId, kind);
      if (!existing) return;
      text(kind).deleteText.run(existing.doc_id);
      deleteDoc.run(existing.doc_id);
    },
  };
}
