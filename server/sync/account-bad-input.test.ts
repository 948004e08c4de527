/**
 * The account manager's bad input reaching the server (a console that skipped its own checks, or
 * an older one): a negative annual value, an unknown owner, a task with no title are each refused
 * with their code, and the server's records are as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { backends } from '../testing/backends.ts';
import { setUp, type Fixture, type TestClient } from '../testing/fixture.ts';
import { writeRecords } from './commit.ts';

describe.each(backends)('bad account input on $name', (backend) => {
  let f: Fixture;
  let manager: TestClient;
  const accountId = uuidv7();

  beforeAll(async () => {
    f = await setUp(backend, { jobs: false });
    manager = await f.client(f.users.manager);
    const account = {
      id: accountId,
      tenantId: f.tenantId,
      version: 0,
      createdAt: 1,
      updatedAt: 1,
      name: 'Acme',
      domain: null,
      tier: 'standard',
      lifecycleStage: 'active',
      ownerId: f.users.manager.id,
      renewalDate: '2026-09-30',
      annualValueMinor: 5000,
      currency: 'USD',
      healthScore: null,
      notes: '',
    };
    await f.db.transaction((q) => writeRecords(q, f.tenantId, [{ entity: 'account', id: accountId, row: account }]));
  }, 60_000);
  afterAll(() => f.close());

  const records = async () =>
    (
      await f.db.query<{ entity: string; id: string; version: unknown; data: unknown }>(
        "SELECT entity, id::text AS id, version, data FROM records WHERE tenant_id = $1 AND entity IN ('account', 'task') ORDER BY entity, id",
        [f.tenantId],
      )
    ).rows;

  it('refuses each with its code and saves nothing', async () => {
    const before = await records();
    const task = {
      id: uuidv7(),
      accountId,
      ticketId: null,
      assigneeId: f.users.manager.id,
      dueAt: Date.now() + 86_400_000,
      remindAt: null,
    };
    const reply = await manager.push([
      { id: 1, name: 'account.update', args: { id: accountId, changes: { annualValueMinor: -100 } } },
      { id: 2, name: 'account.update', args: { id: accountId, changes: { ownerId: uuidv7() } } },
      { id: 3, name: 'task.upsert', args: { ...task, title: '   ' } },
      { id: 4, name: 'task.upsert', args: task },
      { id: 5, name: 'account.update', args: { id: accountId, changes: { renewalDate: '2026-02-30' } } },
    ]);
    expect(reply.body.results.map((r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status)).toEqual([
      'VALIDATION',
      'NOT_FOUND',
      'VALIDATION',
      'VALIDATION',
      'VALIDATION',
    ]);
    expect(await records()).toEqual(before);
  });
});
