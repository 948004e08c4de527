/**
 * axe-core in an end-to-end page: what it finds that is serious or critical, one line per rule with
 * where it was found. The page's CSP forbids injected scripts, so axe is evaluated through the
 * DevTools protocol (as Playwright's evaluate does), which the page's policy does not govern.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe over the whole page as it is now; resolves to the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe.run(document),
  );
  // One line per rule: what failed, where (every node), and why (the first node's reason).
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const where = v.nodes.map((n) => n.target.join(' ')).join(', ');
      const why = v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ') ?? '';
      return `${v.id} (${v.impact}): ${v.help}; at ${where}; ${why}`;
    });
}
