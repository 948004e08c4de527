/**
 * End to end, an agent's morning as the demo agent would live it, in Chromium, by keyboard where a
 * person would use it: sign in through the sign-in screen, take three tickets from Unassigned with
 * X and the bulk bar, answer the first with a macro (M, Ctrl+Enter), leave a note (N), then lose
 * the network and keep working: solve-and-next (S), merge a duplicate, find a customer by a word
 * they wrote (Ctrl+K), log their phone call as a new ticket (C). Back online, everything reaches
 * the server exactly once under the ids the agent's console gave it, and the supervisor's console
 * sees the phone ticket with the number the server gave it.
 *
 * One demo server; the agent's Core reaches it through a proxy the test cuts; the supervisor's
 * console (its own Core, web host and browser context) reaches it directly. The steps share state
 * (the tickets taken, the phone ticket) at module level, in order, so later steps can be appended
 * as further `it`s of the morning's `describe`; the check for page errors, console errors and CSP
 * violations is its own `describe` at the end and runs after all of them. Screenshots land in
 * test-results/screenshots/ (morning-*.png).
 *
 * `npm test` builds the renderer first; run alone with
 * `npm run build:renderer && npx vitest run --project e2e test/e2e/agent-morning.test.ts`.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslate } from '../../renderer/src/i18n/catalog.ts';
import type { ChannelOutput, TicketListRow } from '../../shared/contract/channels.ts';
import { DEMO_AGENT_EMAIL, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../shared/demo/credentials.ts';
import { assertChineseFont, launchChromium, screenshot } from '../support/browser.ts';
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy.ts';
import { assertRendererBuilt, closeConsole, openConsole, type E2eConsole } from '../support/e2e-console.ts';
import { startDemoServer, type DemoServer } from '../support/sync-server.ts';

type TicketDetail = ChannelOutput<'tickets.get'>;
type Directory = ChannelOutput<'directory.get'>;
type ViewCounts = ChannelOutput<'views.counts'>;
type Settings = ChannelOutput<'settings.get'>;
type Translate = typeof en;

const SUPERVISOR_EMAIL = `supervisor@${DEMO_EMAIL_DOMAIN}`;
const en = createTranslate('en');
const zh = createTranslate('zh-CN');
/**
 * How long the UI may take to show something that sync delivers (pokes are immediate; retries back
 * off to 1 s). A bound, not a wait: generous, because CI runs the e2e files beside each other on two
 * cores, where a held reply and its push once took longer than 20 s.
 */
const SYNC_WAIT_MS = 30_000;
/** The same for a public reply, and what was queued after it: it first waits out the undo window (5 s by default). */
const HELD_SYNC_WAIT_MS = SYNC_WAIT_MS + 5_000;

const MACRO_TITLE = 'Ask for more details';
const NOTE = 'Asked for steps and a screenshot; I will look again once they write back.';
const PHONE_SUBJECT = 'Phone call: follow-up on their earlier message';
const SUPERVISOR_REPLY = 'Hi, this is the team lead: I have refunded the difference, no need to do anything on your side.';
const LATE_REPLY = 'Following up on our call: here is the summary I promised.';
const PHONE_NOTE = 'Called in about the message they sent us; walked them through it on the phone and promised an email summary.';

let server: DemoServer;
let proxy: CuttableProxy;
let browser: Browser;
let agent: E2eConsole;
let supervisor: E2eConsole;
/** The demo agent, as their console's directory has them. */
let me: NonNullable<Directory['me']>;
let settingsBefore: Settings;

/** The three tickets taken from Unassigned, as Unassigned listed them. */
let taken: TicketListRow[] = [];
/** What the sidebar says Mine holds once they are taken. */
let mineCount: number;
/** The taken ticket Mine lists first: answered with the macro, noted, solved. */
let answered: TicketListRow;
/** The next ticket of the queue after solving: merged, as a duplicate, into `mergeTarget`. */
let duplicate: TicketListRow;
let mergeTarget: TicketListRow;
/** The ids of the duplicate's messages (system ones aside) before the merge: they move to the target. */
let movedMessageIds: string[] = [];
/** The reply the macro wrote, as it reads on the answered ticket. */
let macroReply: string;
/** A customer found by a word of theirs, and the ticket that word is in. */
let customer: { word: string; ticketId: string; subject: string; requesterId: string; requesterName: string };
/** The ticket logged for the phone call: the id the agent's console gave it. */
let phoneTicketId: string;

beforeAll(async () => {
  assertRendererBuilt();
  assertChineseFont();
  server = await startDemoServer({ tickets: 1000 });
  proxy = await startCuttableProxy(server.server.url);
  browser = await launchChromium();
  agent = await openConsole(browser, 'agent morning e2e', SYNC_WAIT_MS);
  supervisor = await openConsole(browser, 'supervisor morning e2e', SYNC_WAIT_MS);
});

afterAll(async () => {
  await closeConsole(agent);
  await closeConsole(supervisor);
  await browser?.close();
  await proxy?.close();
  await server?.close();
});

// ---- what a person looks at ----

const nav = (page: Page, t: Translate = en) => page.getByRole('navigation', { name: t('app.primaryNav') });
/** A queue in the sidebar; its name reads e.g. "Mine 12 tickets". */
const queueLink = (page: Page, view: 'view.mine' | 'view.unassigned') =>
  nav(page).getByRole('link', { name: new RegExp(`^${en(view)}\\b`) });
const queueLinkWithCount = (page: Page, view: 'view.mine' | 'view.unassigned', count: number) =>
  nav(page).getByRole('link', {
    name: `${en(view)} ${en('views.countLabel', { count, shown: new Intl.NumberFormat('en').format(count) })}`,
    exact: true,
  });
const ticketList = (page: Page, view: 'view.mine' | 'view.unassigned') =>
  page.getByRole('listbox', { name: en('inbox.listLabel', { view: en(view) }) });
/** A ticket's row in a queue, by its number (demo subjects repeat). */
const rowOf = (list: Locator, row: TicketListRow) =>
  list.getByRole('option').filter({ has: list.page().getByText(`#${row.number}`, { exact: true }) });
/** The connection indicator in the top bar; its name reads e.g. "Offline 3 pending". */
const indicator = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const ticketHeading = (page: Page, subject: string) => page.getByRole('heading', { level: 1, name: subject, exact: true });
const thread = (page: Page, t: Translate = en) => page.getByRole('region', { name: t('ticket.conversation') });
const messageCard = (page: Page, body: string) => thread(page).getByRole('article').filter({ hasText: body });
const delivery = (card: Locator, key: 'delivery.pending' | 'delivery.sent') => card.getByText(en(key), { exact: true });
const composer = (page: Page) => page.getByRole('form', { name: en('composer.title') });
const panel = (page: Page, title: 'links.title' | 'ticket.requester') => page.getByRole('region', { name: en(title), exact: true });
const paletteInput = (page: Page, t: Translate = en) =>
  page.getByRole('dialog', { name: t('palette.title') }).getByRole('combobox', { name: t('search.label') });

/** The id of the ticket the page shows, from its address (#/tickets/<id>). */
const shownTicketId = (page: Page) => /#\/tickets\/([0-9a-f-]{36})$/.exec(page.url())?.[1];

async function goOffline(page: Page): Promise<void> {
  proxy.cut();
  // The console notices only when Core next talks to the server: "Sync now" makes it do so.
  await indicator(page, en('connection.online')).click();
  const dialog = page.getByRole('dialog', { name: en('sync.title') });
  await dialog.getByRole('button', { name: en('sync.now') }).click();
  await indicator(page, en('connection.offline')).waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}

// ---- what the server holds ----

async function serverTicket(id: string) {
  const { rows } = await server.db.query<{ status: string; assignee: string | null; merged_into: string | null; number: string | null }>(
    `SELECT data ->> 'status' AS status, data ->> 'assigneeId' AS assignee, data ->> 'mergedIntoId' AS merged_into,
            data ->> 'number' AS number
     FROM records WHERE entity = 'ticket' AND id = $1`,
    [id],
  );
  return rows[0];
}

async function serverMessages(ticketId: string, body: string): Promise<{ id: string; kind: string }[]> {
  const { rows } = await server.db.query<{ id: string; kind: string }>(
    "SELECT id::text AS id, data ->> 'kind' AS kind FROM records WHERE entity = 'message' AND data ->> 'ticketId' = $1 AND data ->> 'body' = $2",
    [ticketId, body],
  );
  return rows;
}

async function serverMessageIds(ticketId: string): Promise<string[]> {
  const { rows } = await server.db.query<{ id: string }>(
    "SELECT id::text AS id FROM records WHERE entity = 'message' AND data ->> 'ticketId' = $1 AND data ->> 'kind' <> 'system'",
    [ticketId],
  );
  return rows.map((r) => r.id);
}

/**
 * A word a customer really wrote, rare enough to find them by: in exactly one message of the
 * server's data, in no ticket's subject, and, in the agent's console, the only thing a search for
 * it finds. Words are split as the search index splits them (letters and digits).
 */
async function findCustomerWord(avoid: ReadonlySet<string>, ownTexts: readonly string[]): Promise<typeof customer> {
  const { rows } = await server.db.query<{ ticket_id: string; body: string }>(
    "SELECT data ->> 'ticketId' AS ticket_id, data ->> 'body' AS body FROM records WHERE entity = 'message' AND data ->> 'kind' = 'inbound' ORDER BY id",
  );
  const { rows: subjects } = await server.db.query<{ subject: string }>(
    "SELECT data ->> 'subject' AS subject FROM records WHERE entity = 'ticket'",
  );
  const { rows: everything } = await server.db.query<{ body: string }>(
    "SELECT data ->> 'body' AS body FROM records WHERE entity = 'message'",
  );
  // Latin letters or digits: a word a person types as it is (a run of Chinese characters is a phrase, not a word).
  const words = (text: string) =>
    new Set(
      text
        .toLowerCase()
        .split(/[^\p{L}\p{N}_]+/u)
        .filter((w) => /^[a-z0-9]{5,}$/.test(w)),
    );
  // Not in a subject, nor in anything this test writes (the word is searched again later).
  const excluded = new Set([...subjects.map((s) => s.subject), ...ownTexts].flatMap((text) => [...words(text)]));
  const uses = new Map<string, number>();
  for (const m of everything) for (const w of words(m.body)) uses.set(w, (uses.get(w) ?? 0) + 1);
  // Letters first (a name, a product), then codes a customer quotes (an order or invoice number).
  const candidates = rows
    .filter((m) => !avoid.has(m.ticket_id))
    .flatMap((m) => [...words(m.body)].map((word) => ({ word, ticketId: m.ticket_id })))
    .filter(({ word }) => uses.get(word) === 1 && !excluded.has(word))
    .sort((a, b) => Number(/\d/.test(a.word)) - Number(/\d/.test(b.word)));
  for (const { word, ticketId } of candidates.slice(0, 20)) {
    const { hits } = await agent.core.call<ChannelOutput<'search.query'>>('search.query', { q: word, perKind: true, limit: 6 });
    if (hits.length !== 1 || hits[0]?.kind !== 'message' || hits[0].ticketId !== ticketId) continue;
    const detail = await agent.core.call<TicketDetail>('tickets.get', { id: ticketId });
    return { word, ticketId, subject: detail.ticket.subject, requesterId: detail.requester.id, requesterName: detail.requester.name };
  }
  throw new Error('no word of a customer message is rare enough to find that customer by');
}

describe('an agent’s morning: triage, answers, offline work, and all of it on the server once', () => {
  it('signs the agent in through the sign-in screen, via the proxy, and the supervisor directly', async () => {
    const { page } = agent;
    await page.goto(agent.host.url);
    await page.getByRole('heading', { level: 1, name: en('signIn.title') }).waitFor();
    await page.getByLabel(en('signIn.serverUrl')).fill(proxy.url);
    await page.getByLabel(en('signIn.email')).fill(DEMO_AGENT_EMAIL);
    await page.getByLabel(en('signIn.password')).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: en('signIn.submit') }).click();
    await nav(page).waitFor();
    // Online only once the first sync (the whole bootstrap) is over.
    await indicator(page, en('connection.online')).waitFor();

    const directory = await agent.core.call<Directory>('directory.get', {});
    if (!directory.me) throw new Error('the agent’s console does not know who is signed in');
    me = directory.me;
    settingsBefore = await agent.core.call<Settings>('settings.get', {});

    await supervisor.core.call('session.signIn', { serverUrl: server.server.url, email: SUPERVISOR_EMAIL, password: DEMO_PASSWORD });
    await supervisor.core.call('sync.now', {});
    await supervisor.page.goto(supervisor.host.url);
    await indicator(supervisor.page, en('connection.online')).waitFor();
  });

  it('takes three tickets from Unassigned with X and the bulk bar, and Mine grows by three', async () => {
    const { page } = agent;
    const counts = await agent.core.call<ViewCounts>('views.counts', {});
    const mineBefore = counts.builtin.mine.count;
    await queueLinkWithCount(page, 'view.mine', mineBefore).waitFor();

    // The person checks the keys first.
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: en('shortcut.title') });
    await sheet.getByText(en('shortcut.inbox.toggle'), { exact: true }).waitFor();
    await sheet.getByText(en('shortcut.solveAndNext'), { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });

    await queueLink(page, 'view.unassigned').click();
    const list = ticketList(page, 'view.unassigned');
    const { rows: firstRows } = await agent.core.call<{ rows: TicketListRow[] }>('tickets.list', { view: 'unassigned', limit: 3 });
    expect(firstRows).toHaveLength(3);
    for (const row of firstRows) await rowOf(list, row).waitFor();

    await list.focus();
    for (const key of ['x', 'j', 'x', 'j', 'x']) await page.keyboard.press(key);
    const bulk = page.getByRole('region', { name: en('bulk.label') });
    await bulk.getByText(en('bulk.selected', { count: 3 }), { exact: true }).waitFor();
    const ticked = list.getByRole('option', { checked: true });
    expect(await ticked.count()).toBe(3);
    for (const row of firstRows) expect(await rowOf(list, row).getAttribute('aria-checked')).toBe('true');
    await screenshot(page, 'morning-bulk-bar.png');

    await bulk.getByRole('combobox', { name: en('bulk.assign') }).selectOption({ label: en('bulk.assignMe') });
    await bulk
      .getByRole('status')
      .getByText(en('bulk.done', { count: 3 }))
      .waitFor();
    mineCount = mineBefore + 3;
    await queueLinkWithCount(page, 'view.mine', mineCount).waitFor();
    // Taken: gone from Unassigned.
    for (const row of firstRows) await rowOf(list, row).waitFor({ state: 'detached' });
    // The server has them all.
    await indicator(page, en('connection.online')).waitFor();
    taken = firstRows;
  });

  it('opens the first taken ticket from Mine and answers it with a macro, sent with Ctrl+Enter', async () => {
    const { page } = agent;
    // Mine shows the latest changes first: the three just taken lead it.
    const { rows: mine } = await agent.core.call<{ rows: TicketListRow[] }>('tickets.list', { view: 'mine', limit: 3 });
    expect(new Set(mine.map((r) => r.id))).toEqual(new Set(taken.map((r) => r.id)));
    answered = mine[0]!;
    await queueLink(page, 'view.mine').click();
    const list = ticketList(page, 'view.mine');
    await rowOf(list, answered)
      .and(list.getByRole('option', { selected: true }))
      .waitFor();
    await list.focus();
    await page.keyboard.press('Enter');
    await ticketHeading(page, answered.subject).waitFor();
    expect(shownTicketId(page)).toBe(answered.id);

    const detail = await agent.core.call<TicketDetail>('tickets.get', { id: answered.id });
    const { macros } = await agent.core.call<ChannelOutput<'macros.list'>>('macros.list', {});
    const macro = macros.find((m) => m.title === MACRO_TITLE);
    if (!macro) throw new Error(`the demo tenant has no macro “${MACRO_TITLE}”`);
    // Greeted by first name (a Chinese name, written without spaces, stays whole), signed by the agent.
    const firstName = detail.requester.name.trim().split(/\s+/)[0] ?? '';
    macroReply = macro.body.replace('{{requester.firstName}}', firstName).replace('{{agent.name}}', me.name);
    expect(macroReply).not.toContain('{{');

    await page.keyboard.press('m');
    const picker = page.getByRole('dialog', { name: en('macros.applyTitle') });
    const search = picker.getByRole('combobox', { name: en('macros.search') });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('more details');
    await picker.getByRole('option', { name: MACRO_TITLE, selected: true }).waitFor();
    const preview = picker.getByRole('region', { name: en('macros.preview') });
    await preview.getByText(macroReply, { exact: true }).waitFor();
    // The status waits for the reply to go out.
    await preview.getByText(en('macros.onSend'), { exact: false }).waitFor();
    await screenshot(page, 'morning-macro-preview.png');
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });

    const box = composer(page).getByRole('textbox', { name: en('composer.replyLabel') });
    await expect.poll(() => box.inputValue()).toBe(macroReply);
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+Enter');
    await messageCard(page, macroReply).waitFor();
    await expect.poll(() => box.inputValue()).toBe('');
    await delivery(messageCard(page, macroReply), 'delivery.sent').waitFor({ timeout: HELD_SYNC_WAIT_MS });
  });

  it('leaves an internal note with N and Ctrl+Enter', async () => {
    const { page } = agent;
    // Sending left the text box: N starts a note.
    await page.keyboard.press('n');
    const box = composer(page).getByRole('textbox', { name: en('composer.noteLabel') });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Control+Enter');
    await messageCard(page, NOTE).waitFor();
    await delivery(messageCard(page, NOTE), 'delivery.sent').waitFor({ timeout: HELD_SYNC_WAIT_MS });
    expect(await messageCard(page, macroReply).count()).toBe(1);
    // Everything so far has reached the server.
    await indicator(page, en('connection.online')).waitFor();
  });

  it('goes offline and solves the ticket with S, which opens the next ticket of the queue', async () => {
    const { page } = agent;
    await goOffline(page);
    // The next ticket is the one after this in Mine: another of the three just taken.
    const { rows: mine } = await agent.core.call<{ rows: TicketListRow[] }>('tickets.list', { view: 'mine', limit: 10 });
    const next = mine[mine.findIndex((r) => r.id === answered.id) + 1];
    const others = taken.filter((r) => r.id !== answered.id);
    expect(others.map((r) => r.id)).toContain(next?.id);
    duplicate = others.find((r) => r.id === next?.id)!;
    mergeTarget = others.find((r) => r.id !== next?.id)!;

    await page.keyboard.press('s');
    await ticketHeading(page, duplicate.subject).waitFor();
    expect(shownTicketId(page)).toBe(duplicate.id);
    // Solved: it left Mine.
    await queueLinkWithCount(page, 'view.mine', mineCount - 1).waitFor();
    const solved = await agent.core.call<TicketDetail>('tickets.get', { id: answered.id });
    expect(solved.ticket.status).toBe('solved');
    await indicator(page, `${en('connection.offline')} ${en('connection.pendingShort', { count: 1 })}`).waitFor();
  });

  it('merges a duplicate into another taken ticket, picked by its number, while offline', async () => {
    const { page } = agent;
    const before = await agent.core.call<TicketDetail>('tickets.get', { id: duplicate.id });
    movedMessageIds = before.messages.filter((m) => m.kind !== 'system').map((m) => m.id);
    expect(movedMessageIds.length).toBeGreaterThan(0);
    if (mergeTarget.number === null) throw new Error('a ticket taken from the server has no number');

    await panel(page, 'links.title')
      .getByRole('button', { name: en('links.merge') })
      .click();
    const dialog = page.getByRole('dialog', { name: en('merge.title') });
    await dialog.getByRole('searchbox', { name: en('merge.search') }).pressSequentially(String(mergeTarget.number));
    await dialog.getByRole('radio', { name: `#${mergeTarget.number} ${mergeTarget.subject}` }).check();
    await dialog
      .getByRole('status')
      .getByText(en('merge.warning', { source: `#${duplicate.number}`, target: `#${mergeTarget.number}` }))
      .waitFor();
    await dialog.getByRole('button', { name: en('merge.submit'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const links = panel(page, 'links.title');
    const merged = links.getByRole('listitem').filter({ hasText: en('links.role.merged_into') });
    await merged.getByRole('link', { name: `#${mergeTarget.number} ${mergeTarget.subject}` }).waitFor();
    await indicator(page, `${en('connection.offline')} ${en('connection.pendingShort', { count: 2 })}`).waitFor();
  });

  it('finds a customer by a word from one of their messages with Ctrl+K, and opens their ticket', async () => {
    const { page } = agent;
    customer = await findCustomerWord(new Set(taken.map((r) => r.id)), [macroReply, NOTE, PHONE_SUBJECT, PHONE_NOTE]);

    await page.keyboard.press('Control+k');
    const input = paletteInput(page);
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(customer.word);
    const dialog = page.getByRole('dialog', { name: en('palette.title') });
    await dialog
      .getByRole('status')
      .getByText(en('palette.count', { count: 1 }), { exact: true })
      .waitFor();
    const hit = dialog
      .getByRole('listbox', { name: en('search.results') })
      .getByRole('group', { name: en('palette.group.message') })
      .getByRole('option', { selected: true });
    await hit.getByText(customer.requesterName, { exact: true }).waitFor();
    expect((await hit.locator('mark').allTextContents()).map((m) => m.toLowerCase())).toEqual([customer.word]);
    await screenshot(page, 'morning-palette.png');

    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await ticketHeading(page, customer.subject).waitFor();
    expect(shownTicketId(page)).toBe(customer.ticketId);
    await panel(page, 'ticket.requester').getByRole('link', { name: customer.requesterName, exact: true }).waitFor();
  });

  it('logs their phone call as a new ticket with C, offline; it opens as not yet synced', async () => {
    const { page } = agent;
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: en('newTicket.title') });
    await dialog
      .getByRole('group', { name: en('ticket.channel') })
      .getByRole('radio', { name: en('channel.phone') })
      .check();

    // Part of their name: the first name and the start of the rest, as a person types it.
    const [first = '', ...rest] = customer.requesterName.trim().split(/\s+/);
    const last = rest.join(' ');
    const typed = last ? `${first} ${last.slice(0, Math.max(2, last.length - 2))}` : customer.requesterName;
    await dialog.getByRole('combobox', { name: en('newTicket.requester') }).pressSequentially(typed);
    const contact = await agent.core.call<ChannelOutput<'contacts.get'>>('contacts.get', { id: customer.requesterId });
    await dialog
      .getByRole('listbox', { name: en('newTicket.requesterResults') })
      .getByRole('option')
      .filter({ hasText: customer.requesterName })
      .filter({ hasText: contact.contact.email ?? contact.contact.phone ?? customer.requesterName })
      .first()
      .click();
    await dialog
      .getByRole('group', { name: en('newTicket.requester') })
      .getByText(customer.requesterName, { exact: true })
      .waitFor();

    await dialog.getByLabel(en('ticket.subject'), { exact: true }).fill(PHONE_SUBJECT);
    await dialog.getByLabel(en('newTicket.bodyNote'), { exact: true }).fill(PHONE_NOTE);
    await screenshot(page, 'morning-new-ticket.png');
    await dialog.getByRole('button', { name: en('newTicket.create'), exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await ticketHeading(page, PHONE_SUBJECT).waitFor();
    await page.getByText(en('ticket.unsynced'), { exact: true }).first().waitFor();
    await messageCard(page, PHONE_NOTE).waitFor();
    await panel(page, 'ticket.requester').getByRole('link', { name: customer.requesterName, exact: true }).waitFor();
    phoneTicketId = shownTicketId(page) ?? '';
    expect(phoneTicketId).not.toBe('');

    await indicator(page, `${en('connection.offline')} ${en('connection.pendingShort', { count: 3 })}`).waitFor();
    await screenshot(page, 'morning-agent-offline.png');
    // Nothing of the offline work reached the server.
    expect(await serverTicket(phoneTicketId)).toBeUndefined();
    expect((await serverTicket(answered.id))?.status).not.toBe('solved');
    expect((await serverTicket(duplicate.id))?.merged_into).toBeNull();
  });

  it('sends it all when back online, and the server holds each change once, under the agent’s ids', async () => {
    const { page } = agent;
    proxy.restore();
    // Back by itself (retries and the live socket), with nothing left waiting and no issue.
    await indicator(page, en('connection.online')).waitFor();
    await expect.poll(async () => (await serverTicket(phoneTicketId))?.number ?? null, { timeout: SYNC_WAIT_MS }).not.toBeNull();
    const number = (await serverTicket(phoneTicketId))?.number;
    // The phone ticket now carries the number the server gave it.
    await page.getByText(en('ticket.number', { number: String(number) }), { exact: true }).waitFor();

    // The three assignments.
    for (const row of taken) expect((await serverTicket(row.id))?.assignee).toBe(me.id);

    // The macro's reply and the note, once each, under the ids the agent's console gave them, and the solve.
    const answeredThread = await agent.core.call<TicketDetail>('tickets.get', { id: answered.id });
    const idsOf = (body: string) => answeredThread.messages.filter((m) => m.body === body).map((m) => m.id);
    expect(idsOf(macroReply)).toHaveLength(1);
    expect(idsOf(NOTE)).toHaveLength(1);
    expect(await serverMessages(answered.id, macroReply)).toEqual([{ id: idsOf(macroReply)[0], kind: 'reply' }]);
    expect(await serverMessages(answered.id, NOTE)).toEqual([{ id: idsOf(NOTE)[0], kind: 'note' }]);
    expect((await serverTicket(answered.id))?.status).toBe('solved');

    // The merge: the duplicate closed into the target, its messages moved over.
    expect(await serverTicket(duplicate.id)).toMatchObject({ status: 'closed', merged_into: mergeTarget.id });
    expect(await serverMessageIds(duplicate.id)).toEqual([]);
    const targetMessages = await serverMessageIds(mergeTarget.id);
    for (const id of movedMessageIds) expect(targetMessages).toContain(id);

    // The phone ticket once, with its note, for that customer.
    const { rows: phoneTickets } = await server.db.query<{ id: string; channel: string; requester: string }>(
      "SELECT id::text AS id, data ->> 'channel' AS channel, data ->> 'requesterId' AS requester FROM records WHERE entity = 'ticket' AND data ->> 'subject' = $1",
      [PHONE_SUBJECT],
    );
    expect(phoneTickets).toEqual([{ id: phoneTicketId, channel: 'phone', requester: customer.requesterId }]);
    const phoneThread = await agent.core.call<TicketDetail>('tickets.get', { id: phoneTicketId });
    const noteIds = phoneThread.messages.filter((m) => m.body === PHONE_NOTE).map((m) => m.id);
    expect(noteIds).toHaveLength(1);
    expect(await serverMessages(phoneTicketId, PHONE_NOTE)).toEqual([{ id: noteIds[0], kind: 'note' }]);

    // The supervisor, following a link to it, sees the phone ticket under its server number.
    const sup = supervisor.page;
    await sup.evaluate((id) => {
      location.hash = `#/tickets/${id}`;
    }, phoneTicketId);
    await ticketHeading(sup, PHONE_SUBJECT).waitFor();
    await sup.getByText(en('ticket.number', { number: String(number) }), { exact: true }).waitFor();
    await messageCard(sup, PHONE_NOTE).waitFor();
    await screenshot(sup, 'morning-supervisor-phone-ticket.png');
  });

  it('shows the ticket page and the palette in Chinese, in light and in dark', async () => {
    const { page } = agent;
    await ticketHeading(page, PHONE_SUBJECT).waitFor();
    await agent.core.call('settings.update', { locale: 'zh-CN', theme: 'light' });
    await page.locator('html[lang="zh-CN"][data-theme="light"]').waitFor({ state: 'attached' });
    await thread(page, zh).getByRole('article').filter({ hasText: PHONE_NOTE }).waitFor();
    await page.getByRole('region', { name: zh('links.title') }).waitFor();
    await screenshot(page, 'morning-ticket-zh-light.png');

    // The palette opens empty (never appending to an old search), so the word is typed again.
    await page.keyboard.press('Control+k');
    const input = paletteInput(page, zh);
    await expect.poll(() => input.inputValue()).toBe('');
    await input.fill(customer.word);
    const dialog = page.getByRole('dialog', { name: zh('palette.title') });
    await dialog
      .getByRole('status')
      .getByText(zh('palette.count', { count: 1 }), { exact: true })
      .waitFor();
    await dialog
      .getByRole('group', { name: zh('palette.group.message') })
      .getByText(customer.requesterName, { exact: true })
      .waitFor();
    await screenshot(page, 'morning-palette-zh-light.png');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await agent.core.call('settings.update', { theme: 'dark' });
    await page.locator('html[lang="zh-CN"][data-theme="dark"]').waitFor({ state: 'attached' });
    await ticketHeading(page, PHONE_SUBJECT).waitFor();
    await screenshot(page, 'morning-ticket-zh-dark.png');

    await agent.core.call('settings.update', { locale: settingsBefore.locale, theme: settingsBefore.theme });
    await page.locator('html[lang="en"][data-theme="light"]').waitFor({ state: 'attached' });
    await thread(page).getByRole('article').filter({ hasText: PHONE_NOTE }).waitFor();
  });
});

describe('a colleague on the same ticket', () => {
  it('shows each who else is on the ticket, who is typing, and asks the agent before a reply that missed the supervisor’s', async () => {
    const { page } = agent;
    const sup = supervisor.page;
    const supervisorName = (await supervisor.core.call<Directory>('directory.get', {})).me?.name ?? '';
    const presence = (p: Page) => p.getByRole('status', { name: en('presence.label') });
    // Both are on the phone ticket: the supervisor since checking it on the server's number.
    await ticketHeading(page, PHONE_SUBJECT).waitFor();
    await ticketHeading(sup, PHONE_SUBJECT).waitFor();
    await presence(page)
      .getByText(en('presence.viewing', { name: supervisorName }))
      .waitFor();

    // The agent starts the written summary: the supervisor sees them typing.
    await page.keyboard.press('r');
    const box = composer(page).getByRole('textbox', { name: en('composer.replyLabel') });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(LATE_REPLY);
    await presence(sup)
      .getByText(en('presence.typing', { name: me.name }))
      .waitFor();
    await screenshot(sup, 'morning-supervisor-sees-typing.png');

    // Meanwhile the supervisor answers the customer; it shows in the agent's thread as it arrives.
    const supBox = composer(sup).getByRole('textbox', { name: en('composer.replyLabel') });
    await supBox.fill(SUPERVISOR_REPLY);
    await supBox.press('Control+Enter');
    await messageCard(page, SUPERVISOR_REPLY).waitFor({ timeout: HELD_SYNC_WAIT_MS });

    // The agent's reply was begun before it: sending first shows what came in.
    await box.press('Control+Enter');
    const dialog = page.getByRole('alertdialog', { name: en('stale.title') });
    await dialog.getByText(SUPERVISOR_REPLY).waitFor();
    await screenshot(page, 'morning-stale-reply.png');
    expect(await messageCard(page, LATE_REPLY).count()).toBe(0);
    await dialog.getByRole('button', { name: en('stale.sendAnyway') }).click();
    await delivery(messageCard(page, LATE_REPLY), 'delivery.sent').waitFor({ timeout: HELD_SYNC_WAIT_MS });

    // The server holds both once, the agent's after the supervisor's.
    await expect.poll(() => serverMessages(phoneTicketId, LATE_REPLY), { timeout: HELD_SYNC_WAIT_MS }).toHaveLength(1);
    expect(await serverMessages(phoneTicketId, SUPERVISOR_REPLY)).toHaveLength(1);
    const { rows: replies } = await server.db.query<{ body: string }>(
      `SELECT data ->> 'body' AS body FROM records WHERE entity = 'message' AND data ->> 'ticketId' = $1 AND data ->> 'kind' = 'reply'
        ORDER BY (data ->> 'createdAt')::bigint`,
      [phoneTicketId],
    );
    expect(replies.map((r) => r.body)).toEqual([SUPERVISOR_REPLY, LATE_REPLY]);
    await messageCard(sup, LATE_REPLY).waitFor();
  });
});

// ---- a reply box never takes a note; undo (issue 12) ----

const QUICK_REPLY = 'Thanks, that helps: I am checking it with our billing team now.';
const QUICK_NOTE = 'Billing says the charge was a duplicate; refund to follow.';
const UNDONE_REPLY = 'Refund approved (internal: check with Omar first)';
const undoToast = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

/** Waits until the agent's console has sent everything it holds (held changes included). */
async function drained(): Promise<void> {
  await expect
    .poll(async () => (await agent.core.call<ChannelOutput<'sync.status'>>('sync.status', {})).pendingMutations, {
      timeout: HELD_SYNC_WAIT_MS,
    })
    .toBe(0);
}

describe('a reply box that never takes a note, and undo', () => {
  it('sends a reply with Ctrl+Enter, then N at once writes a note that stays internal', async () => {
    const { page } = agent;
    await ticketHeading(page, PHONE_SUBJECT).waitFor();
    const requesterName = (await agent.core.call<TicketDetail>('tickets.get', { id: phoneTicketId })).requester.name;
    await page.keyboard.press('r');
    const reply = composer(page).getByRole('textbox', { name: en('composer.replyLabel') });
    await expect.poll(() => reply.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => reply.getAttribute('placeholder')).toBe(en('composer.replyPlaceholder', { name: requesterName }));
    await page.keyboard.type(QUICK_REPLY);
    await page.keyboard.press('Control+Enter');
    // Straight on, as the person in the report did: N, the note, Ctrl+Enter.
    await page.keyboard.press('n');
    const note = composer(page).getByRole('textbox', { name: en('composer.noteLabel') });
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await composer(page).getByText(en('composer.noteBand'), { exact: true }).waitFor();
    await composer(page)
      .getByRole('button', { name: en('composer.addNote'), exact: true })
      .waitFor();
    await page.keyboard.type(QUICK_NOTE);
    await page.keyboard.press('Control+Enter');
    await messageCard(page, QUICK_NOTE).waitFor();
    await messageCard(page, QUICK_REPLY).waitFor();

    await drained();
    expect(await serverMessages(phoneTicketId, QUICK_REPLY)).toMatchObject([{ kind: 'reply' }]);
    expect(await serverMessages(phoneTicketId, QUICK_NOTE)).toMatchObject([{ kind: 'note' }]);
    // No stray letter went anywhere.
    expect(await serverMessages(phoneTicketId, `n${QUICK_NOTE}`)).toEqual([]);
  });

  it('undoes a reply with Z before it leaves the console: the server never sees it, the text is back in the box', async () => {
    const { page } = agent;
    const requesterName = (await agent.core.call<TicketDetail>('tickets.get', { id: phoneTicketId })).requester.name;
    await page.keyboard.press('r');
    const reply = composer(page).getByRole('textbox', { name: en('composer.replyLabel') });
    await expect.poll(() => reply.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(UNDONE_REPLY);
    await page.keyboard.press('Control+Enter');
    const toast = undoToast(page, en('undo.replySent', { name: requesterName }));
    await toast.getByRole('button', { name: en('undo.action') }).waitFor();
    await messageCard(page, UNDONE_REPLY).waitFor();
    await screenshot(page, 'morning-undo-toast.png');

    await page.keyboard.press('z');
    await undoToast(page, en('undo.done')).waitFor();
    await messageCard(page, UNDONE_REPLY).waitFor({ state: 'detached' });
    await expect.poll(() => reply.inputValue()).toBe(UNDONE_REPLY);
    await drained();
    expect(await serverMessages(phoneTicketId, UNDONE_REPLY)).toEqual([]);
    // The person rethinks it and throws the text away.
    await reply.fill('');
    await page.keyboard.press('Escape');
  });

  it('solves and moves on with S, then takes it back with Z: the ticket is open again, on screen, and never solved on the server', async () => {
    const { page } = agent;
    const before = (await agent.core.call<TicketDetail>('tickets.get', { id: phoneTicketId })).ticket;
    expect(before.status).not.toBe('solved');
    await page.keyboard.press('s');
    const toast = undoToast(page, en('undo.solved', { ticket: `#${before.number}` }));
    await toast.getByRole('button', { name: en('undo.action') }).waitFor();
    await expect.poll(() => shownTicketId(page)).not.toBe(phoneTicketId);

    await page.keyboard.press('z');
    await undoToast(page, en('undo.done')).waitFor();
    await ticketHeading(page, PHONE_SUBJECT).waitFor();
    expect(shownTicketId(page)).toBe(phoneTicketId);
    expect((await agent.core.call<TicketDetail>('tickets.get', { id: phoneTicketId })).ticket.status).toBe(before.status);
    await drained();
    expect((await serverTicket(phoneTicketId))?.status).toBe(before.status);
  });

  it('shows the composer’s two modes unmistakably, in light and dark, in English and Chinese', async () => {
    const { page } = agent;
    await ticketHeading(page, PHONE_SUBJECT).waitFor();
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = locale === 'en' ? en : zh;
      for (const theme of ['light', 'dark'] as const) {
        await agent.core.call('settings.update', { locale, theme });
        await page.locator(`html[lang="${locale}"][data-theme="${theme}"]`).waitFor({ state: 'attached' });
        for (const mode of ['reply', 'note'] as const) {
          await page.keyboard.press(mode === 'reply' ? 'r' : 'n');
          const form = page.getByRole('form', { name: t('composer.title') });
          await form.getByRole('button', { name: t(mode === 'reply' ? 'composer.sendReply' : 'composer.addNote'), exact: true }).waitFor();
          await page.keyboard.press('Escape');
          await screenshot(page, `morning-composer-${mode}-${locale}-${theme}.png`);
        }
      }
    }
    await agent.core.call('settings.update', { locale: settingsBefore.locale, theme: settingsBefore.theme });
    await page.locator('html[lang="en"][data-theme="light"]').waitFor({ state: 'attached' });
  });
});

describe('throughout the morning', () => {
  it('raised no page errors, console errors or CSP violations in either console', () => {
    expect(agent.problems.list).toEqual([]);
    expect(supervisor.problems.list).toEqual([]);
  });
});
