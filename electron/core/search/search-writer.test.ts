import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.ts';
import { createSearchRepository } from '../repositories/search.ts';
import { tempDir } from '../testing/fixtures.ts';
import { createSearchWriter } from './search-writer.ts';

const REF = '01900000-0000-7000-8000-000000000001';

describe('search writer', () => {
  it('replaces a record document on put and forgets it on remove', () => {
    const db = openDatabase(join(tempDir(), 'search.db'));
    const writer = createSearchWriter(db);
    const search = createSearchRepository(db);
    const doc = { kind: 'article' as const, refId: REF, ticketId: null, at: 1, title: 'Shipping times', body: '发货时间为三个工作日' };
    writer.put(doc);
    expect(search.query('shipping', [], 10)).toHaveLength(1);
    expect(search.query('工作日', [], 10)).toHaveLength(1);

    writer.put({ ...doc, title: 'Delivery times', at: 2 });
    expect(search.query('shipping', [], 10)).toHaveLength(0);
    expect(search.query('delivery', [], 10)).toMatchObject([{ kind: 'article', id: REF, at: 2 }]);
    expect(db.prepare('SELECT count(*) AS n FROM search_docs').get()).toEqual({ n: 1 });

    // Same text, newer record (a ticket whose status changed): the hit carries the new time.
    writer.put({ ...doc, title: 'Delivery times', at: 3 });
    expect(search.query('delivery', [], 10)).toMatchObject([{ id: REF, at: 3 }]);
    expect(db.prepare("SELECT count(*) AS n FROM search_index WHERE search_index MATCH 'delivery'").get()).toEqual({ n: 1 });

    writer.remove('article', REF);
    expect(search.query('delivery', [], 10)).toHaveLength(0);
    expect(db.prepare('SELECT count(*) AS n FROM search_index').get()).toEqual({ n: 0 });
    db.close();
  });
});
