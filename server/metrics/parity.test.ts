/**
 * The console and the server compute the same service metrics from the same data: a demo tenant
 * (random data from a seed: reopens, escalations, SLA outcomes in business hours, CSAT, CES and
 * NPS answers) on the server, a real Core signed in as its supervisor that pulled all of it, and
 * several queries asked of both at one frozen instant. The reports must be deep-equal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/index.ts';
import type { Result } from '../../shared/contract/errors.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../shared/demo/credentials.ts';
import type { MetricsQueryInput } from '../../shared/metrics/query.ts';
import type { MetricsReport } from '../../shared/metrics/report.ts';
import { startServer, type RunningServer } from '../app.ts';
import { seedDemo, type DemoTenant } from '../demo/seed.ts';
import { backends, type TestDb } from '../testing/backends.ts';
import { post } from '../testing/fixture.ts';

const NOW = Date.UTC(2026, 2, 31, 14, 45);
const SUPERVISOR = `supervisor@${DEMO_EMAIL_DOMAIN}`;

describe('console and server metrics on the same random data', () => {
  const backend = backends.at(-1)!;
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-metrics-parity-'));
  let test: TestDb;
  let server: RunningServer;
  let demo: DemoTenant;
  let core: Core;
  let token: string;

  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = (await core.dispatch(channel, input)) as Result<T>;
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };

  beforeAll(async () => {
    test = await backend.open();
    demo = await seedDemo(test.db, { tickets: 500, seed: 9_341, now: NOW - 3_600_000, actor: 'test' });
    // One frozen instant on both sides: "now" decides the periods and which events have happened.
    server = await startServer({ db: test.db, logger: false, jobs: false, now: () => NOW });
    core = openCore({
      databasePath: join(dir, 'console.db'),
      transport: 'web',
      appVersion: '0.0.0-test',
      sync: { deviceName: 'parity', retryBaseMs: 100, retryCapMs: 1000 },
      now: () => NOW,
    });
    await call('session.signIn', { serverUrl: server.url, email: SUPERVISOR, password: DEMO_PASSWORD });
    await call('sync.now', {});
    // The supervisor tags some tickets at the console: the server's commit records those tickets'
    // met and breached SLA targets as events (server/sla/ticket-sla.ts), which sync back.
    const page = await call<{ rows: { id: string; status: string }[] }>('tickets.list', { view: 'all', limit: 200 });
    const editable = page.rows.filter((r) => r.status !== 'closed').slice(0, 80);
    for (const { id } of editable) await call('mutations.run', { name: 'ticket.tags', args: { id, add: ['reviewed'] } });
    await call('sync.now', {});
    await call('sync.now', {});
    const signIn = await post(server, '/auth/sign-in', {
      email: SUPERVISOR,
      password: DEMO_PASSWORD,
      clientId: uuidv7(),
      deviceName: 'http',
    });
    token = (signIn.body as { accessToken: string }).accessToken;
  }, 120_000);
  afterAll(async () => {
    core?.close();
    await server?.close();
    await test?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the console holds every ticket of the tenant', async () => {
    const info = await call<{ counts: { tickets: number } }>('app.info', {});
    expect(info.counts.tickets).toBe(demo.tickets);
  });

  const queries: [string, MetricsQueryInput][] = [
    ['the last 30 days in UTC, per day', { period: '30d' }],
    [
      'this quarter in New York, per week, FCR without follow-up, CES on 1-10',
      { period: 'this_quarter', timeZone: 'America/New_York', granularity: 'week', fcr: 'no_follow_up', cesScale: 10 },
    ],
    [
      '90 days in Shanghai filtered to urgent and high email tickets',
      { period: '90d', timeZone: 'Asia/Shanghai', filters: { priorities: ['urgent', 'high'], channels: ['email'] } },
    ],
    [
      'a custom stretch over the spring-forward night, enterprise accounts',
      { period: 'custom', from: '2026-03-01', to: '2026-03-15', timeZone: 'America/New_York', filters: { accountTiers: ['enterprise'] } },
    ],
    ['today, no comparison, the tickets tagged at the console', { period: 'today', compare: false, filters: { tags: ['reviewed'] } }],
  ];

  it.each(queries)('%s: identical reports', async (_name, query) => {
    const console_ = await call<MetricsReport>('metrics.compute', query);
    const fromServer = await post(server, '/metrics', query, { authorization: `Bearer ${token}` });
    expect(fromServer.status).toBe(200);
    expect(console_).toEqual(fromServer.body);
    // The data exercise the figures compared.
    if (query.period === '30d') {
      const f = console_.figures;
      expect(f.volume.created).toBeGreaterThan(0);
      expect(f.firstReply.business.count).toBeGreaterThan(0);
      expect(f.reopen.solved).toBeGreaterThan(0);
      expect(f.csat.ratings + f.nps.answers + f.ces.answers).toBeGreaterThan(0);
      expect(f.sla.all.met + f.sla.all.breached).toBeGreaterThan(0);
      expect(console_.agents.some((a) => a.availableMs > 0 && a.breakMs > 0)).toBe(true);
    }
    if (query.filters?.tags) expect(console_.figures.sla.all.met + console_.figures.sla.all.breached).toBeGreaterThan(0);
  });
});
