/**
 * End to end, offline work and its return, as two people would live it: one server seeded with the
 * demo tenant, two consoles (the demo agent's and the demo supervisor's), each its own Core behind
 * its own web host, each in its own Chromium context. The agent's Core reaches the server through
 * a proxy the test cuts: the agent goes offline, replies, adds a note and changes the status of a
 * ticket, while the supervisor, online, puts the same ticket on hold. When the proxy is restored
 * the agent's changes reach the supervisor exactly once, and the status change comes back as a
 * conflict the agent resolves in the Sync issues dialog. Screenshots land in
 * test-results/screenshots/. Any page error, console error or CSP violation fails it.
 *
 * `npm test` builds the renderer first; run alone with
 * `npm run build:renderer && npx vitest run --project e2e test/e2e/sync.test.ts`.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslate } from '../../renderer/src/i18n/catalog.ts';
import type { ChannelOutput, TicketListRow } from '../../shared/contract/channels.ts';
import { DEMO_AGENT_EMAIL, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../shared/demo/credentials.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy.ts';
import { assertRendererBuilt, closeConsole, openConsole, type E2eConsole } from '../support/e2e-console.ts';
import { startDemoServer, type DemoServer } from '../support/sync-server.ts';

type TicketDetail = ChannelOutput<'tickets.get'>;

const SUPERVISOR_EMAIL = `supervisor@${DEMO_EMAIL_DOMAIN}`;
const en = createTranslate('en');
/** How long the UI may take to show something that sync delivers (pokes are immediate; retries back off to 1 s). */
const SYNC_WAIT_MS = 15_000;

const REPLY = 'Thanks for your patience: we found the cause and a fix is on its way.';
const NOTE = 'Customer called twice already; keep them updated daily.';

let server: DemoServer;
let proxy: CuttableProxy;
let browser: Browser;
let agent: E2eConsole;
let supervisor: E2eConsole;
let supervisorName: string;
let ticket: TicketListRow;

beforeAll(async () => {
  assertRendererBuilt();
  server = await startDemoServer({ tickets: 200 });
  supervisorName = server.demo.users.find((u) => u.email === SUPERVISOR_EMAIL)?.name ?? '';
  if (!supervisorName) throw new Error(`the demo tenant has no ${SUPERVISOR_EMAIL}`);
  proxy = await startCuttableProxy(server.server.url);
  browser = await launchChromium();
  agent = await openConsole(browser, 'agent e2e', SYNC_WAIT_MS);
  supervisor = await openConsole(browser, 'supervisor e2e', SYNC_WAIT_MS);
});

afterAll(async () => {
  await closeConsole(agent);
  await closeConsole(supervisor);
  await browser?.close();
  await proxy?.close();
  await server?.close();
});

// ---- what a person looks at ----

/** The connection indicator in the top bar; its name reads e.g. "Offline 3 pending" or "Online 1 issue". */
const indicator = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: true });
const syncDialog = (page: Page) => page.getByRole('dialog', { name: en('sync.title') });
const thread = (page: Page) => page.getByRole('region', { name: en('ticket.conversation') });
const messageCard = (page: Page, body: string) => thread(page).getByRole('article').filter({ hasText: body });
const statusPicker = (page: Page) => page.getByRole('combobox', { name: en('ticket.status'), exact: true });

/** The status the ticket page's picker shows, as its label. */
const shownStatus = (page: Page) =>
  statusPicker(page)
    .locator('option:checked')
    .textContent()
    .then((text) => text?.trim());

async function openTicketFromQueue(page: Page, row: TicketListRow): Promise<void> {
  await page
    .getByRole('navigation', { name: en('app.primaryNav') })
    .getByRole('link', { name: en('view.my_teams') })
    .click();
  await page
    .getByRole('listbox', { name: en('inbox.listLabel', { view: en('view.my_teams') }) })
    .getByRole('option')
    .filter({ hasText: row.subject })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: row.subject }).waitFor();
}

/** Writes a reply or an internal note in the composer and sends it with Ctrl+Enter. */
async function write(page: Page, mode: 'reply' | 'note', body: string): Promise<void> {
  const composer = page.getByRole('form', { name: en('composer.title') });
  await composer.getByRole('radio', { name: en(`composer.mode.${mode}`) }).check();
  const box = composer.getByRole('textbox', { name: en(mode === 'reply' ? 'composer.replyLabel' : 'composer.noteLabel') });
  await box.fill(body);
  await box.press('Control+Enter');
  await messageCard(page, body).waitFor();
}

/** Marks next to a message ("Waiting to send", "Sent"), matched exactly so a body that mentions them does not count. */
const delivery = (card: Locator, key: 'delivery.pending' | 'delivery.sent') => card.getByText(en(key), { exact: true });

// ---- what the server holds ----

async function serverStatus(ticketId: string): Promise<string | undefined> {
  const { rows } = await server.db.query<{ status: string }>(
    "SELECT data ->> 'status' AS status FROM records WHERE entity = 'ticket' AND id = $1",
    [ticketId],
  );
  return rows[0]?.status;
}

async function serverMessages(ticketId: string, body: string): Promise<{ id: string; kind: string }[]> {
  const { rows } = await server.db.query<{ id: string; kind: string }>(
    "SELECT id::text AS id, data ->> 'kind' AS kind FROM records WHERE entity = 'message' AND data ->> 'ticketId' = $1 AND data ->> 'body' = $2",
    [ticketId, body],
  );
  return rows;
}

describe('two consoles, one offline for a while', () => {
  it('signs the agent in through the sign-in screen, via the proxy, and the supervisor directly', async () => {
    const { page } = agent;
    await page.goto(agent.host.url);
    await page.getByRole('heading', { level: 1, name: en('signIn.title') }).waitFor();
    await page.getByLabel(en('signIn.serverUrl')).fill(proxy.url);
    await page.getByLabel(en('signIn.email')).fill(DEMO_AGENT_EMAIL);
    await page.getByLabel(en('signIn.password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: en('signIn.submit') }).click();
    await page.getByRole('navigation', { name: en('app.primaryNav') }).waitFor();
    // Online only once the first sync (the whole bootstrap) is over.
    await indicator(page, en('connection.online')).waitFor();

    await supervisor.core.call('session.signIn', { serverUrl: server.server.url, email: SUPERVISOR_EMAIL, password: DEMO_PASSWORD });
    await supervisor.core.call('sync.now', {});
    await supervisor.page.goto(supervisor.host.url);
    await indicator(supervisor.page, en('connection.online')).waitFor();

    // A ticket both can see and change: open, in one of the agent's teams, near the top of that queue.
    const queue = await agent.core.call<{ rows: TicketListRow[] }>('tickets.list', { view: 'my_teams', limit: 10 });
    const open = queue.rows.find((r) => r.status === 'open');
    if (!open) throw new Error(`none of the first ${queue.rows.length} tickets of the agent's teams is open`);
    ticket = open;
    const seen = await supervisor.core.call<TicketDetail>('tickets.get', { id: ticket.id });
    expect(seen.ticket.status).toBe('open');
  });

  it('shows Offline when the server cannot be reached, and keeps the agent working with pending changes', async () => {
    const { page } = agent;
    proxy.cut();
    // The live socket drops with the connection: the console says Offline by itself, without
    // waiting for its next request to fail.
    await indicator(page, en('connection.offline')).waitFor();

    await openTicketFromQueue(page, ticket);
    await write(page, 'reply', REPLY);
    await write(page, 'note', NOTE);
    await statusPicker(page).selectOption({ label: en('status.pending') });

    await indicator(page, `${en('connection.offline')} ${en('connection.pendingShort', { count: 3 })}`).waitFor();
    await delivery(messageCard(page, REPLY), 'delivery.pending').waitFor();
    await delivery(messageCard(page, NOTE), 'delivery.pending').waitFor();
    expect(await shownStatus(page)).toBe(en('status.pending'));
    // The thread stays where it was: the person scrolls down to what they just wrote.
    await messageCard(page, NOTE).scrollIntoViewIfNeeded();
    await screenshot(page, 'agent-offline.png');

    // Nothing of it reached the server.
    expect(await serverMessages(ticket.id, REPLY)).toEqual([]);
    expect(await serverStatus(ticket.id)).toBe('open');
  });

  it('lets the supervisor, online, put the same ticket on hold meanwhile', async () => {
    const { page } = supervisor;
    // The supervisor follows a link to the ticket.
    await page.evaluate((id) => {
      location.hash = `#/tickets/${id}`;
    }, ticket.id);
    await page.getByRole('heading', { level: 1, name: ticket.subject }).waitFor();
    await statusPicker(page).selectOption({ label: en('status.on_hold') });
    await expect.poll(() => serverStatus(ticket.id), { timeout: SYNC_WAIT_MS }).toBe('on_hold');
    await indicator(page, en('connection.online')).waitFor();
  });

  it('delivers the reply and the note exactly once when the agent is back, and marks them sent', async () => {
    proxy.restore();
    // Back online by itself (retries and the live socket), with the status change come back as an issue.
    await indicator(agent.page, `${en('connection.online')} ${en('connection.issuesShort', { count: 1 })}`).waitFor();
    await delivery(messageCard(agent.page, REPLY), 'delivery.sent').waitFor();
    await delivery(messageCard(agent.page, NOTE), 'delivery.sent').waitFor();

    const { page } = supervisor;
    await messageCard(page, REPLY).waitFor();
    await messageCard(page, NOTE).waitFor();
    expect(await messageCard(page, REPLY).count()).toBe(1);
    expect(await messageCard(page, NOTE).count()).toBe(1);
    // Someone else's messages carry no delivery marks.
    expect(await delivery(messageCard(page, REPLY), 'delivery.sent').count()).toBe(0);
    expect(await shownStatus(page)).toBe(en('status.on_hold'));
    await messageCard(page, NOTE).scrollIntoViewIfNeeded();
    await screenshot(page, 'supervisor-view.png');

    // The server holds each once, under the id the agent's console gave it.
    const agentThread = await agent.core.call<TicketDetail>('tickets.get', { id: ticket.id });
    const idOf = (body: string) => agentThread.messages.filter((m) => m.body === body).map((m) => m.id);
    expect(await serverMessages(ticket.id, REPLY)).toEqual([{ id: idOf(REPLY)[0], kind: 'reply' }]);
    expect(await serverMessages(ticket.id, NOTE)).toEqual([{ id: idOf(NOTE)[0], kind: 'note' }]);
    expect(idOf(REPLY)).toHaveLength(1);
    expect(idOf(NOTE)).toHaveLength(1);
  });

  it('shows the agent the status conflict with both values and who set theirs, and applies the agent’s choice', async () => {
    const { page } = agent;
    // The agent's ticket now shows the server's value: the supervisor's.
    await expect.poll(() => shownStatus(page), { timeout: SYNC_WAIT_MS }).toBe(en('status.on_hold'));

    await indicator(page, `${en('connection.online')} ${en('connection.issuesShort', { count: 1 })}`).click();
    const dialog = syncDialog(page);
    const issue = dialog
      .getByRole('list', { name: en('sync.issuesTitle') })
      .getByRole('article')
      .filter({ hasText: ticket.subject });
    await issue.waitFor();
    await issue.getByText(en('sync.kind.conflict'), { exact: true }).waitFor();
    const text = (await issue.getByLabel(en('ticket.status'), { exact: true }).textContent()) ?? '';
    expect(text).toMatch(new RegExp(`${en('sync.theirs')}\\s*${en('status.on_hold')}`));
    expect(text).toContain(en('sync.setBy', { name: supervisorName }));
    expect(text).toMatch(new RegExp(`${en('sync.mine')}\\s*${en('status.pending')}`));
    await screenshot(page, 'agent-conflict.png');

    await issue.getByRole('button', { name: en('sync.applyMine') }).click();
    await dialog.getByText(en('sync.noIssues')).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Settled everywhere: the agent's Pending on both consoles and on the server, nothing waiting.
    await indicator(page, en('connection.online')).waitFor();
    await expect.poll(() => shownStatus(page), { timeout: SYNC_WAIT_MS }).toBe(en('status.pending'));
    await expect.poll(() => serverStatus(ticket.id), { timeout: SYNC_WAIT_MS }).toBe('pending');
    await expect.poll(() => shownStatus(supervisor.page), { timeout: SYNC_WAIT_MS }).toBe(en('status.pending'));
    await delivery(messageCard(page, NOTE), 'delivery.sent').scrollIntoViewIfNeeded();
    await screenshot(page, 'agent-resolved.png');
  });

  it('raised no page errors, console errors or CSP violations in either console', () => {
    expect(agent.problems.list).toEqual([]);
    expect(supervisor.problems.list).toEqual([]);
  });
});
