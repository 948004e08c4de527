/**
 * Global search over tickets, messages, contacts, accounts and articles. Every query is bounded:
 * FTS5 walks matches in rowid order (newest document first) and stops after `limit`, so a word
 * found in a quarter of the index costs the same as a rare one; nothing ranks the whole match set.
 *
 * A ticket or message hit names its ticket (number, status) and the ticket's requester, so an
 * agent finds a customer by a word from one of their messages.
 *
 * Tickets and messages live in search_index, contacts, accounts and articles in directory_index
 * (migration 006): a kind filter (`kind : …`) costs a walk of the `kind` column's doclist, as long
 * as its table, so search_index is asked without one unless a single one of its kinds is wanted.
 *
 * Grouped (the palette), every kind with matches shows, however many newer matches another kind
 * of its table has: a table's shared read that is cut off asks each short kind on its own. Each
 * group comes with its total (counted to COUNT_LIMIT) so the palette can offer the rest. A query
 * that is a ticket number finds that ticket, first among the tickets.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { SearchHit, SearchTotal } from '../../../../shared/contract/channels.ts';
import type { TicketStatus } from '../../../../shared/domain/enums.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, ticketNumberIn } from '../../../../shared/search/text.ts';
import { searchMatch } from '../../search/match.ts';
import { SEARCH_TABLE, type SearchDocKind, type SearchTable } from '../../search/search-writer.ts';

// Tokens around a match; a CJK character is one token, so this is also ~24 Chinese characters.
const SNIPPET_TOKENS = 24;
const snippetOf = (table: SearchTable, column: 'title' | 'body') =>
  `snippet(${table}, ${column === 'title' ? 1 : 2}, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', ${SNIPPET_TOKENS})`;
// The body's words around the match, or the title's when the body has none. Not column -1 (FTS5
// picks the column with the most matching phrases): with a kind filter in the query, the kind
// column itself ties with a one-word match and wins, and the snippet read just "message".
const snippet = (table: SearchTable) =>
  `CASE WHEN instr(${snippetOf(table, 'body')}, '${HIGHLIGHT_START}') > 0 THEN ${snippetOf(table, 'body')} ELSE ${snippetOf(table, 'title')} END`;

/**
 * A status filter cannot stop at the first `limit` matches (most may have other statuses), so it
 * looks at no more than this many of the newest matches: still bounded (warm, under 13 ms for any
 * prefix of the bench's common words over 1M messages; 0.3 ms for most).
 */
export const STATUS_SCAN_LIMIT = 5000;

/** Group order when hits come per kind: the palette shows them in this order. */
export const SEARCH_KINDS: readonly SearchDocKind[] = ['ticket', 'message', 'contact', 'account', 'article'];
const HAS_STATUS: ReadonlySet<SearchDocKind> = new Set(['ticket', 'message']);
const KINDS_IN: Readonly<Record<SearchTable, readonly SearchDocKind[]>> = {
  search_index: SEARCH_KINDS.filter((k) => SEARCH_TABLE[k] === 'search_index'),
  directory_index: SEARCH_KINDS.filter((k) => SEARCH_TABLE[k] === 'directory_index'),
};

/**
 * Grouped, tickets and messages come from one MATCH on search_index with no kind filter, split by
 * kind here: it reads this many times the per-kind limit of the newest matches. A ticket's document
 * is usually older than its messages' (written first, kept while its text is unchanged), so when
 * that read is cut off short of `limit` tickets, the tickets are asked for on their own.
 */
export const GROUPED_SCAN_FACTOR = 25;

/** A kind's total is counted up to this many matches; beyond, it is shown as "at least". */
export const COUNT_LIMIT = 500;

export interface SearchOptions {
  /** Only ticket and message hits whose ticket has one of these statuses; other kinds are left out. */
  statuses?: readonly TicketStatus[];
  /** `limit` for each kind, grouped in SEARCH_KINDS order, instead of `limit` newest in all. */
  perKind?: boolean;
  /** Grouped, skip each kind's first `offset` hits: the next page of a kind shown alone. */
  offset?: number;
}

interface Row {
  doc_id: number;
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
  d.doc_id, d.kind, d.ref_id, d.ticket_id, d.at,
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
  const newestIn = (table: SearchTable): Statement<[string, number], Row> =>
    db.prepare(`
    SELECT ${DESCRIBE}, m.snippet
    FROM (
      SELECT rowid, ${snippet(table)} AS snippet
      FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT ?
    ) m
    JOIN search_docs d ON d.doc_id = m.rowid
    LEFT JOIN tickets t ON t.id = d.ticket_id
    ORDER BY m.rowid DESC`);
  const newest: Record<SearchTable, Statement<[string, number], Row>> = {
    search_index: newestIn('search_index'),
    directory_index: newestIn('directory_index'),
  };

  // With a status filter the scan cannot stop at the first `limit` matches, so it is bounded below
  // by the STATUS_SCAN_LIMIT-th newest match (a rowid-only walk, no snippets); FTS5 takes the rowid
  // range, and snippet() runs only for the rows the filter keeps. Only tickets and messages have a
  // status, so only search_index is asked.
  const withStatus: Statement<{ match: string; scan: number; statuses: string; limit: number }, Row> = db.prepare(`
    SELECT ${DESCRIBE}, ${snippet('search_index')} AS snippet
    FROM search_index s
    JOIN search_docs d ON d.doc_id = s.rowid
    JOIN tickets t ON t.id = d.ticket_id
    WHERE search_index MATCH @match
      AND s.rowid >= coalesce((SELECT rowid FROM search_index WHERE search_index MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET @scan), 0)
      AND t.status IN (SELECT value FROM json_each(@statuses))
    ORDER BY s.rowid DESC LIMIT @limit`);

  const countIn: Record<SearchTable, Statement<[string, number], number>> = {
    search_index: db
      .prepare<[string, number], number>('SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?)')
      .pluck(),
    directory_index: db
      .prepare<[string, number], number>('SELECT count(*) FROM (SELECT rowid FROM directory_index WHERE directory_index MATCH ? LIMIT ?)')
      .pluck(),
  };
  const countWithStatus = db
    .prepare<{ match: string; statuses: string; limit: number }, number>(
      `SELECT count(*) FROM (
         SELECT s.rowid FROM search_index s
         JOIN search_docs d ON d.doc_id = s.rowid
         JOIN tickets t ON t.id = d.ticket_id
         WHERE search_index MATCH @match AND t.status IN (SELECT value FROM json_each(@statuses))
         LIMIT @limit)`,
    )
    .pluck();
  const byNumber: Statement<[number], Row> = db.prepare(`
    SELECT ${DESCRIBE}, t.subject AS snippet
    FROM tickets t
    JOIN search_docs d ON d.kind = 'ticket' AND d.ref_id = t.id
    WHERE t.number = ?`);

  /** The ticket a number names, if the query is one (and the status filter keeps it). */
  function numbered(q: string, statuses: readonly TicketStatus[]): Row[] {
    const n = ticketNumberIn(q);
    if (n === null) return [];
    return byNumber.all(n).filter((r) => statuses.length === 0 || (r.ticket_status !== null && statuses.includes(r.ticket_status)));
  }

  /** How many documents of `kind` match `q`, up to COUNT_LIMIT. */
  function total(kind: SearchDocKind, q: string, statuses: readonly TicketStatus[]): SearchTotal {
    const table = SEARCH_TABLE[kind];
    const match = searchMatch(q, KINDS_IN[table].length === 1 ? [] : [kind]);
    if (!match) return { kind, count: 0, capped: false };
    const count =
      statuses.length && HAS_STATUS.has(kind)
        ? countWithStatus.get({ match, statuses: JSON.stringify(statuses), limit: COUNT_LIMIT + 1 })
        : countIn[table].get(match, COUNT_LIMIT + 1);
    return { kind, count: Math.min(count ?? 0, COUNT_LIMIT), capped: (count ?? 0) > COUNT_LIMIT };
  }

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

  /** The newest `limit` documents of `kinds` (all held by `table`) matching `q`. */
  function bounded(
    table: SearchTable,
    q: string,
    kinds: readonly SearchDocKind[],
    limit: number,
    statuses: readonly TicketStatus[],
  ): Row[] {
    if (kinds.length === 0) return [];
    // Every kind of the table needs no kind clause (cheaper); a subset does.
    const match = searchMatch(q, kinds.length === KINDS_IN[table].length ? [] : kinds);
    if (!match) return [];
    if (statuses.length === 0) return newest[table].all(match, limit);
    return withStatus.all({ match, scan: STATUS_SCAN_LIMIT, statuses: JSON.stringify(statuses), limit });
  }

  /**
   * The newest `limit` matches of each of `kinds` (all in `table`): one read of `scan` matches split
   * by kind; a read that was cut off asks each kind it left short on its own, so a kind with older
   * matches (accounts behind their many contacts) still shows.
   */
  function perKind(
    table: SearchTable,
    q: string,
    kinds: readonly SearchDocKind[],
    limit: number,
    scan: number,
    statuses: readonly TicketStatus[],
  ): Row[] {
    const rows = bounded(table, q, kinds, scan, statuses);
    if (kinds.length < 2 || rows.length < scan) return rows;
    for (const kind of kinds) {
      if (rows.filter((r) => r.kind === kind).length >= limit) continue;
      const seen = new Set(rows.map((r) => r.doc_id));
      rows.push(...bounded(table, q, [kind], limit, statuses).filter((r) => !seen.has(r.doc_id)));
    }
    return rows;
  }

  /** The number's ticket first, then the other hits without it. */
  const numberedFirst = (first: Row[], rows: Row[]) => [...first, ...rows.filter((r) => !first.some((f) => f.doc_id === r.doc_id))];

  return {
    query(
      q: string,
      kinds: readonly SearchDocKind[],
      limit: number,
      options: SearchOptions = {},
    ): { hits: SearchHit[]; totals: SearchTotal[] } {
      const statuses = options.statuses ?? [];
      // A page ends `end` hits into each kind: read that many newest (still bounded, by COUNT_LIMIT), show the last `limit`.
      const offset = options.offset ?? 0;
      const end = offset + limit;
      let wanted = kinds.length ? kinds : SEARCH_KINDS;
      // Contacts, accounts and articles have no status: a status filter leaves them out.
      if (statuses.length) wanted = wanted.filter((k) => HAS_STATUS.has(k));
      if (wanted.length === 0) return { hits: [], totals: [] };
      const records = KINDS_IN.search_index.filter((k) => wanted.includes(k));
      const directory = KINDS_IN.directory_index.filter((k) => wanted.includes(k));
      const ticket = wanted.includes('ticket') ? numbered(q, statuses) : [];
      if (!options.perKind) {
        // The newest `limit` of each table, merged: doc ids grow with insertion across both.
        const rows = [
          ...bounded('search_index', q, records, limit, statuses),
          ...bounded('directory_index', q, directory, limit, statuses),
        ].sort((a, b) => b.doc_id - a.doc_id);
        return { hits: numberedFirst(ticket, rows).slice(0, limit).map(toHit), totals: [] };
      }
      const rows = [
        ...perKind('search_index', q, records, end, records.length > 1 ? end * GROUPED_SCAN_FACTOR : end, statuses),
        ...perKind('directory_index', q, directory, end, end * directory.length, statuses),
      ].sort((a, b) => b.doc_id - a.doc_id);
      const groups = SEARCH_KINDS.filter((k) => wanted.includes(k)).map((kind) => {
        const ofKind = rows.filter((r) => r.kind === kind);
        const all = kind === 'ticket' ? numberedFirst(ticket, ofKind) : ofKind;
        const shown = all.slice(offset, end);
        // Counted only when the page is full: otherwise what it shows is all there is.
        const counted = all.length > end || (all.length === end && ofKind.length >= end) ? total(kind, q, statuses) : null;
        const count = Math.max(counted?.count ?? all.length, all.length);
        return { shown, total: { kind, count, capped: counted?.capped ?? false } };
      });
      return { hits: groups.flatMap((g) => g.shown.map(toHit)), totals: groups.map((g) => g.total) };
    },
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
