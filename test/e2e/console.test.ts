/**
 * End to end, as a person would use it: a real Core on a seeded database, the web host serving the
 * real renderer build, Debian's Chromium. Sees the demo tickets, moves with J/K, opens one with
 * Enter, switches to Chinese and dark, and opens a ticket again; screenshots of each step land in
 * test-results/screenshots/. Any uncaught page error, console error or CSP violation fails it.
 *
 * `npm test` builds the renderer first; run alone with
 * `npm run build:renderer && npx vitest run --project e2e`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import { createTranslate } from '../../renderer/src/i18n/catalog.ts';
import type { TicketListRow } from '../../shared/contract/channels.ts';
import { assertChineseFont, launchChromium, screenshot, watchForProblems, type PageProblems } from '../support/browser.ts';
import { openSeededCore, type SeededCore } from '../support/core.ts';

const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const en = createTranslate('en');
const zh = createTranslate('zh-CN');

let seeded: SeededCore;
let host: WebHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
/** The first rows of "All tickets" as Core orders them: what the person must see first. */
let firstRows: TicketListRow[];

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('No renderer build in out/renderer: run `npm run build:renderer` first (`npm test` does it for you).');
  }
  assertChineseFont();
  seeded = await openSeededCore({ tickets: 3000, transport: 'web' });
  const page1 = await seeded.core.dispatch('tickets.list', { view: 'all', limit: 3 });
  if (!page1.ok) throw new Error(`tickets.list failed: ${page1.error.message}`);
  firstRows = (page1.value as { rows: TicketListRow[] }).rows;
  host = await startWebHost({ core: seeded.core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(30_000);
  problems = await watchForProblems(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.close();
  seeded?.close();
});

const nav = (t: typeof en) => page.getByRole('navigation', { name: t('app.primaryNav') });
const ticketList = (t: typeof en, view: Parameters<typeof en>[0]) =>
  page.getByRole('listbox', { name: t('inbox.listLabel', { view: t(view) }) });
const row = (i: number) => {
  const r = firstRows[i];
  if (!r) throw new Error(`the demo data has fewer than ${i + 1} tickets`);
  return r;
};

/** Relative luminance (0 black … 1 white) of what is painted behind the main content. */
const backgroundLuminance = () =>
  page.evaluate(() => {
    // The first element from <main> outwards that paints a background (transparent ones show their parent's).
    let element: Element | null = document.querySelector('main') ?? document.body;
    let rgba = [255, 255, 255, 1];
    for (; element; element = element.parentElement) {
      const parts =
        getComputedStyle(element)
          .backgroundColor.match(/[\d.]+/g)
          ?.map(Number) ?? [];
      if (parts.length >= 3 && (parts[3] ?? 1) > 0) {
        rgba = parts;
        break;
      }
    }
    const linear = rgba.slice(0, 3).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]!;
  });

/** Picks one option of a labelled group of radio buttons on the Settings page, as a person clicks it. */
const choose = (t: typeof en, group: Parameters<typeof en>[0], option: Parameters<typeof en>[0]) =>
  page
    .getByRole('group', { name: t(group) })
    .getByRole('radio', { name: t(option) })
    .check();

describe('the console in a browser', () => {
  it('shows the demo tickets in the inbox, in English and light', async () => {
    await page.goto(host.url);
    await nav(en)
      .getByRole('link', { name: en('view.all') })
      .click();
    const list = ticketList(en, 'view.all');
    await list
      .getByRole('option')
      .filter({ hasText: row(0).subject })
      .first()
      .waitFor();
    expect(await list.getByRole('option').count()).toBeGreaterThan(3);
    // The token moved from the address bar into session storage.
    expect(page.url()).not.toContain('token=');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await backgroundLuminance()).toBeGreaterThan(0.7);
    await screenshot(page, 'inbox-en-light.png');
  });

  it('moves with J and K and opens the selected ticket with Enter, showing its thread', async () => {
    const list = ticketList(en, 'view.all');
    await list.focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await list
      .getByRole('option', { selected: true })
      .filter({ hasText: row(1).subject })
      .waitFor();
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: row(1).subject }).waitFor();
    expect(page.url()).toContain(`#/tickets/${row(1).id}`);
    const thread = page.getByRole('region', { name: en('ticket.conversation') });
    await thread.getByRole('article').first().waitFor();
    await screenshot(page, 'ticket-en-light.png');

    await page.keyboard.press('Escape');
    await list.waitFor();
  });

  it('switches to Chinese and the dark theme in Settings, and Core keeps the choice', async () => {
    await nav(en)
      .getByRole('link', { name: en('nav.settings') })
      .click();
    await page.getByRole('heading', { level: 1, name: en('settings.title') }).waitFor();
    await choose(en, 'settings.language', 'settings.locale.zh-CN');
    await page.getByRole('heading', { level: 1, name: zh('settings.title') }).waitFor();
    await choose(zh, 'settings.theme', 'settings.theme.dark');
    await page.locator('html[lang="zh-CN"][data-theme="dark"]').waitFor({ state: 'attached' });
    await expect.poll(backgroundLuminance, { timeout: 5_000 }).toBeLessThan(0.1);
    await screenshot(page, 'settings-zh-dark.png');

    const saved = await seeded.core.dispatch('settings.get', {});
    expect(saved).toMatchObject({ ok: true, value: { locale: 'zh-CN', theme: 'dark' } });
  });

  it('shows the inbox and a ticket in Chinese and dark', async () => {
    await nav(zh)
      .getByRole('link', { name: zh('view.all') })
      .click();
    const list = ticketList(zh, 'view.all');
    await list
      .getByRole('option')
      .filter({ hasText: row(0).subject })
      .first()
      .waitFor();
    await screenshot(page, 'inbox-zh-dark.png');

    // The queue kept the ticket selected earlier; Enter opens it again.
    await list
      .getByRole('option', { selected: true })
      .filter({ hasText: row(1).subject })
      .waitFor();
    await list.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: row(1).subject }).waitFor();
    await page.getByRole('tab', { name: zh('ticket.conversation') }).waitFor();
    await page
      .getByRole('region', { name: zh('ticket.conversation') })
      .getByRole('article')
      .first()
      .waitFor();
    await screenshot(page, 'ticket-zh-dark.png');
  });

  it('keeps working after a reload, with the token from session storage', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: row(1).subject }).waitFor();
  });

  it('raised no page errors, console errors or CSP violations', () => {
    expect(problems.list).toEqual([]);
  });
});
