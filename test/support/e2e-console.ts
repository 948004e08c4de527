/**
 * One console of an end-to-end test, as a person has it: a syncing Core, the web host serving the
 * built renderer from it, and a Chromium context with its page, watched for page errors, console
 * errors and CSP violations.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import { watchForProblems, type PageProblems } from './browser.ts';
import { openSyncingCore, type SyncingCore } from './sync-server.ts';

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface E2eConsole {
  core: SyncingCore;
  host: WebHost;
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/** Refuses to start without a renderer build: the tests drive what `npm run build:renderer` made. */
export function assertRendererBuilt(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('No renderer build in out/renderer: run `npm run build:renderer` first (`npm test` does it for you).');
  }
}

/** `waitMs`: how long the page may take to show what sync delivers. */
export async function openConsole(browser: Browser, deviceName: string, waitMs: number): Promise<E2eConsole> {
  const core = openSyncingCore({ deviceName });
  const host = await startWebHost({ core: core.core, rendererDir: RENDERER_DIR, port: 0 });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(waitMs);
  page.setDefaultNavigationTimeout(30_000);
  const problems = await watchForProblems(page);
  return { core, host, context, page, problems };
}

export async function closeConsole(c: E2eConsole | undefined): Promise<void> {
  if (!c) return;
  await c.context.close();
  await c.host.close();
  c.core.close();
}
