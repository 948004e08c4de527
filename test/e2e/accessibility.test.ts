/**
 * Accessibility of every main screen, checked by axe-core in Debian's Chromium: the sign-in
 * screen, the inbox, a ticket, the dashboard, the metrics, the accounts list, an account, My tasks, a contact, the complaint
 * review, settings,
 * knowledge, macros, the search palette, the new-ticket dialog and the shortcut sheet, each in
 * light and dark and in English and Chinese. Any serious or critical violation (contrast below 4.5:1, a control whose name hides its visible text, a
 * scrolling region the keyboard cannot reach, ...) fails the test, listed with where it was found.
 *
 * Run alone with `npm run build:renderer && npx vitest run --project e2e test/e2e/accessibility.test.ts`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../electron/web-host/server.ts';
import type { Core } from '../../electron/core/index.ts';
import { createTranslate } from '../../renderer/src/i18n/catalog.ts';
import { seriousViolations } from '../support/axe.ts';
import { assertChineseFont, launchChromium, screenshot, watchForProblems, type PageProblems } from '../support/browser.ts';
import { openSeededCore, type SeededCore } from '../support/core.ts';
import { assertRendererBuilt, RENDERER_DIR } from '../support/e2e-console.ts';
import { openSyncingCore, type SyncingCore } from '../support/sync-server.ts';

type Translate = ReturnType<typeof createTranslate>;
type Theme = 'light' | 'dark';
type Locale = 'en' | 'zh-CN';

interface Screen {
  name: string;
  /** Goes to the screen and waits until it shows its content. */
  show(page: Page, t: Translate): Promise<void>;
}

let seeded: SeededCore;
let signedOut: SyncingCore;
let browser: Browser;
const opened: { host: WebHost; context: BrowserContext }[] = [];

beforeAll(async () => {
  assertRendererBuilt();
  assertChineseFont();
  seeded = await openSeededCore({ tickets: 300, transport: 'web' });
  signedOut = openSyncingCore({ deviceName: 'accessibility e2e' });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const { context, host } of opened) {
    await context.close();
    await host.close();
  }
  await browser?.close();
  seeded?.close();
  signedOut?.close();
});

async function openPage(core: Core): Promise<{ page: Page; problems: PageProblems; url: string }> {
  const host = await startWebHost({ core, rendererDir: RENDERER_DIR, port: 0 });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  opened.push({ host, context });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.setDefaultNavigationTimeout(30_000);
  const problems = await watchForProblems(page);
  return { page, problems, url: host.url };
}

const heading = (page: Page, id: string) => page.locator(`h1#${id}`).filter({ hasText: /\S/ });

/** Goes to a place of the app by its address, as a link would. */
async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

async function openInbox(page: Page, t: Translate): Promise<void> {
  await go(page, '#/inbox/all');
  await page
    .getByRole('listbox', { name: t('inbox.listLabel', { view: t('view.all') }) })
    .getByRole('option')
    .first()
    .waitFor();
}

/** The screens; one that opens a dialog leaves it open, and the test closes it with Escape. */
const screens = (): Screen[] => [
  {
    name: 'inbox',
    show: openInbox,
  },
  {
    name: 'ticket',
    async show(page) {
      await go(page, `#/tickets/${seeded.fixtures.ticketId}`);
      await heading(page, 'ticket-subject').waitFor();
    },
  },
  {
    name: 'dashboard',
    async show(page) {
      await go(page, '#/dashboard');
      await heading(page, 'dashboard-title').waitFor();
      await page.getByRole('main').locator('table, [role="table"], figure, dl').first().waitFor();
    },
  },
  {
    name: 'metrics',
    async show(page) {
      await go(page, '#/metrics');
      await heading(page, 'metrics-title').waitFor();
      await page.locator('.metrics-figures dl').waitFor();
    },
  },
  {
    name: 'accounts',
    async show(page, t) {
      await go(page, '#/accounts');
      await page
        .getByRole('listbox', { name: t('accounts.listLabel') })
        .getByRole('option')
        .first()
        .waitFor();
    },
  },
  {
    name: 'account',
    async show(page) {
      await go(page, `#/accounts/${seeded.fixtures.accountId}`);
      await heading(page, 'account-title').waitFor();
    },
  },
  {
    name: 'my tasks',
    async show(page) {
      await go(page, '#/tasks');
      await heading(page, 'tasks-title').waitFor();
    },
  },
  {
    name: 'contact',
    async show(page) {
      await go(page, `#/contacts/${seeded.fixtures.contactId}`);
      await heading(page, 'contact-title').waitFor();
    },
  },
  {
    name: 'complaints',
    async show(page, t) {
      await go(page, '#/complaints');
      await page.getByRole('heading', { level: 1, name: t('complaints.review.title') }).waitFor();
      await page
        .getByRole('region', { name: t('complaints.review.byCategory') })
        .getByRole('table')
        .waitFor();
    },
  },
  {
    name: 'settings',
    async show(page) {
      await go(page, '#/settings');
      await heading(page, 'settings-title').waitFor();
    },
  },
  {
    name: 'knowledge',
    async show(page, t) {
      await go(page, '#/knowledge');
      await page
        .getByRole('listbox', { name: t('knowledge.listLabel') })
        .getByRole('option')
        .first()
        .waitFor();
    },
  },
  {
    name: 'macros',
    async show(page, t) {
      await go(page, '#/macros');
      await page
        .getByRole('table', { name: t('macros.listLabel') })
        .getByRole('row')
        .nth(1)
        .waitFor();
    },
  },
  {
    name: 'palette',
    async show(page, t) {
      await openInbox(page, t);
      await page.keyboard.press('Control+k');
      const dialog = page.getByRole('dialog', { name: t('palette.title') });
      await dialog.getByRole('combobox', { name: t('search.label') }).fill('invoice');
      await dialog.getByRole('option').first().waitFor();
    },
  },
  {
    name: 'new-ticket',
    async show(page, t) {
      await openInbox(page, t);
      await page.keyboard.press('c');
      await page.getByRole('dialog', { name: t('newTicket.title') }).waitFor();
    },
  },
  {
    name: 'shortcuts',
    async show(page, t) {
      await openInbox(page, t);
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: t('shortcut.title') }).waitFor();
    },
  },
];

const combinations: { theme: Theme; locale: Locale }[] = [
  { theme: 'light', locale: 'en' },
  { theme: 'dark', locale: 'en' },
  { theme: 'light', locale: 'zh-CN' },
  { theme: 'dark', locale: 'zh-CN' },
];

/** Applies the theme and language through Core, as Settings does, and waits for the page to show them. */
async function use(core: Core, page: Page, url: string, theme: Theme, locale: Locale): Promise<void> {
  const saved = await core.dispatch('settings.update', { theme, locale });
  if (!saved.ok) throw new Error(`settings.update failed: ${saved.error.message}`);
  await page.goto(url);
  await page.locator(`html[lang="${locale}"][data-theme="${theme}"]`).waitFor({ state: 'attached' });
}

for (const { theme, locale } of combinations) {
  describe(`accessibility in ${locale}, ${theme} (axe-core: no serious or critical violation)`, () => {
    const t = createTranslate(locale);
    let signIn: Awaited<ReturnType<typeof openPage>>;
    let app: Awaited<ReturnType<typeof openPage>>;

    beforeAll(async () => {
      signIn = await openPage(signedOut.core);
      await use(signedOut.core, signIn.page, signIn.url, theme, locale);
      app = await openPage(seeded.core);
      await use(seeded.core, app.page, app.url, theme, locale);
    });

    it('sign-in', async () => {
      await signIn.page.getByRole('heading', { level: 1, name: t('signIn.title') }).waitFor();
      await screenshot(signIn.page, `a11y-sign-in-${locale}-${theme}.png`);
      expect(await seriousViolations(signIn.page)).toEqual([]);
    });

    for (const screen of screens()) {
      it(screen.name, async () => {
        await screen.show(app.page, t);
        await screenshot(app.page, `a11y-${screen.name}-${locale}-${theme}.png`);
        expect(await seriousViolations(app.page)).toEqual([]);
        // Closes a dialog the screen opened (Escape elsewhere does nothing).
        await app.page.keyboard.press('Escape');
      });
    }

    it('raised no page errors, console errors or CSP violations', () => {
      expect([...signIn.problems.list, ...app.problems.list]).toEqual([]);
    });
  });
}
