import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { resetPassword, updateUser } from '../admin/operations.ts';
import { startServer, type RunningServer } from '../app.ts';
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
    // The successor it never received no longer works; the one it got does.
    expect((await post(timed, '/auth/refresh', { refreshToken: lost.body.refreshToken })).status).toBe(401);
    const next = await post(timed, '/auth/refresh', { refreshToken: retried.body.refreshToken });
    expect(next.status).toBe(200);
    // Past the leeway, the same replay is theft: the family and the device end.
    clock += 61_000;
    expect((await post(timed, '/auth/refresh', { refreshToken: retried.body.refreshToken })).status).toBe(401);
    expect((await post(timed, '/auth/refresh', { refreshToken: next.body.refreshToken })).status).toBe(401);
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

  it('a password reset ends refresh tokens', async () => {
    const s = (await signIn(f.server, 'agent@acme.test', PASSWORD)).body;
    await resetPassword(f.db, 'test', 'agent@acme.test', 'a brand new password');
    expect((await post(f.server, '/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
    await resetPassword(f.db, 'test', 'agent@acme.test', PASSWORD);
  });
});
