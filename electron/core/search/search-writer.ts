/**
 * Keeps the full-text index in step with the records, called from code in the same transaction as
 * each write rather than by triggers: the index holds indexableText() (CJK characters spaced into
 * tokens), which SQL alone cannot compute, and one prepared INSERT per document is cheaper than a
 * trigger calling back into JavaScript (bench/fts-code-vs-triggers.ts measures it).
 */
import type { Database, Statement } from 'better-sqlite3';
import { indexableText } from '../../../shared/search/text.ts';

export type SearchDocKind = 'ticket' | 'message' | 'contact' | 'account' | 'article';

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
  const insertText = db.prepare('INSERT INTO search_index (rowid, kind, title, body) VALUES (?, ?, ?, ?)');
  const deleteText = db.prepare('DELETE FROM search_index WHERE rowid = ?');
  const textOf: Statement<[number | bigint], { title: string; body: string }> = db.prepare(
    'SELECT title, body FROM search_index WHERE rowid = ?',
  );

  const insert = (doc: SearchDoc) => {
    const docId = insertDoc.run(doc.kind, doc.refId, doc.ticketId, doc.at).lastInsertRowid;
    insertText.run(docId, doc.kind, indexableText(doc.title), indexableText(doc.body));
  };

  return {
    insert,
    put(doc) {
      const existing = find.get(doc.refId, doc.kind);
      if (!existing) return insert(doc);
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
      deleteText.run(existing.doc_id);
      deleteDoc.run(existing.doc_id);
    },
  };
}
