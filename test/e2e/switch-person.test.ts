/**
 * End to end, in Chromium, one device changing hands: the console's tab gets a new start link
 * (the web host ran again, with a new token) and takes it without a manual reload; the agent signs
 * in, works offline, signs out with a change still unsent; the supervisor signs in on the same
 * device, is told whose data is there and that a change of theirs would be lost, accepts that,
 * wipes the device and is signed in.
 *
 * One demo server; the console's Core reaches it through a proxy the test cuts. The steps share
 * the console, in order.
 *
 * `npm test` builds the renderer first; run alone with
 * `npm run build:renderer && npx vitest run --project e2e test/e2e/switch-person.test.ts`.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost } from '../../electron/web-host/server.ts';
import { createTranslate } from '../../renderer/src/i18n/catalog.ts';
import type { ChannelOutput } from '../../shared/contract/channels.ts';
import { DEMO_AGENT_EMAIL, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../shared/demo/credentials.ts';
import { launchChromium } from '../support/browser.ts';
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy.ts';
import { assertRendererBuilt, closeConsole, openConsole, RENDERER_DIR, type E2eConsole } from '../support/e2e-console.ts';
import { startDemoServer, type DemoServer } from '../support/sync-server.ts';

const SUPERVISOR_EMAIL = `supervisor@${DEMO_EMAIL_DOMAIN}`;
const en = createTranslate('en');
const SYNC_WAIT_MS = 15_000;

let server: DemoServer;
let proxy: CuttableProxy;
let browser: Browser;
let device: E2eConsole;
/** The agent as the console knows them, once signed in. */
let agentName: string;
/** The ticket the agent changed offline: the change that never reaches the server. */
let unsentTicketId: string;

beforeAll(async () => {
  assertRendererBuilt();
  server = await startDemoServer({ tickets: 200 });
  proxy = await startCuttableProxy(server.server.url);
  browser = await launchChromium();
  device = await openConsole(browser, 'shared device e2e', SYNC_WAIT_MS);
});

afterAll(async () => {
  await closeConsole(device);
  await browser?.close();
  await proxy?.close();
  await server?.close();
});

const nav = (page: Page) => page.getByRole('navigation', { name: en('app.primaryNav') });
const indicator = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function fillSignIn(page: Page, email: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: en('signIn.title') }).waitFor();
  await page.getByLabel(en('signIn.serverUrl')).fill(proxy.url);
  await page.getByLabel(en('signIn.email')).fill(email);
  await page.getByLabel(en('signIn.password')).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: en('signIn.submit'), exact: true }).click();
}

describe('a device that changes hands', () => {
  it('takes a new start link in a tab that already shows the console, without a manual reload', async () => {
    const { page } = device;
    await page.goto(device.host.url);
    await page.getByRole('heading', { level: 1, name: en('signIn.title') }).waitFor();

    // The web host runs again on the same address with a new token; its new link is opened in this tab.
    const port = device.host.port;
    await device.host.close();
    device.host = await startWebHost({ core: device.core.core, rendererDir: RENDERER_DIR, port });
    await Promise.all([page.waitForEvent('load'), page.goto(device.host.url)]);
    expect(page.url()).not.toContain(device.host.token);

    await fillSignIn(page, DEMO_AGENT_EMAIL);
    await nav(page).waitFor();
    await indicator(page, en('connection.online')).waitFor();
    const session = await device.core.call<ChannelOutput<'session.get'>>('session.get', {});
    agentName = session.user!.name;
  });

  it('signs the agent out with a change still unsent', async () => {
    const { page } = device;
    proxy.cut();
    // The live socket closes with the cut: the console says so at once.
    await indicator(page, en('connection.offline')).waitFor();
    const { rows } = await device.core.call<ChannelOutput<'tickets.list'>>('tickets.list', { view: 'all', limit: 1 });
    unsentTicketId = rows[0]!.id;
    await device.core.call('mutations.run', { name: 'ticket.tags', args: { id: unsentTicketId, add: ['left-on-device'] } });
    await indicator(page, `${en('connection.offline')} ${en('connection.pendingShort', { count: 1 })}`).waitFor();

    await nav(page)
      .getByRole('button', { name: en('account.menu', { name: agentName }) })
      .click();
    await page.getByRole('button', { name: en('account.signOut'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: en('signIn.title') }).waitFor();
    proxy.restore();
  });

  it('tells the next person whose data is on the device, and wipes it for them only once they accept losing the unsent change', async () => {
    const { page } = device;
    await fillSignIn(page, SUPERVISOR_EMAIL);

    const panel = page.getByRole('region', { name: en('signIn.otherPerson.title') });
    await panel.waitFor();
    await expect.poll(() => panel.textContent()).toContain(en('signIn.otherPerson.unsent', { name: agentName, count: 1 }));
    expect(await panel.textContent()).toContain(
      en('signIn.otherPerson.body', { name: agentName, email: DEMO_AGENT_EMAIL, newEmail: SUPERVISOR_EMAIL }),
    );
    expect(await page.getByText(en('error.FORBIDDEN')).count()).toBe(0);
    const wipe = panel.getByRole('button', { name: en('signIn.otherPerson.wipe', { newEmail: SUPERVISOR_EMAIL }) });
    expect(await wipe.isDisabled()).toBe(true);
    expect(await panel.getByRole('button', { name: en('signIn.otherPerson.signInAsThem', { name: agentName }) }).isVisible()).toBe(true);

    await panel.getByRole('checkbox', { name: en('signIn.otherPerson.discard', { name: agentName, count: 1 }) }).check();
    await wipe.click();
    await nav(page).waitFor();
    await indicator(page, en('connection.online')).waitFor();
    const session = await device.core.call<ChannelOutput<'session.get'>>('session.get', {});
    expect(session.user?.email).toBe(SUPERVISOR_EMAIL);
    expect(session.deviceHolder).toMatchObject({ email: SUPERVISOR_EMAIL, unsentChanges: 0 });

    // The agent's unsent change went with the wipe: the server never had it.
    const { rows } = await server.db.query<{ tags: string[] }>(
      "SELECT data -> 'tags' AS tags FROM records WHERE entity = 'ticket' AND id = $1",
      [unsentTicketId],
    );
    expect(rows[0]?.tags).not.toContain('left-on-device');
  });
});
