/**
 * POST /metrics and `server:admin -- metrics` on a demo tenant: supervisors and admins get the
 * report of their tenant, computed from PostgreSQL and held to plain SQL counts over the stored
 * records; anyone else, and every malformed query, is refused with a code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from '../../shared/demo/credentials.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { MetricsReport } from '../../shared/metrics/report.ts';
import { metricsQueryFromArgs } from '../admin/metrics-args.ts';
import { startServer, type RunningServer } from '../app.ts';
import { seedDemo, type DemoTenant } from '../demo/seed.ts';
import { backends, type TestDb } from '../testing/backends.ts';
import { post, type Reply } from '../testing/fixture.ts';
import { UsageError } from '../cli-args.ts';
import { newMarkerSecrets } from '../store/server-marker.ts';
import { computeMetrics, startReport } from '../../shared/metrics/compute.ts';
import { gatherSlices } from '../../shared/metrics/facts.ts';
import { metricsRead } from '../../shared/metrics/narrow.ts';
import type { MetricsQueryInput } from '../../shared/metrics/query.ts';
import { readReportContext, readTicketSlices } from './facts.ts';
import { metricsForTenant } from './report.ts';

const NOW = Date.UTC(2026, 10, 20, 9, 0);

describe.each(backends)('service metrics on the server ($name)', (backend) => {
  let test: TestDb;
  let server: RunningServer;
  let demo: DemoTenant;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    test = await backend.open();
    demo = await seedDemo(test.db, { tickets: 300, seed: 3, now: NOW, actor: 'test' });
    server = await startServer({ db: test.db, logger: false, jobs: false, now: () => NOW });
    for (const { email, role } of DEMO_SIGN_INS) {
      const r = await post(server, '/auth/sign-in', { email, password: DEMO_PASSWORD, clientId: uuidv7(), deviceName: 'test' });
      if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(r.body)}`);
      tokens.set(role, (r.body as { accessToken: string }).accessToken);
    }
  });
  afterAll(async () => {
    await server?.close();
    await test?.dispose();
  });

  const ask = (role: string | null, body: unknown): Promise<Reply> =>
    post(server, '/metrics', body, role ? { authorization: `Bearer ${tokens.get(role)}` } : {});
  const count = async (sql: string, params: unknown[]) => Number((await test.db.query<{ n: string }>(sql, params)).rows[0]!.n);

  it.each(['supervisor', 'admin'])('gives a %s the report of their tenant, as plain SQL counts over the records say', async (role) => {
    const r = await ask(role, { period: '30d', timeZone: 'Asia/Shanghai' });
    expect(r.status).toBe(200);
    const report = MetricsReport.parse(r.body);
    const { start } = report.period;
    const created = await count(
      `SELECT count(*) AS n FROM records WHERE tenant_id = $1 AND entity = 'ticket' AND NOT deleted
          AND (data ->> 'createdAt')::bigint BETWEEN $2 AND $3`,
      [demo.tenantId, start, NOW],
    );
    expect(report.figures.volume.created).toBe(created);
    const csat = await count(
      `SELECT count(*) AS n FROM records WHERE tenant_id = $1 AND entity = 'feedback' AND NOT deleted AND data ->> 'kind' = 'csat'
          AND (data ->> 'createdAt')::bigint BETWEEN $2 AND $3`,
      [demo.tenantId, start, NOW],
    );
    expect(report.figures.csat.ratings).toBe(csat);
    expect(created).toBeGreaterThan(0);
  });

  it.each(['agent', 'account_manager'])('refuses a signed-in %s with FORBIDDEN (403)', async (role) => {
    expect(tokens.has(role)).toBe(true);
    const r = await ask(role, {});
    expect(r).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });

  it('refuses a caller with no token with UNAUTHORIZED (401)', async () => {
    expect(await ask(null, {})).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
  });

  it.each([
    [{ period: 'custom', from: '2026-11-10' }, 'to'],
    [{ timeZone: 'Asia/Nowhere' }, 'timeZone'],
    [{ filters: { priorities: ['critical'] } }, 'filters.priorities.0'],
    [{ granularity: 'month' }, 'granularity'],
    [[], '(root)'],
  ])('answers the malformed query %j with 400 VALIDATION naming %s', async (body, path) => {
    const r = await ask('supervisor', body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION');
    expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('reads only the tickets a report can count, and the report is the one every row gives, for every kind of period and instant', async () => {
    const DAY = 86_400_000;
    const queries = [
      { period: 'today' },
      { period: '7d', timeZone: 'America/New_York' },
      { period: '30d', granularity: 'week', fcr: 'no_follow_up' },
      { period: '90d', filters: { channels: ['email'] } },
      { period: 'this_quarter', compare: false },
      { period: 'custom', from: '2026-09-01', to: '2026-10-15' },
    ] satisfies MetricsQueryInput[];
    let narrowedAway = 0;
    const all = await gatherSlices(await readReportContext(test.db, demo.tenantId, null), readTicketSlices(test.db, demo.tenantId, null));
    // Some instants fall before events the tenant already holds: those events must not count.
    for (const now of [NOW, NOW - 20 * DAY, NOW - 75 * DAY])
      for (const query of queries) {
        // Tallied in slices of 7 tickets, as the server does in slices of thousands.
        const read = metricsRead(query, now);
        const report = startReport(await readReportContext(test.db, demo.tenantId, read), query, now);
        let tickets = 0;
        for await (const slice of readTicketSlices(test.db, demo.tenantId, read, 7)) {
          report.add(slice);
          tickets += slice.tickets.length;
        }
        narrowedAway = Math.max(narrowedAway, all.tickets.length - tickets);
        expect(report.finish(), `${query.period} at ${new Date(now).toISOString()}`).toEqual(computeMetrics(all, query, now));
      }
    // The narrowing does leave tickets unread (the demo has tickets solved long before).
    expect(narrowedAway).toBeGreaterThan(0);
  });

  it('gives the operator the same report by tenant id, and names a tenant that does not exist', async () => {
    const query = { period: '7d', granularity: 'week' };
    const viaHttp = await ask('admin', query);
    expect(await metricsForTenant(test.db, demo.tenantId, query, NOW)).toEqual(viaHttp.body);
    await expect(metricsForTenant(test.db, '00000000-0000-7000-8000-000000000000', {}, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(metricsForTenant(test.db, 'acme', {}, NOW)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('answers server:admin through the local admin route of a running server, with its admin token only', async () => {
    const marker = newMarkerSecrets();
    const local = await startServer({ db: test.db, logger: false, jobs: false, now: () => NOW, marker });
    try {
      const path = `/admin/metrics?tenant=${demo.tenantId}`;
      const ok = await post(local, path, { period: '7d' }, { authorization: `Bearer ${marker.adminToken}` });
      expect(ok.status).toBe(200);
      expect(MetricsReport.parse(ok.body).query.period).toBe('7d');
      expect(await post(local, path, { period: '7d' }, { authorization: 'Bearer wrong' })).toMatchObject({ status: 401 });
      expect(await post(local, path, { period: 'fortnight' }, { authorization: `Bearer ${marker.adminToken}` })).toMatchObject({
        status: 400,
        body: { error: { code: 'VALIDATION' } },
      });
    } finally {
      await local.close();
    }
  });
});

describe('server:admin -- metrics options', () => {
  it('become the query: fields, comma lists as filters, yes/no and the CES scale', () => {
    const args = new Map([
      ['tenant', 'x'],
      ['period', 'custom'],
      ['from', '2026-01-01'],
      ['to', '2026-01-31'],
      ['time-zone', 'America/New_York'],
      ['channels', 'email, chat'],
      ['tiers', 'enterprise'],
      ['compare', 'no'],
      ['ces-scale', '10'],
    ]);
    expect(metricsQueryFromArgs(args)).toEqual({
      period: 'custom',
      from: '2026-01-01',
      to: '2026-01-31',
      timeZone: 'America/New_York',
      filters: { channels: ['email', 'chat'], accountTiers: ['enterprise'] },
      compare: false,
      cesScale: 10,
    });
    expect(() => metricsQueryFromArgs(new Map([['compare', 'maybe']]))).toThrow(UsageError);
  });
});
