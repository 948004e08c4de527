/**
 * End to end, a first-reply clock from at risk to met, as an agent lives it: one server seeded
 * with the demo tenant; the demo supervisor (a console without a window) adds an SLA policy whose
 * first-reply target turns at risk seconds after the customer writes, and then files
 * customer tickets under it for the agent. The agent's console (its own Core behind its own web
 * host, in Chromium, reaching the server through a proxy the test cuts) shows each ticket in
 * "SLA at risk" with its badge and at risk in the ticket's SLA panel; the agent replies and the
 * panel says Met at once, online and then offline; back online, the server has recorded the met
 * target once. Any page error, console error or CSP violation fails it.
 *
 * `npm test` builds the renderer first; run alone with
 * `npm run build:renderer && npx vitest run --project e2e test/e2e/sla.test.ts`.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslate } from '../../renderer/src/i18n/catalog.ts';
import type { ChannelOutput, SessionState } from '../../shared/contract/channels.ts';
import { DEMO_AGENT_EMAIL, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../shared/demo/credentials.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy.ts';
import { assertRendererBuilt, closeConsole, openConsole, type E2eConsole } from '../support/e2e-console.ts';
import { openSyncingCore, startDemoServer, type DemoServer, type SyncingCore } from '../support/sync-server.ts';

type TicketDetail = ChannelOutput<'tickets.get'>;

const SUPERVISOR_EMAIL = `supervisor@${DEMO_EMAIL_DOMAIN}`;
const TAG = 'e2e-sla';
const en = createTranslate('en');
const SYNC_WAIT_MS = 15_000;

let server: DemoServer;
let proxy: CuttableProxy;
let browser: Browser;
let agent: E2eConsole;
let supervisor: SyncingCore;
let agentId: string;
let teamId: string;

beforeAll(async () => {
  assertRendererBuilt();
  server = await startDemoServer({ tickets: 100 });
  proxy = await startCuttableProxy(server.server.url);
  browser = await launchChromium();
  agent = await openConsole(browser, 'agent sla e2e', SYNC_WAIT_MS);
  supervisor = openSyncingCore({ deviceName: 'supervisor sla e2e' });
});

afterAll(async () => {
  await closeConsole(agent);
  supervisor?.close();
  await browser?.close();
  await proxy?.close();
  await server?.close();
});

// ---- what a person looks at ----

const indicator = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const slaPanel = (page: Page) => page.getByRole('region', { name: en('slaPanel.title') });
const firstReplyRow = (page: Page) =>
  slaPanel(page)
    .getByRole('list', { name: en('slaPanel.targets') })
    .getByRole('listitem', { name: en('slaMetric.firstReply') });
/** Waits until the SLA panel's first-reply row shows the state, by its mark and its words. */
const firstReplyShows = (page: Page, mark: string, state: 'at_risk' | 'met') =>
  expect
    .poll(() => firstReplyRow(page).locator('.sla-state').textContent(), { timeout: SYNC_WAIT_MS })
    .toBe(`${mark} ${en(`slaPanel.state.${state}`)}`);

async function openFromAtRiskQueue(page: Page, subject: string): Promise<void> {
  await page
    .getByRole('navigation', { name: en('app.primaryNav') })
    .getByRole('link', { name: en('view.sla_at_risk') })
    .click();
  const row = page
    .getByRole('listbox', { name: en('inbox.listLabel', { view: en('view.sla_at_risk') }) })
    .getByRole('option')
    .filter({ hasText: subject });
  // The at-risk badge: its mark and words, not colour alone.
  await row.getByText(/▲/).waitFor();
  await expect.poll(() => row.textContent()).toMatch(new RegExp(en('sla.dueIn', { time: '.+' })));
  await screenshot(page, 'sla-at-risk-queue.png');
  await row.click();
  await page.getByRole('heading', { level: 1, name: subject }).waitFor();
}

async function reply(page: Page, body: string): Promise<void> {
  const composer = page.getByRole('form', { name: en('composer.title') });
  await composer.getByRole('radio', { name: en('composer.mode.reply') }).check();
  const box = composer.getByRole('textbox', { name: en('composer.replyLabel') });
  await box.fill(body);
  await box.press('Control+Enter');
}

// ---- what the server holds ----

/** The `sla` events the server recorded for the ticket's first-reply target. */
async function recordedFirstReply(ticketId: string): Promise<string[]> {
  const { rows } = await server.db.query<{ state: string }>(
    `SELECT data -> 'to' ->> 'state' AS state FROM records
      WHERE entity = 'ticket_event' AND data ->> 'ticketId' = $1 AND data ->> 'kind' = 'sla' AND data -> 'to' ->> 'metric' = 'firstReply'`,
    [ticketId],
  );
  return rows.map((r) => r.state);
}

/**
 * A customer's e-mail filed by the supervisor for the agent, under the test's policy; resolves once
 * the agent's console holds it and its first-reply clock has turned at risk (a condition, not a sleep).
 */
async function customerTicket(subject: string): Promise<TicketDetail> {
  const { rows } = await server.db.query<{ id: string }>("SELECT id::text AS id FROM records WHERE entity = 'contact' ORDER BY id LIMIT 1");
  const id = uuidv7();
  await supervisor.call('mutations.run', {
    name: 'ticket.create',
    args: {
      ticket: { id, subject, channel: 'email', requesterId: rows[0]!.id, teamId, assigneeId: agentId, tags: [TAG] },
      message: { id: uuidv7(), kind: 'inbound', body: 'Our invoices stopped arriving this morning. Can you look?' },
    },
  });
  await supervisor.call('sync.now', {});
  let detail: TicketDetail | null = null;
  await expect
    .poll(
      async () => {
        const got = await agent.core.core.dispatch('tickets.get', { id });
        detail = got.ok ? (got.value as TicketDetail) : null;
        return detail?.ticket.sla?.firstReply?.state ?? null;
      },
      { timeout: SYNC_WAIT_MS },
    )
    .toBe('running');
  const atRiskAt = detail!.ticket.sla!.firstReply!.atRiskAt!;
  await expect.poll(() => Date.now() >= atRiskAt, { timeout: SYNC_WAIT_MS }).toBe(true);
  return detail!;
}

describe('a first-reply clock from at risk to met', () => {
  it('signs both in; the supervisor adds a policy that turns a first reply at risk within seconds', async () => {
    await agent.core.call('session.signIn', { serverUrl: proxy.url, email: DEMO_AGENT_EMAIL, password: DEMO_PASSWORD });
    await agent.core.call('sync.now', {});
    await supervisor.call('session.signIn', { serverUrl: server.server.url, email: SUPERVISOR_EMAIL, password: DEMO_PASSWORD });
    await supervisor.call('sync.now', {});
    const me = (await agent.core.call<SessionState>('session.get', {})).user!;
    agentId = me.id;
    teamId = me.teamIds[0]!;

    // First in the order; ten minutes around the clock, at risk after 1% of it (six seconds).
    await supervisor.call('mutations.run', {
      name: 'slaPolicy.upsert',
      args: {
        id: uuidv7(),
        name: 'End-to-end: quick first reply',
        position: 0,
        conditions: { tags: [TAG] },
        targets: { normal: { firstReply: { minutes: 10, hours: 'calendar' } } },
        atRiskShare: 0.01,
        calendarId: null,
        breachActions: { notifyAssignee: false, notifySupervisors: false, raisePriority: false, escalate: false },
      },
    });
    await supervisor.call('sync.now', {});

    await agent.page.goto(agent.host.url);
    await indicator(agent.page, en('connection.online')).waitFor();
  });

  it('online: the agent sees the ticket at risk, replies, and sees the target met at once; the server records it once', async () => {
    const { page } = agent;
    const { ticket } = await customerTicket('Invoices stopped arriving (online)');
    await openFromAtRiskQueue(page, ticket.subject);
    await firstReplyShows(page, '▲', 'at_risk');
    await screenshot(page, 'sla-panel-at-risk.png');

    await reply(page, 'Thanks for telling us: invoices are being sent again, you will have them within the hour.');
    await firstReplyShows(page, '✓', 'met');
    await screenshot(page, 'sla-panel-met.png');

    await expect.poll(() => recordedFirstReply(ticket.id), { timeout: SYNC_WAIT_MS }).toEqual(['met']);
    // The server's snapshot, pulled back, says the same: nothing flickers back to at risk.
    await agent.core.call('sync.now', {});
    await firstReplyShows(page, '✓', 'met');
  });

  it('offline: the reply meets the target at once on the console, and the server records it once when it is back', async () => {
    const { page } = agent;
    const { ticket } = await customerTicket('Invoices stopped arriving (offline)');
    proxy.cut();
    await indicator(page, en('connection.offline')).waitFor();
    await openFromAtRiskQueue(page, ticket.subject);
    await firstReplyShows(page, '▲', 'at_risk');

    await reply(page, 'We are on it: the invoices will be re-sent today.');
    await firstReplyShows(page, '✓', 'met');
    // Out of the queue at once, offline too.
    const detail = await agent.core.call<TicketDetail>('tickets.get', { id: ticket.id });
    expect(detail.ticket.sla?.firstReply?.state).toBe('met');
    expect(await recordedFirstReply(ticket.id)).toEqual([]);

    proxy.restore();
    await indicator(page, en('connection.online')).waitFor();
    await expect.poll(() => recordedFirstReply(ticket.id), { timeout: SYNC_WAIT_MS }).toEqual(['met']);
    await agent.core.call('sync.now', {});
    expect(await recordedFirstReply(ticket.id)).toEqual(['met']);
    await firstReplyShows(page, '✓', 'met');
  });

  it('raised no page errors, console errors or CSP violations', () => {
    expect(agent.problems.list).toEqual([]);
  });
});
