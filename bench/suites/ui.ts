/**
 * UI suite: the console in Chromium through the web host, on the benchmark database. Nothing is
 * added to the renderer: timings come from observers the suite installs in the page before it
 * loads (first row in the DOM, long tasks) and from the page's own clock. Baseline: a bare page
 * (bench/ui-baseline) served by a second web host on the same Core, which fetches the same data
 * and writes it as plain elements.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { openCore } from '../../electron/core/index.ts';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import { createTranslate } from '../../renderer/src/i18n/catalog.ts';
import { BUILTIN_VIEWS, type BuiltinView } from '../../shared/domain/views.ts';
import { launchChromium } from '../../test/support/browser.ts';
import type { Dataset } from '../dataset.ts';
import { amount, figure, latency, type Figure } from '../figures.ts';
import { percentiles } from '../measure.ts';

const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
const BASELINE_DIR = fileURLToPath(new URL('../ui-baseline/', import.meta.url));
const FIRST_ROW = '[role="listbox"] [role="option"]';
const MB = 1024 * 1024;
const en = createTranslate('en');

export interface UiOptions {
  dataset: Dataset;
  /** Navigations timed (each in a fresh page). */
  navigations: number;
  /** Mouse-wheel steps while scrolling the inbox (each about 50 rows). */
  wheelSteps: number;
  /** Ticket opens timed. */
  opens: number;
  log: (line: string) => void;
}

declare global {
  interface Window {
    __firstRowAt?: number;
    __longTasks?: number[];
    baselineCall?: (channel: string, input: unknown) => Promise<unknown>;
  }
}

/** Installed before any page script: records when the first inbox row enters the DOM. */
function watchFirstRow(selector: string): void {
  const check = () => {
    if (window.__firstRowAt === undefined && document.querySelector(selector)) {
      window.__firstRowAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

export async function runUiSuite(o: UiOptions): Promise<{ figures: Figure[]; notes: string[] }> {
  // The background integrity check would compete with the figures for the second core.
  const core = openCore({ databasePath: o.dataset.databasePath, transport: 'web', log: () => {}, integrityCheckDelayMs: null });
  const hosts: WebHost[] = [];
  const browser = await launchChromium();
  try {
    const app = await startWebHost({ core, rendererDir: RENDERER_DIR, port: 0 });
    hosts.push(app);
    const bare = await startWebHost({ core, rendererDir: BASELINE_DIR, port: 0 });
    hosts.push(bare);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await context.addInitScript(watchFirstRow, FIRST_ROW);

    o.log('  navigation to first inbox rows');
    const firstRows = await timeNavigations(() => context.newPage(), app.url, o.navigations);
    const firstRowsBaseline = await timeNavigations(() => context.newPage(), bare.url, o.navigations);

    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(app.url);
    await page.waitForSelector(FIRST_ROW);
    o.log('  long tasks while scrolling All tickets');
    const scroll = await scrollInbox(page, o.wheelSteps);

    o.log('  switching views');
    // Queues with no tickets show an empty state, not rows: those are left out.
    const counts = await core.dispatch('views.counts', {});
    if (!counts.ok) throw new Error(`views.counts: ${counts.error.message}`);
    const views = BUILTIN_VIEWS.filter((v) => (counts.value as { builtin: Record<string, { count: number }> }).builtin[v]?.count);
    const switches = await timeViewSwitches(page, views, o.navigations);

    o.log('  ticket open to rendered thread');
    const opens = await timeTicketOpens(page, o);
    const basePage = await context.newPage();
    await basePage.goto(bare.url);
    await basePage.waitForSelector(FIRST_ROW);
    const opensBaseline = await timeBaselineOpens(basePage, o);

    const heapMb = await usedHeapMb(page);
    const heapTicketsNote =
      o.dataset.tickets >= 1_000_000
        ? `${o.dataset.tickets.toLocaleString('en')} tickets in the cache`
        : `measured with ${o.dataset.tickets.toLocaleString('en')} tickets in the cache (the target is for 1,000,000: run with --tickets 1000000)`;
    await context.close();
    return {
      figures: [
        figure({
          id: 'ui.first-rows',
          label: 'navigation to first inbox rows (web host)',
          value: latency(percentiles(firstRows)),
          baseline: { label: 'bare page fetching the same first page', value: latency(percentiles(firstRowsBaseline)) },
        }),
        figure({
          id: 'ui.scroll-long-tasks',
          label: `longest task while scrolling All tickets (${scroll.rowsReached.toLocaleString('en')} rows)`,
          value: amount(scroll.longest, 'ms'),
          note: `${scroll.tasks.length} long tasks (>50 ms is the target's limit; the browser reports those over 50 ms), in ${o.dataset.tickets.toLocaleString('en')} tickets`,
        }),
        figure({
          id: 'ui.view-switch',
          label: `switching views to first rows (${views.length} built-in queues in turn)`,
          value: latency(percentiles(switches)),
        }),
        figure({
          id: 'ui.ticket-open',
          label: 'ticket open to rendered thread (500 messages)',
          value: latency(percentiles(opens)),
          baseline: { label: 'bare page: fetch tickets.get and write the messages', value: latency(percentiles(opensBaseline)) },
        }),
        figure({
          id: 'ui.heap',
          label: 'renderer JS heap after scrolling and opening tickets',
          value: amount(heapMb, 'MB'),
          note: heapTicketsNote,
        }),
      ],
      notes: [
        `UI: Chromium ${browser.version()}, 1440x900; first rows are the "My tickets" queue the console opens on; long tasks observed with PerformanceObserver('longtask') while the All tickets list is scrolled by mouse wheel (${o.wheelSteps} steps of 2,000 px, two frames apart) and then by the End key.`,
      ],
    };
  } finally {
    for (const host of hosts) await host.close();
    await browser.close();
    core.close();
  }
}

async function timeNavigations(newPage: () => Promise<Page>, url: string, count: number): Promise<number[]> {
  const samples: number[] = [];
  // One untimed navigation: the first also pays for starting the renderer process and the HTTP cache.
  for (let i = 0; i <= count; i++) {
    const page = await newPage();
    await page.goto(url);
    await page.waitForSelector(FIRST_ROW, { timeout: 30_000 });
    const at = await page.evaluate(() => window.__firstRowAt ?? Number.NaN);
    if (i > 0) samples.push(at);
    await page.close();
  }
  return samples;
}

const twoFrames = (page: Page) =>
  page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

async function scrollInbox(page: Page, wheelSteps: number): Promise<{ tasks: number[]; longest: number; rowsReached: number }> {
  await page.evaluate(() => {
    location.hash = '#/inbox/all';
  });
  await page.getByRole('heading', { level: 1, name: en('view.all') }).waitFor();
  await page.waitForSelector(FIRST_ROW);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks?.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const list = page.getByRole('listbox', { name: en('inbox.listLabel', { view: en('view.all') }) });
  const box = await list.boundingBox();
  if (!box) throw new Error('the inbox list is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < wheelSteps; i++) {
    await page.mouse.wheel(0, 2000);
    await twoFrames(page);
  }
  await list.focus();
  for (let i = 0; i < Math.max(2, wheelSteps / 10); i++) {
    await page.keyboard.press('End');
    await twoFrames(page);
  }
  // Let the last page arrive and render before reading the observer.
  await page.waitForFunction(() => !document.querySelector('.vlist-placeholder'), undefined, { timeout: 30_000 }).catch(() => {});
  await twoFrames(page);
  const tasks = await page.evaluate(() => window.__longTasks ?? []);
  const rowsReached = await page.evaluate(() =>
    Math.max(0, ...[...document.querySelectorAll('[role="option"]')].map((e) => Number(e.getAttribute('aria-posinset') ?? 0))),
  );
  return { tasks, longest: Math.max(0, ...tasks), rowsReached };
}

/** Opens the 500-message ticket by route (as a click on its row does), from the inbox each time. */
async function timeTicketOpens(page: Page, o: UiOptions): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i <= o.opens; i++) {
    await page.evaluate(() => {
      location.hash = '#/inbox/all';
    });
    await page.waitForSelector(FIRST_ROW);
    const ms = await page.evaluate(async (ticketId) => {
      const start = performance.now();
      location.hash = `#/tickets/${ticketId}`;
      await new Promise<void>((resolve) => {
        const done = () => location.hash.includes(ticketId) && document.querySelector('[role="region"] article') !== null;
        if (done()) return resolve();
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(document, { childList: true, subtree: true });
      });
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      return performance.now() - start;
    }, o.dataset.longThreadTicketId);
    if (i > 0) samples.push(ms);
  }
  return samples;
}

/**
 * A queue picked in the sidebar (its route, as the link sets it) until its first rows are on
 * screen, each of `views` in turn, `rounds` times after one untimed round.
 */
async function timeViewSwitches(page: Page, views: readonly BuiltinView[], rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    for (const view of views) {
      const label = en('inbox.listLabel', { view: en(`view.${view}`) });
      const ms = await page.evaluate(
        async ({ view, label }) => {
          const start = performance.now();
          location.hash = `#/inbox/${view}`;
          await new Promise<void>((resolve) => {
            const done = () =>
              [...document.querySelectorAll('[role="listbox"]')].some(
                (l) => l.getAttribute('aria-label') === label && l.querySelector('[role="option"]'),
              );
            if (done()) return resolve();
            const observer = new MutationObserver(() => {
              if (!done()) return;
              observer.disconnect();
              resolve();
            });
            observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
          });
          await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
          return performance.now() - start;
        },
        { view, label },
      );
      if (round > 0) samples.push(ms);
    }
  }
  return samples;
}

async function timeBaselineOpens(page: Page, o: UiOptions): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i <= o.opens; i++) {
    const ms = await page.evaluate(async (ticketId) => {
      const start = performance.now();
      const detail = (await window.baselineCall?.('tickets.get', { id: ticketId })) as { messages: { body: string }[] };
      const region = document.createElement('div');
      region.setAttribute('role', 'region');
      for (const m of detail.messages) {
        const article = document.createElement('article');
        article.textContent = m.body;
        region.append(article);
      }
      document.body.replaceChildren(region);
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      return performance.now() - start;
    }, o.dataset.longThreadTicketId);
    if (i > 0) samples.push(ms);
  }
  return samples;
}

async function usedHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / MB;
}
