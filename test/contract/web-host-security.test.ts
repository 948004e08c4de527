/**
 * The web host's own guards, over real HTTP and WebSocket: what a page on another site, a local
 * process without the token, or a careless command line would run into.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost, WS_CLOSE_POLICY, WS_CLOSE_UNAUTHORIZED } from '../../electron/web-host/server.ts';
import { parseWebHostArgs } from '../../electron/web-host/cli-args.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/web-host/security.ts';
import { EVENTS_PATH, MAX_CALL_BODY_BYTES } from '../../shared/contract/web-transport.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { createFakeCore } from '../support/fake-core.ts';
import { callOverHttp, openEventSocket, rawRequest, tinyRendererDir } from '../support/http.ts';

const core = createFakeCore();
let host: WebHost;

beforeAll(async () => {
  host = await startWebHost({ core, rendererDir: tinyRendererDir(), port: 0 });
});
afterAll(async () => {
  await host.close();
});

const errorCode = (json: unknown) => (json as { ok: boolean; error?: { code: string } }).error?.code;

describe('web host: the token', () => {
  it('answers a call that carries the token', async () => {
    const res = await callOverHttp(host.origin, host.token, 'settings.get', {});
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ok: true, value: { theme: 'system' } });
  });

  it('refuses a call without a token with 401 UNAUTHORIZED', async () => {
    const res = await callOverHttp(host.origin, null, 'settings.get', {});
    expect(res.status).toBe(401);
    expect(errorCode(res.json)).toBe('UNAUTHORIZED');
  });

  it('refuses a wrong token, including one of the right length, with 401', async () => {
    const sameLength = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    for (const token of ['nope', sameLength, `${host.token}x`]) {
      const res = await callOverHttp(host.origin, token, 'settings.get', {});
      expect(res.status).toBe(401);
      expect(errorCode(res.json)).toBe('UNAUTHORIZED');
    }
  });

  it('gives each run its own random token', async () => {
    const other = await startWebHost({ core, rendererDir: tinyRendererDir(), port: 0 });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(other.url).toBe(`${other.origin}/#token=${other.token}`);
      expect((await callOverHttp(other.origin, host.token, 'settings.get', {})).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('web host: bodies and methods', () => {
  it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ q: 'x'.repeat(MAX_CALL_BODY_BYTES) });
    const res = await rawRequest(host.origin, {
      method: 'POST',
      path: '/api/call/search.query',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body,
    });
    expect(res.status).toBe(413);
    expect(errorCode(res.json)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses malformed JSON with 400 VALIDATION', async () => {
    const res = await rawRequest(host.origin, {
      method: 'POST',
      path: '/api/call/settings.update',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: '{"theme": "dark",',
    });
    expect(res.status).toBe(400);
    expect(errorCode(res.json)).toBe('VALIDATION');
  });

  it('refuses a body that is not JSON (what a form on another site could send) with 415', async () => {
    const res = await rawRequest(host.origin, {
      method: 'POST',
      path: '/api/call/settings.update',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${host.token}` },
      body: '{"theme":"dark"}',
    });
    expect(res.status).toBe(415);
    expect(errorCode(res.json)).toBe('VALIDATION');
    expect((await callOverHttp(host.origin, host.token, 'settings.get', {})).json).toMatchObject({ value: { theme: 'system' } });
  });

  it('answers other methods on a call with 405, a plain GET of the event socket with 426 and other API paths with 404, each with a code', async () => {
    const get = await rawRequest(host.origin, { path: '/api/call/settings.get', headers: { authorization: `Bearer ${host.token}` } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(errorCode(get.json)).toBe('VALIDATION');
    const plainGet = await rawRequest(host.origin, { path: EVENTS_PATH });
    expect(plainGet.status).toBe(426);
    expect(errorCode(plainGet.json)).toBe('VALIDATION');
    const missing = await rawRequest(host.origin, { method: 'POST', path: '/api/nothing-here' });
    expect(missing.status).toBe(404);
    expect(errorCode(missing.json)).toBe('NOT_FOUND');
  });
});

describe('web host: headers and the Host guard', () => {
  it('serves the page with the CSP of SECURITY.md and the other security headers', async () => {
    const res = await rawRequest(host.origin, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('accepts localhost as well as 127.0.0.1 in the Host header', async () => {
    const res = await rawRequest(host.origin, { path: '/', headers: { host: `localhost:${host.port}` } });
    expect(res.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) on pages and calls', async () => {
    const page = await rawRequest(host.origin, { path: '/', headers: { host: `evil.example:${host.port}` } });
    expect(page.status).toBe(403);
    expect(page.text).not.toContain('test page');
    const call = await rawRequest(host.origin, {
      method: 'POST',
      path: '/api/call/settings.get',
      headers: { host: 'evil.example', authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(call.status).toBe(403);
    expect(errorCode(call.json)).toBe('FORBIDDEN');
  });
});

describe('web host: the event socket', () => {
  const wsUrl = (token: string) => `${host.origin.replace('http:', 'ws:')}${EVENTS_PATH}?token=${encodeURIComponent(token)}`;

  it('forwards Core events to a socket that carries the token', async () => {
    const events = await openEventSocket(wsUrl(host.token));
    const changed = events.next('settings.changed');
    await callOverHttp(host.origin, host.token, 'settings.update', { theme: 'dark' });
    expect(await changed).toEqual({
      event: 'settings.changed',
      payload: { theme: 'dark', locale: 'system', density: 'comfortable', notifications: true, undoSeconds: 5 },
    });
    events.socket.close();
  });

  it('closes a socket with a wrong token with 4401', async () => {
    const events = await openEventSocket(wsUrl('wrong'));
    expect(await events.closed).toBe(WS_CLOSE_UNAUTHORIZED);
  });

  it('closes a socket opened by a page of another origin with 1008', async () => {
    const events = await openEventSocket(wsUrl(host.token), { origin: 'http://evil.example' });
    expect(await events.closed).toBe(WS_CLOSE_POLICY);
  });

  it('closes a socket whose client sends anything, and keeps serving others', async () => {
    const events = await openEventSocket(wsUrl(host.token));
    events.socket.send('hello');
    expect(await events.closed).toBe(WS_CLOSE_POLICY);
    expect((await callOverHttp(host.origin, host.token, 'settings.get', {})).status).toBe(200);
  });
});

describe('web host: where it listens', () => {
  it('refuses a non-loopback --host without --allow-remote', () => {
    expect(() => parseWebHostArgs(['--host', '0.0.0.0'])).toThrow(AppError);
    expect(() => parseWebHostArgs(['--host', '0.0.0.0'])).toThrow(/--allow-remote/);
    expect(parseWebHostArgs(['--host', '0.0.0.0', '--allow-remote'])).toMatchObject({ host: '0.0.0.0', allowRemote: true });
  });

  it('defaults to 127.0.0.1:5180, .data/web, the embedded server on 8740 and 10000 demo tickets', () => {
    expect(parseWebHostArgs([])).toEqual({
      source: { kind: 'embedded' },
      dataDir: '.data/web',
      port: 5180,
      serverPort: 8740,
      host: '127.0.0.1',
      allowRemote: false,
      demoTickets: 10000,
      help: false,
    });
  });

  it('refuses bad arguments with a VALIDATION error that names the option', () => {
    for (const [argv, pattern] of [
      [['--port', 'eighty'], /--port/],
      [['--port', '70000'], /--port/],
      [['--demo-tickets', '-5'], /demo-tickets/],
      [['--colour', 'blue'], /colour/],
      [['stray'], /stray/],
    ] as const) {
      let error: unknown;
      try {
        parseWebHostArgs(argv);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VALIDATION');
      expect((error as AppError).message).toMatch(pattern);
    }
  });

  it('will not start on a non-loopback address unless told to', async () => {
    await expect(startWebHost({ core, rendererDir: tinyRendererDir(), host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
