/**
 * Global search over tickets, messages, contacts, accounts and articles. Every query is bounded:
 * FTS5 walks matches in rowid order (newest document first) and stops after `limit`, so a word
 * found in a quarter of the index costs the same as a rare one; nothing ranks the whole match set.
 *
 * A ticket or message hit names its ticket (number, status) and the ticket's requester, so an
 * agent finds a customer by a word from one of their messages.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { SearchHit } from '../../../shared/contract/channels.ts';
import type { TicketStatus } from '../../../shared/domain/enums.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../shared/search/text.ts';
import { searchMatch } from '../search/match.ts';
import type { SearchDocKind } from '../search/search-writer.ts';

// Tokens around a match; a CJK character is one token, so this is also ~24 Chinese characters.
const SNIPPET_TOKENS = 24;
const snippetOf = (column: 'title' | 'body') =>
  `snippet(search_index, ${column === 'title' ? 1 : 2}, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', ${SNIPPET_TOKENS})`;
// The body's words around the match, or the title's when the body has none. Not column -1 (FTS5
// picks the column with the most matching phrases): with a kind filter in the query, the kind
// column itself ties with a one-word match and wins, and the snippet read just "message".
const SNIPPET = `CASE WHEN instr(${snippetOf('body')}, '${HIGHLIGHT_START}') > 0 THEN ${snippetOf('body')} ELSE ${snippetOf('title')} END`;

/**
 * A status filter cannot stop at the first `limit` matches (most may have other statuses), so it
 * looks at no more than this many of the newest matches: still bounded (warm, under 13 ms for any
 * prefix of the bench's common words over 1M messages; 0.3 ms for most).
 */
export const STATUS_SCAN_LIMIT = 5000;

/** Group order when hits come per kind: the palette shows them in this order. */
export const SEARCH_KINDS: readonly SearchDocKind[] = ['ticket', 'message', 'contact', 'account', 'article'];
const PER_KIND_GROUPS: readonly (readonly SearchDocKind[])[] = [['ticket'], ['message'], ['contact', 'account', 'article']];
const HAS_STATUS: ReadonlySet<SearchDocKind> = new Set(['ticket', 'message']);

export interface SearchOptions {
  /** Only ticket and message hits whose ticket has one of these statuses; other kinds are left out. */
  statuses?: readonly TicketStatus[];
  /** `limit` for each kind, grouped in SEARCH_KINDS order, instead of `limit` newest in all. */
  perKind?: boolean;
}

interface Row {
  kind: SearchDocKind;
  ref_id: string;
  ticket_id: string | null;
  at: number;
  snippet: string;
  title: string | null;
  ticket_number: number | null;
  ticket_status: TicketStatus | null;
  requester_name: string | null;
}

// What a hit shows besides its snippet, for the document `d` (joined to its ticket `t`).
const DESCRIBE = `
  d.kind, d.ref_id, d.ticket_id, d.at,
  CASE d.kind
    WHEN 'ticket' THEN t.subject
    WHEN 'message' THEN t.subject
    WHEN 'contact' THEN (SELECT name FROM contacts WHERE id = d.ref_id)
    WHEN 'account' THEN (SELECT name FROM accounts WHERE id = d.ref_id)
    WHEN 'article' THEN (SELECT title FROM kb_articles WHERE id = d.ref_id)
  END AS title,
  t.number AS ticket_number, t.status AS ticket_status,
  (SELECT name FROM contacts WHERE id = t.requester_id) AS requester_name`;

export function createSearchRepository(db: Database) {
  const newest: Statement<[string, number], Row> = db.prepare(`
    SELECT ${DESCRIBE}, m.snippet
    FROM (
      SELECT rowid, ${SNIPPET} AS snippet
      FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?
    ) m
    JOIN search_docs d ON d.doc_id = m.rowid
    LEFT JOIN tickets t ON t.id = d.ticket_id
    ORDER BY m.rowid DESC`);

  // With a status filter the scan cannot stop at the first `limit` matches, so it is bounded below
  // by the STATUS_SCAN_LIMIT-th newest match (a rowid-only walk, no snippets); FTS5 takes the rowid
  // range, and snippet() runs only for the rows the filter keeps.
  const withStatus: Statement<{ match: string; scan: number; statuses: string; limit: number }, Row> = db.prepare(`
    SELECT ${DESCRIBE}, ${SNIPPET} AS snippet
    FROM search_index s
    JOIN search_docs d ON d.doc_id = s.rowid
    JOIN tickets t ON t.id = d.ticket_id
    WHERE search_index MATCH @match
      AND s.rowid >= coalesce((SELECT rowid FROM search_index WHERE search_index MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET @scan), 0)
      AND t.status IN (SELECT value FROM json_each(@statuses))
    ORDER BY s.rowid DESC LIMIT @limit`);

  const toHit = (r: Row): SearchHit => ({
    kind: r.kind,
    id: r.ref_id,
    ticketId: r.ticket_id,
    title: r.title ?? '',
    snippet: r.snippet,
    at: r.at,
    ticketNumber: r.ticket_number,
    ticketStatus: r.ticket_status,
    requesterName: r.requester_name,
  });

  function bounded(match: string, limit: number, statuses: readonly TicketStatus[]): Row[] {
    if (statuses.length === 0) return newest.all(match, limit);
    return withStatus.all({ match, scan: STATUS_SCAN_LIMIT, statuses: JSON.stringify(statuses), limit });
  }

  return {
    query(q: string, kinds: readonly SearchDocKind[], limit: number, options: SearchOptions = {}): SearchHit[] {
      const statuses = options.statuses ?? [];
      let wanted = kinds.length ? kinds : SEARCH_KINDS;
      // Contacts, accounts and articles have no status: a status filter leaves them out.
      if (statuses.length) wanted = wanted.filter((k) => HAS_STATUS.has(k));
      if (wanted.length === 0) return [];
      // Every kind at once needs no kind clause (cheaper); a subset does.
      const scope = (ks: readonly SearchDocKind[]) => (ks.length === SEARCH_KINDS.length ? [] : ks);
      if (!options.perKind) {
        const match = searchMatch(q, scope(wanted));
        return match ? bounded(match, limit, statuses).map(toHit) : [];
      }
      // One FTS query per group, not per kind: each query re-merges the doclists of every term the
      // last word is a prefix of, and contacts, accounts and articles (few documents, met late in a
      // newest-first walk of a common word) cost as much together as one of them alone.
      const hits: SearchHit[] = [];
      for (const group of PER_KIND_GROUPS) {
        const kindsOfGroup = group.filter((k) => wanted.includes(k));
        const match = kindsOfGroup.length ? searchMatch(q, kindsOfGroup) : null;
        if (!match) continue;
        const rows = bounded(match, limit * kindsOfGroup.length, statuses);
        for (const kind of kindsOfGroup)
          hits.push(
            ...rows
              .filter((r) => r.kind === kind)
              .slice(0, limit)
              .map(toHit),
          );
      }
      return hits;
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
