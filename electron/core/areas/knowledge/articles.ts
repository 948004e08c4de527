/** Knowledge-base articles: newest first, or the ones matching a query, and one article. */
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors.ts';
import { searchMatch } from '../../search/match.ts';
import { decodeCursor, encodeCursor } from '../../repositories/cursor.ts';
import { type Row, toKbArticle } from '../../repositories/rows.ts';

const EXCERPT_CHARS = 200;

export function createArticlesRepository(db: Database) {
  const getArticle = db.prepare('SELECT * FROM kb_articles WHERE id = ?');
  const COLUMNS = `k.id, k.tenant_id, k.version, k.created_at, k.updated_at, k.title, k.locale, k.tags, k.status, k.author_id,
    substr(k.body, 1, ${EXCERPT_CHARS + 1}) AS body`;
  const newest = db.prepare(`SELECT ${COLUMNS} FROM kb_articles k ORDER BY k.updated_at DESC, k.id DESC LIMIT ?`);
  const newestAfter = db.prepare(
    `SELECT ${COLUMNS} FROM kb_articles k WHERE (k.updated_at, k.id) < (?, ?) ORDER BY k.updated_at DESC, k.id DESC LIMIT ?`,
  );
  // Matches page along the index's rowid (newest document first), the cursor holding the last one.
  const matching = db.prepare(`
    SELECT ${COLUMNS}, m.rowid AS doc_id
    FROM (SELECT rowid FROM directory_index WHERE directory_index MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?) m
    JOIN search_docs d ON d.doc_id = m.rowid
    JOIN kb_articles k ON k.id = d.ref_id
    ORDER BY m.rowid DESC`);

  const toListItem = (r: Row) => {
    const { body, ...article } = toKbArticle(r);
    return { ...article, excerpt: body.length > EXCERPT_CHARS ? `${body.slice(0, EXCERPT_CHARS).trimEnd()}…` : body };
  };

  return {
    list({ query, cursor, limit }: { query: string; cursor: string | null; limit: number }) {
      const match = searchMatch(query, ['article']);
      if (match) {
        const before = cursor === null ? Number.MAX_SAFE_INTEGER : Number(decodeCursor(cursor, 'articles:match', ['number', 'string'])[0]);
        const rows = matching.all(match, before, limit + 1) as Row[];
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return {
          rows: page.map(toListItem),
          nextCursor: rows.length > limit && last ? encodeCursor('articles:match', [last.doc_id as number, last.id as string]) : null,
        };
      }
      const rows = (
        cursor === null
          ? newest.all(limit + 1)
          : newestAfter.all(...decodeCursor(cursor, 'articles:updated', ['number', 'string']), limit + 1)
      ) as Row[];
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        rows: page.map(toListItem),
        nextCursor: rows.length > limit && last ? encodeCursor('articles:updated', [last.updated_at as number, last.id as string]) : null,
      };
    },

    get(id: string) {
      const row = getArticle.get(id) as Row | undefined;
      if (!row) throw new AppError('NOT_FOUND', `no article ${id}`);
      return toKbArticle(row);
    },
  };
}

export type ArticlesRepository = ReturnType<typeof createArticlesRepository>;
