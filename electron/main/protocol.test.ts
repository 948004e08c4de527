import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { electronStub, resetElectronStub } from '../../test/stubs/electron.ts';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';
import { createAppRequestHandler, registerAppScheme, serveAppScheme } from './protocol.ts';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

let root: string;
let rendererDir: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'switchboard-protocol-'));
  rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(rendererDir, 'assets', 'font.woff2'), 'w');
  writeFileSync(path.join(root, 'secret.txt'), 'customer data');
  symlinkSync(path.join(root, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  handler = createAppRequestHandler(rendererDir);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('the app:// protocol', () => {
  beforeEach(resetElectronStub);

  it('is registered privileged as a standard secure scheme, without bypassing CSP', () => {
    registerAppScheme();
    expect(electronStub.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the renderer build with the exact CSP of SECURITY.md', async () => {
    serveAppScheme(rendererDir);
    const response = await electronStub.protocolHandlers.get('app')!(new Request('app://console/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(CONTENT_SECURITY_POLICY).toBe(CSP);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Switchboard</title>');
  });

  it('serves index.html at the root', async () => {
    expect(await (await get('app://console/')).text()).toContain('Switchboard');
  });

  it.each([
    ['assets/app.js', 'text/javascript; charset=utf-8'],
    ['assets/app.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (file, type) => {
    const response = await get(`app://console/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404, still with the CSP, for a missing file or a directory', async () => {
    for (const url of ['app://console/missing.js', 'app://console/assets/', 'app://console/assets']) {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CSP);
    }
  });

  it.each([
    'app://console/../../etc/passwd',
    'app://console/%2e%2e/%2e%2e/etc/passwd',
    'app://console/%2E%2E%2F%2E%2E%2Fsecret.txt',
    'app://console/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://console/..%2fsecret.txt',
    'app://console/..%5csecret.txt',
    'app://console/%252e%252e%252fsecret.txt',
    'app://console/index.html%00.png',
    'app://console/%E0%A4%A',
    'app://console/assets/link.txt',
    'app://console//etc/passwd',
  ])('refuses to leave the renderer build: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('customer data');
  });

  it('serves nothing for another host of the scheme', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
  });

  it.each(['POST', 'PUT', 'DELETE'])('refuses %s', async (method) => {
    expect((await get('app://console/index.html', method)).status).toBe(405);
  });
});
