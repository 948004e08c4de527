import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createArticlesRepository } from '../../areas/knowledge/articles.ts';
import { createSearchRepository } from '../../areas/search/search.ts';
import { indexableText } from '../../../../shared/search/text.ts';
import { tempDir } from '../../testing/fixtures.ts';
import { openDatabase } from '../open.ts';
import { MIGRATIONS } from './index.ts';

const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('migration 006 (directory_search)', () => {
  it('moves contact, account and article documents out of search_index into directory_index', () => {
    const path = join(tempDir(), 'cache-v5.db');
    const before = openDatabase(path, { migrations: MIGRATIONS.slice(0, 5) });
    // Documents as a version-5 cache holds them: every kind in search_index, interleaved.
    const docs = [
      { kind: 'ticket', title: 'Refund for order', body: '' },
      { kind: 'contact', title: 'Refund Wang', body: 'wang@example.com 13800000000' },
      { kind: 'message', title: '', body: 'Please refund my order' },
      { kind: 'account', title: 'Refund Ltd', body: 'refund.example' },
      { kind: 'article', title: 'How refunds work', body: '退款将在三个工作日内到账' },
    ];
    const addDoc = before.prepare('INSERT INTO search_docs (doc_id, kind, ref_id, ticket_id, at) VALUES (?, ?, ?, ?, ?)');
    const addText = before.prepare('INSERT INTO search_index (rowid, kind, title, body) VALUES (?, ?, ?, ?)');
    before.transaction(() => {
      docs.forEach((d, i) => {
        addDoc.run(i + 1, d.kind, id(i + 1), d.kind === 'ticket' || d.kind === 'message' ? id(1) : null, i + 1);
        addText.run(i + 1, d.kind, indexableText(d.title), indexableText(d.body));
      });
    })();
    before.close();

    const db = openDatabase(path);
    const kindsIn = (table: string) => db.prepare(`SELECT rowid, kind FROM ${table} ORDER BY rowid`).raw().all() as [number, string][];
    expect(kindsIn('search_index')).toEqual([
      [1, 'ticket'],
      [3, 'message'],
    ]);
    expect(kindsIn('directory_index')).toEqual([
      [2, 'contact'],
      [4, 'account'],
      [5, 'article'],
    ]);
    // Moved whole: the text, its tokens (CJK too) and its doc id.
    const matching = (table: string, q: string) =>
      db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid`).pluck().all(q);
    expect(matching('search_index', 'refund*')).toEqual([1, 3]);
    expect(matching('directory_index', 'refund*')).toEqual([2, 4, 5]);
    expect(matching('directory_index', `"${indexableText('退款')}"`)).toEqual([5]);
    expect(matching('search_index', 'wang')).toEqual([]);

    const { hits } = createSearchRepository(db).query('refund', [], 10);
    expect(hits.map((h) => h.kind)).toEqual(['article', 'account', 'message', 'contact', 'ticket']);
    expect(createSearchRepository(db).query('wang', ['contact'], 10).hits).toMatchObject([{ kind: 'contact', id: id(2) }]);
    expect(createArticlesRepository(db).list({ query: '退款', cursor: null, limit: 10 }).rows).toEqual([]); // no kb_articles row
    expect(matching('directory_index', `"${indexableText('工作日')}"`)).toEqual([5]);
    db.close();
  });
});
