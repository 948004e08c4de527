/**
 * Global search over tickets, messages, contacts, accounts and articles. Every query is bounded:
 * FTS5 walks matches in rowid order (newest document first) and stops after `limit`, so a word
 * found in a quarter of the index costs the same as a rare one; nothing ranks the whole match set.
 */
import type { Database } from 'better-sqlite3';
import type { SearchHit } from '../../../shared/contract/channels.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../shared/search/text.ts';
import { searchMatch } from '../search/match.ts';
import type { SearchDocKind } from '../search/search-writer.ts';

// Tokens around a match; a CJK character is one token, so this is also ~24 Chinese characters.
const SNIPPET_TOKENS = 24;

export function createSearchRepository(db: Database) {
  // snippet() column -1 lets FTS5 pick the column (title or body) with the best match.
  const query = db.prepare(`
    SELECT d.kind, d.ref_id, d.ticket_id, d.at, m.snippet,
      CASE d.kind
        WHEN 'ticket' THEN (SELECT subject FROM tickets WHERE id = d.ref_id)
        WHEN 'message' THEN (SELECT subject FROM tickets WHERE id = d.ticket_id)
        WHEN 'contact' THEN (SELECT name FROM contacts WHERE id = d.ref_id)
        WHEN 'account' THEN (SELECT name FROM accounts WHERE id = d.ref_id)
        WHEN 'article' THEN (SELECT title FROM kb_articles WHERE id = d.ref_id)
      END AS title
    FROM (
      SELECT rowid, snippet(search_index, -1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', ${SNIPPET_TOKENS}) AS snippet
      FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?
    ) m
    JOIN search_docs d ON d.doc_id = m.rowid
    ORDER BY m.rowid DESC`);

  return {
    query(q: string, kinds: readonly SearchDocKind[], limit: number): SearchHit[] {
      const match = searchMatch(q, kinds);
      if (!match) return [];
      const rows = query.all(match, limit) as {
        kind: SearchDocKind;
        ref_id: string;
        ticket_id: string | null;
        at: number;
        snippet: string;
        title: string | null;
      }[];
      return rows.map((r) => ({ kind: r.kind, id: r.ref_id, ticketId: r.ticket_id, title: r.title ?? '', snippet: r.snippet, at: r.at }));
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
