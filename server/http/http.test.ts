import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_MAX_MUTATIONS, REQUEST_BODY_LIMIT_BYTES, SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol.ts';
import { backends } from '../testing/backends.ts';
import { post, setUp, type Fixture } from '../testing/fixture.ts';

describe.each(backends)('HTTP hygiene on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setUp(backend);
  });
  afterAll(() => f.close());

  it('serves GET /info', async () => {
    const r = await fetch(`${f.server.url}/info`);
    expect(await r.json()).toEqual({
      name: 'switchboard',
      version: expect.any(String),
      schemaVersions: { min: 1, max: SYNC_SCHEMA_VERSION },
      pushMaxMutations: PUSH_MAX_MUTATIONS,
    });
  });

  it('answers malformed JSON, wrong shapes, oversized bodies and unknown paths with coded 4xx errors', async () => {
    const malformed = await fetch(`${f.server.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');

    const shape = await post(f.server, '/auth/sign-in', { email: 'a@b.c' });
    expect(shape.status).toBe(400);
    expect(shape.body.error.code).toBe('VALIDATION');
    expect(shape.body.error.issues.length).toBeGreaterThan(0);

    const big = await post(f.server, '/auth/sign-in', { email: 'x'.repeat(REQUEST_BODY_LIMIT_BYTES), password: 'p' });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    const missing = await post(f.server, '/nowhere', {});
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });

  it('requires a token for sync, and refuses sync schema versions it does not speak', async () => {
    expect((await post(f.server, '/sync/pull', { clientId: f.users.agent.id, schemaVersion: 1, cursor: null })).status).toBe(401);
    const c = await f.client(f.users.agent);
    const r = await c.request('/sync/pull', { clientId: c.clientId, schemaVersion: SYNC_SCHEMA_VERSION + 1, cursor: null });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/not supported/);
  });

  it('never leaks stack traces', async () => {
    const r = await post(f.server, '/sync/push', 'null');
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});
