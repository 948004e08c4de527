import { openCore } from './electron/core/index.ts';
import { startWebHost } from './electron/web-host/server.ts';
import { launchChromium } from './test/support/browser.ts';
const core = openCore({ databasePath: '/work/main/.data/bench/demo-t100000-s42.db', transport: 'web', log: () => {} });
const app = await startWebHost({ core, rendererDir: '/tmp/prof/r/', port: 0 });
const browser = await launchChromium();
const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await ctx.newPage();
await page.goto(app.url); await page.waitForSelector('[role="listbox"] [role="option"]');
const views = ['mine', 'unassigned', 'my_teams', 'pending', 'on_hold', 'recently_solved', 'sla_at_risk', 'all'];
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start');
const times: number[] = [];
for (let r = 0; r < 3; r++) for (const v of views) {
  times.push(await page.evaluate(async (v) => {
    const s = performance.now(); location.hash = `#/inbox/${v}`;
    await new Promise<void>((res) => { const chk = () => { const l = document.querySelector('[role="listbox"]'); return l && l.getAttribute('aria-label')?.length && document.querySelector('h1')?.textContent && l.querySelector('[role="option"]') && location.hash.endsWith(v); };
      const o = new MutationObserver(() => { if (chk()) { o.disconnect(); res(); } }); o.observe(document, { childList: true, subtree: true, attributes: true }); });
    await new Promise((r) => requestAnimationFrame(r)); return performance.now() - s; }, v));
}
const { profile } = await cdp.send('Profiler.stop') as any;
console.log(times.map((t) => t.toFixed(0)).join(' '));
const res = await page.evaluate(() => performance.getEntriesByType('resource').slice(-20).map((e: any) => [e.name.split('/').pop(), Math.round(e.duration)]));
console.log(JSON.stringify(res));
(await import('node:fs')).writeFileSync('/tmp/prof/vs.cpuprofile', JSON.stringify(profile));
await browser.close(); await app.close(); core.close();
