import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { createSearchRepository } from '../areas/search/search.ts';
import { tempDir } from '../testing/fixtures.ts';
import { createSearchWriter } from './search-writer.ts';
import { HIGHLIGHT_START } from '../../../shared/search/text.ts';

const REF = '01900000-0000-7000-8000-000000000001';

describe('search writer', () => {
  it('replaces a record document on put and forgets it on remove', () => {
    const db = openDatabase(join(tempDir(), 'search.db'));
    const writer = createSearchWriter(db);
    const search = createSearchRepository(db);
    const doc = { kind: 'article' as const, refId: REF, ticketId: null, at: 1, title: 'Shipping times', body: '发货时间为三个工作日' };
    writer.put(doc);
    expect(search.query('shipping', [], 10).hits).toHaveLength(1);
    expect(search.query('工作日', [], 10).hits).toHaveLength(1);

    writer.put({ ...doc, title: 'Delivery times', at: 2 });
    expect(search.query('shipping', [], 10).hits).toHaveLength(0);
    expect(search.query('delivery', [], 10).hits).toMatchObject([{ kind: 'article', id: REF, at: 2 }]);
    expect(db.prepare('SELECT count(*) AS n FROM search_docs').get()).toEqual({ n: 1 });

    // Same text, newer record (a ticket whose status changed): the hit carries the new time.
    writer.put({ ...doc, title: 'Delivery times', at: 3 });
    expect(search.query('delivery', [], 10).hits).toMatchObject([{ id: REF, at: 3 }]);
    expect(db.prepare("SELECT count(*) AS n FROM directory_index WHERE directory_index MATCH 'delivery'").get()).toEqual({ n: 1 });

    writer.remove('article', REF);
    expect(search.query('delivery', [], 10).hits).toHaveLength(0);
    expect(db.prepare('SELECT count(*) AS n FROM directory_index').get()).toEqual({ n: 0 });
    db.close();
  });

  it('keeps tickets and messages in search_index and the other kinds in directory_index, with ids unique across both', () => {
    const db = openDatabase(join(tempDir(), 'tables.db'));
    const writer = createSearchWriter(db);
    const search = createSearchRepository(db);
    const ref = (n: number) => `01900000-0000-7000-8000-00000000000${n}`;
    writer.insert({ kind: 'ticket', refId: ref(1), ticketId: ref(1), at: 1, title: 'Parcel lost', body: '' });
    writer.insert({ kind: 'contact', refId: ref(2), ticketId: null, at: 2, title: 'Parcel Wang', body: 'wang@example.com' });
    writer.insert({ kind: 'message', refId: ref(3), ticketId: ref(1), at: 3, title: '', body: 'Where is my parcel?' });
    writer.put({ kind: 'account', refId: ref(4), ticketId: null, at: 4, title: 'Parcel Co', body: 'parcel.example' });
    const idsIn = (table: string) => db.prepare(`SELECT rowid FROM ${table} ORDER BY rowid`).pluck().all();
    expect(idsIn('search_index')).toEqual([1, 3]);
    expect(idsIn('directory_index')).toEqual([2, 4]);
    // Across all kinds the newest of both tables, merged by doc id; grouped, each kind in its group.
    expect(search.query('parcel', [], 3).hits.map((h) => h.kind)).toEqual(['account', 'message', 'contact']);
    expect(search.query('parcel', [], 10, { perKind: true }).hits.map((h) => h.kind)).toEqual(['ticket', 'message', 'contact', 'account']);
    expect(search.query('parcel', ['contact', 'message'], 10).hits.map((h) => h.id)).toEqual([ref(3), ref(2)]);
    expect(search.query('wang', [], 10).hits).toMatchObject([{ kind: 'contact', id: ref(2) }]);
    expect(search.query('parcel', [], 10, { perKind: true }).hits.every((h) => h.snippet.includes(HIGHLIGHT_START))).toBe(true);

    writer.put({ kind: 'contact', refId: ref(2), ticketId: null, at: 5, title: 'Li Wang', body: 'wang@example.com' });
    expect(idsIn('directory_index')).toEqual([2, 4]);
    expect(search.query('parcel', ['contact'], 10).hits).toEqual([]);
    writer.remove('ticket', ref(1));
    expect(idsIn('search_index')).toEqual([3]);
    db.close();
  });
});
