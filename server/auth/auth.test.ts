import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { createTeam, createUser, resetPassword, updateUser } from '../admin/operations.ts';
import { startServer, type RunningServer } from '../app.ts';
import { DEFAULT_AUTH_CONFIG } from './service.ts';
import type { Db } from '../store/db.ts';
import { backends } from '../testing/backends.ts';
import { PASSWORD, post, setUp, type Fixture } from '../testing/fixture.ts';

describe.each(backends)('auth on $name', (backend) => {
  let f: Fixture;
  let clock = Date.now();
  let timed: RunningServer;
  beforeAll(async () => {
    f = await setUp(backend, { auth: { perAccount: { maxFailures: 3, windowMs: 60_000 } } });
    timed = await startServer({ db: f.db, logger: false, now: () => clock });
  });
  afterAll(async () => {
    await timed.close();
    await f.close();
  });

  const signIn = (server: RunningServer, email: string, password: string, clientId = uuidv7()) =>
    post(server, '/auth/sign-in', { email, password, clientId, deviceName: 'laptop' });

  it('stores argon2id hashes and signs in with the right password only, with one generic message', async () => {
    const { rows } = await f.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [f.users.agent.id]);
    expect(rows[0]?.password_hash.startsWith('$argon2id$')).toBe(true);

    const ok = await signIn(f.server, 'AGENT@acme.test', PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ id: f.users.agent.id, role: 'agent', teamIds: [f.teams.billing.id] });
    expect(typeof ok.body.refreshToken).toBe('string');

    const wrong = await signIn(f.server, 'agent@acme.test', 'not the password');
    const unknown = await signIn(f.server, 'nobody@acme.test', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
  });

  it('refuses a device database that belongs to someone else', async () => {
    const clientId = uuidv7();
    expect((await signIn(f.server, 'agent@acme.test', PASSWORD, clientId)).status).toBe(200);
    const other = await signIn(f.server, 'tech@acme.test', PASSWORD, clientId);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('OTHER_PERSON_ON_DEVICE');
  });

  it('rate-limits failed sign-ins per account, even with the right password afterwards', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(f.server, 'manager@acme.test', 'wrong password')).status).toBe(401);
    const blocked = await signIn(f.server, 'manager@acme.test', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    // Another account from the same address is still fine (below the address limit).
    expect((await signIn(f.server, 'admin@acme.test', PASSWORD)).status).toBe(200);
  });

  it('rate-limits failed sign-ins per address across accounts', async () => {
    // Its own instance: limits are per instance, and this one ends up blocking the test's address.
    const server = await startServer({ db: f.db, logger: false, auth: { perAddress: { maxFailures: 4, windowMs: 60_000 } } });
    try {
      for (let i = 0; i < 4; i++) expect((await signIn(server, `guess${i}@acme.test`, 'wrong password')).status).toBe(401);
      const blocked = await signIn(server, 'supervisor@acme.test', PASSWORD);
      expect(blocked.status).toBe(429);
    } finally {
      await server.close();
    }
  });

  it('counts simultaneous attempts before checking them: a burst of wrong passwords is mostly refused', async () => {
    // Its own instance with the default limits (5 per account, 30 per address).
    const server = await startServer({ db: f.db, logger: false });
    try {
      const statuses = (attempts: Promise<{ status: number }>[]) => Promise.all(attempts).then((r) => r.map((x) => x.status));
      const oneAccount = await statuses(Array.from({ length: 60 }, () => signIn(server, 'supervisor@acme.test', 'wrong password')));
      expect(oneAccount.filter((s) => s === 401).length).toBe(DEFAULT_AUTH_CONFIG.perAccount.maxFailures);
      expect(oneAccount.filter((s) => s === 429).length).toBe(60 - DEFAULT_AUTH_CONFIG.perAccount.maxFailures);
      // Across accounts the address limit holds the same way (the 5 above already count).
      const manyAccounts = await statuses(Array.from({ length: 60 }, (_, i) => signIn(server, `burst${i}@acme.test`, 'wrong password')));
      expect(manyAccounts.filter((s) => s === 401).length).toBe(
        DEFAULT_AUTH_CONFIG.perAddress.maxFailures - DEFAULT_AUTH_CONFIG.perAccount.maxFailures,
      );
      expect(manyAccounts.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('does not count successful sign-ins against the address', async () => {
    const server = await startServer({ db: f.db, logger: false, auth: { perAddress: { maxFailures: 2, windowMs: 60_000 } } });
    try {
      for (let i = 0; i < 4; i++) expect((await signIn(server, 'admin@acme.test', PASSWORD)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('does not count attempts the database failed under against the person', async () => {
    let failing = true;
    const flaky: Db = {
      kind: f.db.kind,
      query: (sql, params) =>
        failing && sql.includes('password_hash, active FROM users')
          ? Promise.reject(new Error('connection terminated'))
          : f.db.query(sql, params),
      exec: (sql) => f.db.exec(sql),
      transaction: (fn, isolation) => f.db.transaction(fn, isolation),
      listen: (channel, onNotify) => f.db.listen(channel, onNotify),
      close: async () => {},
    };
    const server = await startServer({
      db: flaky,
      logger: false,
      jobs: false,
      auth: { perAccount: { maxFailures: 2, windowMs: 60_000 }, perAddress: { maxFailures: 2, windowMs: 60_000 } },
    });
    try {
      for (let i = 0; i < 3; i++) expect((await signIn(server, 'admin@acme.test', PASSWORD)).status).toBeGreaterThanOrEqual(500);
      failing = false;
      expect((await signIn(server, 'admin@acme.test', PASSWORD)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('answers text no database can store (NUL, unpaired surrogates) with 400 and still counts the attempt', async () => {
    const server = await startServer({ db: f.db, logger: false, auth: { perAddress: { maxFailures: 4, windowMs: 60_000 } } });
    try {
      const bad = [
        { email: 'admin@acme.test\u0000', password: PASSWORD, clientId: uuidv7(), deviceName: 'laptop' },
        { email: 'admin@acme.test', password: PASSWORD, clientId: uuidv7(), deviceName: 'lap\u0000top' },
        { email: 'admin@acme.test', password: PASSWORD, clientId: uuidv7(), deviceName: 'lap\uD800top' },
        { email: 'admin@acme.test', password: `${PASSWORD}\uDC00`, clientId: uuidv7(), deviceName: 'laptop' },
      ];
      for (const body of bad) {
        const r = await post(server, '/auth/sign-in', body);
        expect(r.status).toBe(400);
        expect(r.body.error.code).toBe('VALIDATION');
      }
      // Those four were failures of this address: the right password is now refused too.
      expect((await signIn(server, 'supervisor@acme.test', PASSWORD)).status).toBe(429);
      for (const path of ['/auth/refresh', '/auth/sign-out']) {
        const r = await post(server, path, { refreshToken: 'abc\u0000def' });
        expect(r.status).toBe(400);
        expect(r.body.error.code).toBe('VALIDATION');
      }
    } finally {
      await server.close();
    }
  });

  it('refuses text no database can store in the administration commands too', async () => {
    const refused = async (work: Promise<unknown>) =>
      expect(
        await work.then(
          () => null,
          (err: unknown) => err,
        ),
      ).toMatchObject({ code: 'VALIDATION' });
    await refused(createTeam(f.db, 'test', { tenantId: f.tenantId, name: 'Bill\u0000ing' }));
    await refused(
      createUser(f.db, 'test', { tenantId: f.tenantId, email: 'new@acme.test', name: 'N\uD800', password: PASSWORD, role: 'agent' }),
    );
    await refused(resetPassword(f.db, 'test', 'agent@acme.test\u0000', 'a brand new password'));
  });

  it('expires access tokens', async () => {
    const session = (await signIn(timed, 'tech@acme.test', PASSWORD)).body;
    const pull = () =>
      post(
        timed,
        '/sync/pull',
        { clientId: session.clientId ?? '', schemaVersion: 1, cursor: null },
        { authorization: `Bearer ${session.accessToken}` },
      );
    expect((await pull()).status).not.toBe(401);
    clock += 11 * 60_000;
    const expired = await pull();
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('UNAUTHORIZED');
  });

  it('rotates refresh tokens; reusing a rotated one ends the whole family and the device', async () => {
    const clientId = uuidv7();
    const first = (await signIn(f.server, 'tech@acme.test', PASSWORD, clientId)).body;
    const second = await post(f.server, '/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const third = await post(f.server, '/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(third.status).toBe(200);

    // The first token comes back (a stolen copy): everything of that family stops working.
    expect((await post(f.server, '/auth/refresh', { refreshToken: first.refreshToken })).status).toBe(401);
    expect((await post(f.server, '/auth/refresh', { refreshToken: third.body.refreshToken })).status).toBe(401);
    const pull = await post(
      f.server,
      '/sync/pull',
      { clientId, schemaVersion: 1, cursor: null },
      { authorization: `Bearer ${third.body.accessToken}` },
    );
    expect(pull.status).toBe(401);

    // The person signs in again with the password: the device works again.
    expect((await signIn(f.server, 'tech@acme.test', PASSWORD, clientId)).status).toBe(200);
  });

  it('answers a refresh retried after a lost answer, once, and only within the leeway', async () => {
    const clientId = uuidv7();
    const first = (await signIn(timed, 'tech@acme.test', PASSWORD, clientId)).body;
    const lost = await post(timed, '/auth/refresh', { refreshToken: first.refreshToken });
    expect(lost.status).toBe(200);
    // The console never saw `lost` and retries with the token it still holds.
    const retried = await post(timed, '/auth/refresh', { refreshToken: first.refreshToken });
    expect(retried.status).toBe(200);
    // The one it got works (the successor it never received was replaced: see the theft case below).
    const next = await post(timed, '/auth/refresh', { refreshToken: retried.body.refreshToken });
    expect(next.status).toBe(200);
    // Past the leeway, the same replay is theft: the family and the device end.
    clock += 61_000;
    expect((await post(timed, '/auth/refresh', { refreshToken: retried.body.refreshToken })).status).toBe(401);
    expect((await post(timed, '/auth/refresh', { refreshToken: next.body.refreshToken })).status).toBe(401);
  });

  it('a thief who replays a rotated token within the leeway ends the session of both, device and all', async () => {
    const clientId = uuidv7();
    const first = (await signIn(timed, 'tech@acme.test', PASSWORD, clientId)).body;
    // The console refreshes and holds the successor; a thief holds a copy of the first token.
    const console_ = (await post(timed, '/auth/refresh', { refreshToken: first.refreshToken })).body;
    const thief = await post(timed, '/auth/refresh', { refreshToken: first.refreshToken });
    // Within the leeway and with nothing after it used, the thief's replay looks like a lost answer.
    expect(thief.status).toBe(200);
    // The console's token was replaced by that replay: presenting it shows that one of the two is a copy.
    expect((await post(timed, '/auth/refresh', { refreshToken: console_.refreshToken })).status).toBe(401);
    expect((await post(timed, '/auth/refresh', { refreshToken: thief.body.refreshToken })).status).toBe(401);
    const pullWith = (accessToken: string) =>
      post(timed, '/sync/pull', { clientId, schemaVersion: 1, cursor: null }, { authorization: `Bearer ${accessToken}` });
    expect((await pullWith(thief.body.accessToken)).status).toBe(401);
    expect((await pullWith(console_.accessToken)).status).toBe(401);
    // The person signs in again on that device; the thief's access token stays dead (its session ended).
    expect((await signIn(timed, 'tech@acme.test', PASSWORD, clientId)).status).toBe(200);
    expect((await pullWith(thief.body.accessToken)).status).toBe(401);
  });

  it('sign-out revokes the refresh token and the access token at once', async () => {
    const clientId = uuidv7();
    const s = (await signIn(f.server, 'tech@acme.test', PASSWORD, clientId)).body;
    expect((await post(f.server, '/auth/sign-out', { refreshToken: s.refreshToken })).status).toBe(204);
    expect((await post(f.server, '/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
    const pull = await post(
      f.server,
      '/sync/pull',
      { clientId, schemaVersion: 1, cursor: null },
      { authorization: `Bearer ${s.accessToken}` },
    );
    expect(pull.status).toBe(401);
  });

  it('authorizes every request from current state: a deactivated person is out at once', async () => {
    const c = await f.client(f.users.techAgent);
    expect((await c.pull(null)).kind).toBe('page');
    await updateUser(f.db, 'test', f.users.techAgent.id, { active: false });
    const r = await c.request('/sync/pull', { clientId: c.clientId, schemaVersion: 1, cursor: null });
    expect(r.status).toBe(401);
    expect((await signIn(f.server, 'tech@acme.test', PASSWORD)).status).toBe(401);
    await updateUser(f.db, 'test', f.users.techAgent.id, { active: true });
  });

  it('refuses forged tokens and a token used for another client', async () => {
    const c = await f.client(f.users.agent);
    const forged = c.session.accessToken.slice(0, -2) + (c.session.accessToken.endsWith('A') ? 'BB' : 'AA');
    const r = await post(
      f.server,
      '/sync/pull',
      { clientId: c.clientId, schemaVersion: 1, cursor: null },
      { authorization: `Bearer ${forged}` },
    );
    expect(r.status).toBe(401);
    const other = await c.request('/sync/pull', { clientId: uuidv7(), schemaVersion: 1, cursor: null });
    expect(other.status).toBe(403);
  });

  it('a password reset ends refresh tokens and access tokens at once, also on a device signed in again since', async () => {
    const clientId = uuidv7();
    const s = (await signIn(f.server, 'agent@acme.test', PASSWORD, clientId)).body;
    const pullWith = (accessToken: string) =>
      post(f.server, '/sync/pull', { clientId, schemaVersion: 1, cursor: null }, { authorization: `Bearer ${accessToken}` });
    expect((await pullWith(s.accessToken)).status).toBe(200);
    await resetPassword(f.db, 'test', 'agent@acme.test', 'a brand new password');
    expect((await post(f.server, '/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
    expect((await pullWith(s.accessToken)).status).toBe(401);
    expect((await signIn(f.server, 'agent@acme.test', 'a brand new password', clientId)).status).toBe(200);
    expect((await pullWith(s.accessToken)).status).toBe(401);
    await resetPassword(f.db, 'test', 'agent@acme.test', PASSWORD);
  });
});
