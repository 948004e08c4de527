/**
 * What a browser may keep of the console's files: the build's hashed assets for good (a changed
 * file gets a new name), the page itself never without asking (so a new build shows at once).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import { createFakeCore } from '../support/fake-core.ts';
import { tinyRendererDir } from '../support/http.ts';

let host: WebHost;

beforeAll(async () => {
  const dir = tinyRendererDir();
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'index-C1QEjieh.js'), 'export {};');
  writeFileSync(join(dir, 'assets', 'ReviewView-D-DPMrQ_.js'), 'export {};');
  writeFileSync(join(dir, 'assets', 'notes.js'), 'export {};');
  host = await startWebHost({ core: createFakeCore(), rendererDir: dir, port: 0 });
});
afterAll(async () => {
  await host.close();
});

const cacheControl = async (path: string) => {
  const res = await fetch(`${host.origin}${path}`);
  expect(res.status).toBe(200);
  return res.headers.get('cache-control');
};

describe('web host: caching of the console’s files', () => {
  it('lets the browser keep hashed assets for good', async () => {
    expect(await cacheControl('/assets/index-C1QEjieh.js')).toBe('public, max-age=31536000, immutable');
    expect(await cacheControl('/assets/ReviewView-D-DPMrQ_.js')).toBe('public, max-age=31536000, immutable');
  });

  it('has the page itself, and any file without a content hash, revalidated on every load', async () => {
    expect(await cacheControl('/')).toBe('no-cache');
    expect(await cacheControl('/index.html')).toBe('no-cache');
    expect(await cacheControl('/assets/notes.js')).toBe('no-cache');
  });
});
