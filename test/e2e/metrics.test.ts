/**
 * The metrics screen end to end, offline: a Core on a seeded database with no server, the web host
 * serving the real renderer build, Debian's Chromium. The figures come from the local cache, the
 * chart draws, a filter narrows them, and the CSV export's total row matches the figure on screen;
 * screenshots in English/light and Chinese/dark land in test-results/screenshots/. Any uncaught page
 * error, console error or CSP violation fails it.
 *
 * Run alone with `npm run build:renderer && npx vitest run --project e2e test/e2e/metrics.test.ts`.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import { createTranslate } from '../../renderer/src/i18n/catalog.ts';
import type { MetricsReport } from '../../shared/metrics/report.ts';
import { assertChineseFont, launchChromium, screenshot, watchForProblems, type PageProblems } from '../support/browser.ts';
import { openSeededCore, type SeededCore } from '../support/core.ts';
import { assertRendererBuilt, RENDERER_DIR } from '../support/e2e-console.ts';

const en = createTranslate('en');
const zh = createTranslate('zh-CN');

let seeded: SeededCore;
let host: WebHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  assertRendererBuilt();
  assertChineseFont();
  seeded = await openSeededCore({ tickets: 1500, transport: 'web' });
  host = await startWebHost({ core: seeded.core, rendererDir: RENDERER_DIR, port: 0 });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1440, height: 1100 },
    locale: 'en-US',
    colorScheme: 'light',
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  problems = await watchForProblems(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.close();
  seeded?.close();
});

const stat = (label: string) =>
  page
    .locator('.stat')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('.stat-number');
const numberOf = async (label: string) => Number((await stat(label).innerText()).replace(/[^\d]/g, ''));

describe('the metrics screen, offline', () => {
  it('shows the last 30 days from the local cache, with the trend drawn', async () => {
    await page.goto(host.url);
    await page
      .getByRole('navigation', { name: en('app.primaryNav') })
      .getByRole('link', { name: en('nav.metrics') })
      .click();
    await page.getByRole('heading', { level: 1, name: en('metrics.title') }).waitFor();
    await page
      .getByRole('region', { name: en('metrics.agents') })
      .getByRole('table')
      .waitFor();
    await page.locator('.trend-chart canvas').waitFor();
    const direct = await seeded.core.dispatch('metrics.compute', {
      period: '30d',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    if (!direct.ok) throw new Error(direct.error.message);
    expect(await numberOf(en('metrics.created'))).toBe((direct.value as MetricsReport).figures.volume.created);
    expect(await numberOf(en('metrics.created'))).toBeGreaterThan(0);
    await screenshot(page, 'metrics-en-light.png');
    // The per-agent table, with each agent's available and break time beside their work.
    const agents = page.getByRole('region', { name: en('metrics.agents') });
    await agents.getByRole('columnheader', { name: en('metrics.available') }).waitFor();
    await agents.scrollIntoViewIfNeeded();
    await screenshot(page, 'metrics-agents-en-light.png');
  });

  it('narrows to one channel and exports a CSV whose total row is the figure on screen', async () => {
    const before = await numberOf(en('metrics.created'));
    await page.getByRole('combobox', { name: en('metrics.filter.channel') }).selectOption({ label: en('channel.email') });
    await expect.poll(() => numberOf(en('metrics.created'))).toBeLessThan(before);
    const shown = await numberOf(en('metrics.created'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en('metrics.export') }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    const total = lines.at(-1)!.split(',');
    expect(Number(total[2])).toBe(shown);
    // The days add up to the total.
    expect(lines.slice(1, -1).reduce((s, l) => s + Number(l.split(',')[2]), 0)).toBe(shown);
  });

  it('reads in Chinese and dark', async () => {
    const saved = await seeded.core.dispatch('settings.update', { locale: 'zh-CN', theme: 'dark' });
    expect(saved.ok).toBe(true);
    await page.reload();
    await page.locator('html[lang="zh-CN"][data-theme="dark"]').waitFor({ state: 'attached' });
    await page.getByRole('heading', { level: 1, name: zh('metrics.title') }).waitFor();
    await page.locator('.trend-chart canvas').waitFor();
    await page
      .getByRole('region', { name: zh('metrics.agents') })
      .getByRole('table')
      .waitFor();
    await screenshot(page, 'metrics-zh-dark.png');
    await page.getByRole('region', { name: zh('metrics.agents') }).scrollIntoViewIfNeeded();
    await screenshot(page, 'metrics-agents-zh-dark.png');
    expect(problems.list).toEqual([]);
  });
});
