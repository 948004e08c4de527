import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTenant, createUser } from '../admin/operations.ts';
import { startServer } from '../app.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { backends, type TestDb } from '../testing/backends.ts';
import { setUp, type Fixture } from '../testing/fixture.ts';
import { pruneSessionsHourly, pruneSessionsJob, SESSION_RETENTION_MS } from './prune-sessions.ts';

const DAY = 24 * 3600_000;

describe.each(backends)('session pruning on $name', (backend) => {
  let t: TestDb | undefined;
  let f: Fixture | undefined;
  afterEach(async () => {
    await t?.dispose();
    await f?.close();
    t = undefined;
    f = undefined;
  });

  it('deletes the sessions that ended longer ago than the retention, and nothing else', async () => {
    t = await backend.open();
    const db = t.db;
    const now = Date.UTC(2026, 5, 1);
    const tenant = await createTenant(db, 'test', { name: 'Acme' });
    const user = await createUser(db, 'test', {
      tenantId: tenant.id,
      email: 'a@acme.test',
      name: 'A',
      password: 'correct horse battery',
      role: 'agent',
      teamIds: [],
    });
    const clientId = randomUUID();
    await db.query("INSERT INTO clients (id, user_id, device_name, created_at) VALUES ($1, $2, 'laptop', 0)", [clientId, user.id]);
    /** One token of the family `family` (its hash names it in the assertions). */
    const token = (family: string, name: string, at: { expiresAt: number; usedAt?: number; revokedAt?: number }) =>
      db.query(
        'INSERT INTO refresh_tokens (token_hash, family_id, client_id, user_id, created_at, expires_at, used_at, revoked_at) VALUES ($1, $2, $3, $4, 0, $5, $6, $7)',
        [name, family, clientId, user.id, at.expiresAt, at.usedAt ?? null, at.revokedAt ?? null],
      );
    const families = Object.fromEntries(
      ['live', 'expiredLongAgo', 'expiredRecently', 'signedOutLongAgo', 'signedOutRecently', 'rotated'].map((n) => [n, randomUUID()]),
    );
    await token(families.live!, 'live', { expiresAt: now + 10 * DAY });
    await token(families.expiredLongAgo!, 'expired-long-ago', { expiresAt: now - SESSION_RETENTION_MS - 1 });
    await token(families.expiredRecently!, 'expired-recently', { expiresAt: now - DAY });
    await token(families.signedOutLongAgo!, 'signed-out-long-ago', {
      expiresAt: now + DAY,
      revokedAt: now - SESSION_RETENTION_MS - 5 * DAY,
    });
    await token(families.signedOutRecently!, 'signed-out-recently', { expiresAt: now + DAY, revokedAt: now - DAY });
    // A session still in use keeps its long-expired, rotated tokens: one coming back means theft.
    await token(families.rotated!, 'rotated-old', { expiresAt: now - SESSION_RETENTION_MS - 10 * DAY, usedAt: now - 40 * DAY });
    await token(families.rotated!, 'rotated-current', { expiresAt: now + 5 * DAY });

    const runner = createJobRunner({ db, kinds: [pruneSessionsJob], schedules: [pruneSessionsHourly], now: () => now });
    expect(await runner.tick()).toBe(1);

    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM refresh_tokens ORDER BY token_hash');
    expect(rows.map((r) => r.token_hash)).toEqual(['expired-recently', 'live', 'rotated-current', 'rotated-old', 'signed-out-recently']);
    const { rows: jobs } = await db.query<{ state: string; result: unknown }>(
      "SELECT state, result FROM jobs WHERE kind = 'auth.prune-sessions'",
    );
    expect(jobs).toEqual([{ state: 'done', result: { deletedTokens: 2 } }]);
    const { rows: clients } = await db.query('SELECT id FROM clients');
    expect(clients).toEqual([{ id: clientId }]);
  });

  it('a started server runs the pruning on its own; one started with jobs off runs none', async () => {
    f = await setUp(backend, { jobs: false });
    const { rows: none } = await f.db.query('SELECT 1 FROM jobs');
    expect(none).toEqual([]);
    await f.client(f.users.agent);

    const other = await f.test.openAnother();
    const server = await startServer({ db: other, logger: false });
    try {
      await vi.waitFor(
        async () => {
          const { rows } = await f!.db.query<{ state: string }>("SELECT state FROM jobs WHERE kind = 'auth.prune-sessions'");
          expect(rows).toEqual([{ state: 'done' }]);
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      await server.close();
      if (other !== f.db) await other.close();
    }
    // The agent's fresh session is not an ended one.
    const { rows } = await f.db.query('SELECT 1 FROM refresh_tokens');
    expect(rows).toHaveLength(1);
  });
});
