/**
 * Measures the two gap-free change-log designs of SYNC.md under concurrent writers on PostgreSQL
 * (docs/sync-protocol.md reports the figures):
 *   clock  — a per-tenant clock row bumped in each write transaction (its lock orders commits);
 *   xid    — bigserial + the writer's xid8, read only below pg_snapshot_xmin(pg_current_snapshot()).
 * Writers commit transactions of a few rows each; a reader follows the log the whole time, as
 * pull would, and reports how far behind the committed head it lags and whether it missed rows.
 *
 * With --stall-ms, another tenant keeps a slow write transaction open throughout (an import, a
 * long migration): the xid design cannot serve anything that commits after it started.
 *
 *   DATABASE_URL=postgres://… node server/bench/cursor-bench.ts [--writers 8] [--txs 200] [--rows 5] [--tenants 1] [--stall-ms 0]
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseArgs } from '../cli-args.ts';

const args = parseArgs(process.argv.slice(2), ['writers', 'txs', 'rows', 'tenants', 'stall-ms']);
const STALL_MS = Number(args.get('stall-ms') ?? 0);
const WRITERS = Number(args.get('writers') ?? 8);
const TXS = Number(args.get('txs') ?? 200);
const ROWS = Number(args.get('rows') ?? 5);
const TENANTS = Number(args.get('tenants') ?? 1);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('set DATABASE_URL: this compares PostgreSQL concurrency, which the embedded database does not have');
  process.exit(2);
}
const schema = `bench_${randomBytes(4).toString('hex')}`;
const pool = new pg.Pool({ connectionString: url, max: WRITERS + 2, options: `-c search_path=${schema}` });

interface Design {
  name: string;
  write(c: pg.PoolClient, tenant: number): Promise<void>;
  /** Rows after `cursor` that are safe to serve; returns them and the next cursor. */
  read(cursor: unknown, tenant: number): Promise<{ ids: number[]; cursor: unknown }>;
  start: unknown;
}

const payload = JSON.stringify({ subject: 'x'.repeat(200) });

const clock: Design = {
  name: 'clock row',
  start: 0,
  async write(c, tenant) {
    await c.query('BEGIN');
    const { rows } = await c.query<{ v: string }>('UPDATE clock SET v = v + 1 WHERE tenant = $1 RETURNING v', [tenant]);
    const v = Number(rows[0]?.v);
    await c.query('INSERT INTO log_clock (tenant, version, seq, data) SELECT $1, $2, s, $3::jsonb FROM generate_series(1, $4) s', [
      tenant,
      v,
      payload,
      ROWS,
    ]);
    await c.query('COMMIT');
  },
  async read(cursor, tenant) {
    const { rows } = await pool.query<{ id: string; version: string }>(
      'SELECT id, version FROM log_clock WHERE tenant = $1 AND version > $2 ORDER BY version, seq LIMIT 5000',
      [tenant, cursor],
    );
    return { ids: rows.map((r) => Number(r.id)), cursor: rows.length ? Number(rows.at(-1)?.version) : cursor };
  },
};

const xid: Design = {
  name: 'xid8 + snapshot xmin',
  start: ['0', 0],
  async write(c, tenant) {
    await c.query('BEGIN');
    await c.query('INSERT INTO log_xid (tenant, data) SELECT $1, $2::jsonb FROM generate_series(1, $3)', [tenant, payload, ROWS]);
    await c.query('COMMIT');
  },
  async read(cursor, tenant) {
    const [tx, id] = cursor as [string, number];
    const { rows } = await pool.query<{ id: string; txid: string }>(
      `SELECT id, txid::text FROM log_xid
        WHERE tenant = $1 AND (txid, id) > ($2::xid8, $3) AND txid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY txid, id LIMIT 5000`,
      [tenant, tx, id],
    );
    const last = rows.at(-1);
    return { ids: rows.map((r) => Number(r.id)), cursor: last ? [last.txid, Number(last.id)] : cursor };
  },
};

async function setUp(): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path TO ${schema}`);
  await admin.query(`
    CREATE TABLE clock (tenant int PRIMARY KEY, v bigint NOT NULL DEFAULT 0);
    CREATE TABLE log_clock (id bigserial PRIMARY KEY, tenant int NOT NULL, version bigint NOT NULL, seq int NOT NULL, data jsonb NOT NULL);
    CREATE INDEX ON log_clock (tenant, version, seq);
    CREATE TABLE log_xid (id bigserial PRIMARY KEY, tenant int NOT NULL, txid xid8 NOT NULL DEFAULT pg_current_xact_id(), data jsonb NOT NULL);
    CREATE INDEX ON log_xid (tenant, txid, id);`);
  await admin.query('INSERT INTO clock (tenant) SELECT generate_series(0, $1 - 1)', [TENANTS]);
  await admin.end();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

async function measure(design: Design): Promise<void> {
  const latencies: number[] = [];
  let done = false;
  const seen = new Set<number>();
  const lags: number[] = [];
  // The reader: like a client pulling in a loop, per tenant 0 (the busiest with one tenant).
  const reader = (async () => {
    let cursor = design.start;
    for (;;) {
      const finished = done;
      const page = await design.read(cursor, 0);
      for (const id of page.ids) seen.add(id);
      cursor = page.cursor;
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${design === clock ? 'log_clock' : 'log_xid'} WHERE tenant = 0`,
      );
      lags.push(Number(rows[0]?.n) - seen.size);
      if (finished && page.ids.length === 0) return;
    }
  })();
  // Another tenant's slow transaction (it has an xid, so it holds back every snapshot's xmin).
  const staller = (async () => {
    if (!STALL_MS) return;
    const c = await pool.connect();
    try {
      while (!done) {
        await c.query('BEGIN');
        await c.query('SELECT pg_current_xact_id()');
        await c.query('SELECT pg_sleep($1)', [STALL_MS / 1000]);
        await c.query('COMMIT');
      }
    } finally {
      c.release();
    }
  })();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const c = await pool.connect();
      try {
        for (let i = 0; i < TXS; i++) {
          const t0 = performance.now();
          await design.write(c, (w + i) % TENANTS);
          latencies.push(performance.now() - t0);
        }
      } finally {
        c.release();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  done = true;
  await Promise.all([reader, staller]);
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${design === clock ? 'log_clock' : 'log_xid'} WHERE tenant = 0`,
  );
  latencies.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  console.log(
    `${design.name.padEnd(22)} ${((WRITERS * TXS) / seconds).toFixed(0).padStart(6)} tx/s   commit p50 ${percentile(latencies, 50).toFixed(2)} ms  p99 ${percentile(latencies, 99).toFixed(2)} ms   reader lag p50 ${percentile(lags, 50)} rows  p99 ${percentile(lags, 99)} rows   still unservable when writers stopped: ${Number(rows[0]?.n) - seen.size} rows`,
  );
}

try {
  await setUp();
  console.log(
    `${WRITERS} writers x ${TXS} transactions x ${ROWS} rows, ${TENANTS} tenant(s)${STALL_MS ? `, a ${STALL_MS} ms transaction always open elsewhere` : ''}`,
  );
  await measure(clock);
  await measure(xid);
} finally {
  await pool.end();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
