/**
 * The server search of threads outside a console's window (server/sync/history.ts) looks words up
 * in a trigram index on message bodies (migration 8), on PostgreSQL and on PGlite alike.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { backends, type TestDb } from '../testing/backends.ts';

describe.each(backends)('the message search index on $name', (backend) => {
  let t: TestDb;
  afterEach(() => t.dispose());

  it('compares Chinese and English text by trigrams', async () => {
    t = await backend.open();
    const { rows } = await t.db.query<{ same: number; other: number; english: number }>(
      `SELECT public.similarity('我要退款申请', '退款申请') AS same, public.similarity('我要退款申请', '发票问题') AS other,
              public.similarity('refund request', 'refund') AS english`,
    );
    expect(rows[0]!.same).toBeGreaterThan(0.3);
    expect(rows[0]!.other).toBe(0);
    expect(rows[0]!.english).toBeGreaterThan(0.3);
  });

  it('answers a substring search of message bodies from the index, not a walk of the tenant', async () => {
    t = await backend.open();
    // One tenant's 5,000 messages, as the planner would see them on a live server.
    const tenant = '0190e7a0-0000-7000-8000-000000000001';
    await t.db.exec(`
      INSERT INTO records (tenant_id, entity, id, scope, scope_kind, version, data)
      SELECT '${tenant}', 'message', gen_random_uuid(), '${tenant}', 'tenant', n,
             jsonb_build_object('body', 'Order ' || n || ' arrived late, 订单 ' || n || ' 晚到了 ' || md5(n::text))
        FROM generate_series(1, 5000) n`);
    // As autovacuum leaves it on a live server: the GIN index's pending list merged, statistics fresh.
    await t.db.exec('VACUUM ANALYZE records');
    const plan = await t.db.transaction(async (q) => {
      const { rows } = await q.query<Record<string, string>>(
        `EXPLAIN SELECT id FROM records WHERE tenant_id = '${tenant}' AND entity = 'message' AND NOT deleted
          AND data ->> 'body' ILIKE '%退款申请%' AND data ->> 'body' ILIKE '%invoice%'`,
      );
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('records_message_body_trgm');
  });
});
