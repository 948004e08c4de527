/**
 * Roster planning end to end: a supervisor places next week's shifts for two agents of the China
 * team, moves one with the keyboard and another with the mouse, and sets the team's staffing assumptions beside the heatmap;
 * the first agent (张伟, in Chromium) offers a shift to their colleague in My schedule; the
 * colleague (李明, a second syncing Core) accepts; the supervisor sees the swap waiting on the
 * roster and approves it, and the shift is the colleague's on the server. Screenshots of the
 * roster (shifts, a shift being moved, a pending swap), the heatmap with its assumptions and My
 * schedule, in English/light and Chinese/dark, land in test-results/screenshots/ (roster-*.png).
 *
 * Run alone with `npm run build:renderer && npx vitest run --project e2e test/e2e/roster-planning.test.ts`.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslate } from '../../renderer/src/i18n/catalog.ts';
import type { ChannelOutput } from '../../shared/contract/channels.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from '../../shared/demo/credentials.ts';
import { assertChineseFont, launchChromium, screenshot } from '../support/browser.ts';
import { assertRendererBuilt, closeConsole, openConsole, type E2eConsole } from '../support/e2e-console.ts';
import { openSyncingCore, startDemoServer, type DemoServer, type SyncingCore } from '../support/sync-server.ts';

const en = createTranslate('en');
const zh = createTranslate('zh-CN');
const WAIT_MS = 20_000;

const SUPERVISOR_EMAIL = `supervisor@${DEMO_EMAIL_DOMAIN}`;
const AGENT_EMAIL = `agent.zh@${DEMO_EMAIL_DOMAIN}`;
const COLLEAGUE_EMAIL = `li.ming@${DEMO_EMAIL_DOMAIN}`;
const AGENT = '张伟';
const COLLEAGUE = '李明';
const TEAM = '大中华区支持';
const TEMPLATE = 'E2E day';

let server: DemoServer;
let browser: Browser;
let agent: E2eConsole;
let supervisor: E2eConsole;
let colleague: SyncingCore;

beforeAll(async () => {
  assertRendererBuilt();
  assertChineseFont();
  server = await startDemoServer({ tickets: 300 });
  browser = await launchChromium();
  agent = await openConsole(browser, 'roster e2e agent', WAIT_MS);
  supervisor = await openConsole(browser, 'roster e2e supervisor', WAIT_MS);
  colleague = openSyncingCore({ deviceName: 'roster e2e colleague' });
  for (const [core, email] of [
    [agent.core, AGENT_EMAIL],
    [supervisor.core, SUPERVISOR_EMAIL],
    [colleague, COLLEAGUE_EMAIL],
  ] as const) {
    await core.call('session.signIn', { serverUrl: server.server.url, email, password: DEMO_PASSWORD });
    await core.call('sync.now', {});
  }
  await agent.page.goto(agent.host.url);
  await supervisor.page.goto(supervisor.host.url);
});

afterAll(async () => {
  await closeConsole(agent);
  await closeConsole(supervisor);
  colleague?.close();
  await browser?.close();
  await server?.close();
});

const go = (page: Page, hash: string) =>
  page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
const rowOf = (page: Page, name: string, t = en) =>
  page
    .getByRole('table', { name: t('roster.caption') })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });

/** The email of the owner of a shift as the server holds it: the user of the week record holding it. */
async function serverOwner(shiftId: string): Promise<string | undefined> {
  const { rows } = await server.db.query<{ email: string }>(
    `SELECT u.email FROM records r JOIN users u ON u.id::text = r.data ->> 'userId'
      WHERE r.entity = 'shift_week' AND NOT r.deleted AND r.data -> 'shifts' @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
    [shiftId],
  );
  return rows[0]?.email;
}

describe('roster planning: moving shifts, swaps, staffing assumptions, My schedule', () => {
  it('the supervisor places next week’s shifts, moves one with the keyboard and one with the mouse', async () => {
    const { page } = supervisor;
    await go(page, '#/roster');
    await page.getByRole('heading', { level: 1, name: en('roster.title') }).waitFor();
    const form = page.getByRole('form', { name: en('roster.newTemplate') });
    await form.getByLabel(en('roster.templateName')).fill(TEMPLATE);
    await form.getByLabel(en('roster.templateStart')).fill('09:00');
    await form.getByLabel(en('roster.templateHours'), { exact: true }).fill('8');
    await form.getByRole('button', { name: en('roster.saveTemplate') }).click();
    await page.getByRole('button', { name: en('roster.next') }).click();

    const shift = en('roster.shift', { start: '09:00', end: '17:00', team: TEAM });
    const plan: [string, number[]][] = [
      [AGENT, [0, 1]],
      [COLLEAGUE, [2, 3]],
    ];
    for (const [name, days] of plan) {
      for (const day of days) {
        await rowOf(page, name)
          .getByRole('combobox')
          .nth(day)
          .selectOption({ label: `${TEMPLATE} 09:00` });
        await expect.poll(() => rowOf(page, name).getByText(shift).count(), { timeout: WAIT_MS }).toBe(days.indexOf(day) + 1);
      }
    }
    await page.getByRole('heading', { level: 1, name: en('roster.title') }).scrollIntoViewIfNeeded();
    await screenshot(page, 'roster-shifts-en-light.png');

    // 张伟's Tuesday shift: half an hour later and a day on (Wednesday 09:30), shown before saving.
    const handles = rowOf(page, AGENT).getByRole('button', { name: en('roster.shiftOf', { shift, name: AGENT }) });
    await handles.nth(1).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('PageDown');
    await screenshot(page, 'roster-moving-en-light.png');
    await page.keyboard.press('Enter');
    await rowOf(page, AGENT)
      .getByText(en('roster.shift', { start: '09:30', end: '17:30', team: TEAM }))
      .waitFor({ timeout: WAIT_MS });

    // 李明's Thursday shift dragged with the mouse onto Friday, at the same place in the day.
    const days = rowOf(page, COLLEAGUE).getByRole('cell');
    const thursday = (await days.nth(3).boundingBox())!;
    const friday = (await days.nth(4).boundingBox())!;
    const grip = (await days
      .nth(3)
      .getByRole('button', { name: en('roster.shiftOf', { shift, name: COLLEAGUE }) })
      .boundingBox())!;
    const from = { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + (friday.x - thursday.x), from.y, { steps: 12 });
    await page.mouse.up();
    await expect.poll(() => days.nth(4).getByText(shift).count(), { timeout: WAIT_MS }).toBe(1);
    expect(await days.nth(3).getByText(shift).count()).toBe(0);
    expect(await rowOf(page, COLLEAGUE).getByText(shift).count()).toBe(2);
  });

  it('the supervisor sets the team’s staffing assumptions beside the heatmap', async () => {
    const { page } = supervisor;
    const coverage = page.getByRole('region', { name: en('coverage.title') });
    await coverage.getByRole('combobox', { name: en('routing.team') }).selectOption({ label: TEAM });
    const form = coverage.getByRole('form', { name: new RegExp(`^${en('staffing.title')}`) });
    await form.getByRole('spinbutton', { name: en('staffing.ahtOf', { channel: en('channel.chat') }) }).fill('240');
    await form.getByRole('spinbutton', { name: en('staffing.serviceLevel') }).fill('90');
    await form.getByRole('button', { name: en('staffing.save') }).click();
    await coverage.getByRole('form', { name: `${en('staffing.title')} ${en('staffing.own')}` }).waitFor({ timeout: WAIT_MS });
    await coverage.getByRole('heading', { name: en('coverage.title') }).scrollIntoViewIfNeeded();
    await screenshot(page, 'roster-heatmap-en-light.png');
  });

  it('the agent offers a shift in My schedule, the colleague accepts, the supervisor approves', async () => {
    const { page } = agent;
    await go(page, '#/my-schedule');
    await page.getByRole('heading', { level: 1, name: en('mySchedule.title') }).waitFor();
    const shift = en('roster.shift', { start: '09:00', end: '17:00', team: TEAM });
    // The first of their two shifts still at 09:00 (the other was moved to 09:30).
    const offerTo = page.getByRole('combobox', { name: new RegExp(`${shift} to$`) }).first();
    await offerTo.waitFor({ timeout: WAIT_MS });
    await offerTo.selectOption({ label: COLLEAGUE });
    await page
      .getByRole('listitem')
      .filter({ has: offerTo })
      .getByRole('button', { name: new RegExp(`^${en('mySchedule.offer')} `) })
      .click();
    await page.getByText(en('swap.status.offered')).waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'roster-my-schedule-en-light.png');

    // 李明 accepts from their console once the offer has reached it.
    type Schedule = ChannelOutput<'routing.mySchedule'>;
    const nextWeek = Date.now() + 7 * 86_400_000;
    const span = { from: nextWeek - 7 * 86_400_000, to: nextWeek + 7 * 86_400_000 };
    let swaps: Schedule['swaps'] = [];
    await expect
      .poll(
        async () => {
          await colleague.call('sync.now', {});
          swaps = (await colleague.call<Schedule>('routing.mySchedule', span)).swaps;
          return swaps.length;
        },
        { timeout: WAIT_MS },
      )
      .toBe(1);
    const run = await colleague.call<ChannelOutput<'mutations.run'>>('mutations.run', {
      name: 'swap.accept',
      args: { id: swaps[0]!.id, returnShiftId: null, returnShiftStart: null },
    });
    expect(run.mutationId).not.toBeNull();
    await colleague.call('sync.now', {});

    const boss = supervisor.page;
    const region = boss.getByRole('region', { name: en('roster.swaps') });
    const approve = region.getByRole('button', { name: en('roster.approve') });
    await approve.waitFor({ timeout: WAIT_MS });
    await boss.getByRole('heading', { level: 1, name: en('roster.title') }).scrollIntoViewIfNeeded();
    await screenshot(boss, 'roster-swap-en-light.png');
    await approve.click();
    await expect.poll(() => serverOwner(swaps[0]!.shift.id), { timeout: WAIT_MS }).toBe(COLLEAGUE_EMAIL);
  });

  it('the roster, the heatmap and My schedule read in Chinese and dark', async () => {
    for (const [console, hash] of [
      [supervisor, '#/roster'],
      [agent, '#/my-schedule'],
    ] as const) {
      const saved = await console.core.core.dispatch('settings.update', { locale: 'zh-CN', theme: 'dark' });
      expect(saved.ok).toBe(true);
      await go(console.page, hash);
      await console.page.reload();
      await console.page.locator('html[lang="zh-CN"][data-theme="dark"]').waitFor({ state: 'attached' });
    }
    const { page } = supervisor;
    await page.getByRole('heading', { level: 1, name: zh('roster.title') }).waitFor();
    await page.getByRole('button', { name: zh('roster.next') }).click();
    await rowOf(page, COLLEAGUE, zh)
      .getByText(zh('roster.shift', { start: '09:00', end: '17:00', team: TEAM }))
      .first()
      .waitFor();
    await screenshot(page, 'roster-shifts-zh-dark.png');
    const coverage = page.getByRole('region', { name: zh('coverage.title') });
    await coverage.getByRole('combobox', { name: zh('routing.team') }).selectOption({ label: TEAM });
    await coverage.getByRole('form', { name: `${zh('staffing.title')} ${zh('staffing.own')}` }).waitFor();
    await coverage.getByRole('heading', { name: zh('coverage.title') }).scrollIntoViewIfNeeded();
    await screenshot(page, 'roster-heatmap-zh-dark.png');
    await agent.page.getByRole('heading', { level: 1, name: zh('mySchedule.title') }).waitFor();
    await agent.page.getByText(zh('swap.status.approved')).waitFor({ timeout: WAIT_MS });
    await screenshot(agent.page, 'roster-my-schedule-zh-dark.png');
  });
});
