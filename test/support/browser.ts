/**
 * Debian's Chromium driven by playwright-core, for the end-to-end tests, plus a watch on every
 * page for what a person would never see but must not happen: uncaught errors, console errors and
 * Content-Security-Policy violations.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = join('test-results', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` and run the tests again.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // --no-sandbox: the build machines run as root, where Chromium's sandbox cannot start.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    timeout: 60_000,
  });
}

/**
 * The Chinese screenshots must show Chinese, not boxes: Chromium draws CJK text only if fontconfig
 * knows a font for it, and a bare Debian has none.
 */
export function assertChineseFont(): void {
  let families = '';
  try {
    families = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 10_000 });
  } catch {
    // No fc-list: fontconfig is missing altogether, which the check below reports the same way.
  }
  if (families.trim() === '') {
    throw new Error('No Chinese font is installed, so Chinese text would render as boxes: run `apt-get install -y fonts-noto-cjk`.');
  }
}

export interface PageProblems {
  /** Everything wrong so far, one line each. */
  readonly list: string[];
}

/**
 * Records uncaught page errors, console errors and CSP violations (Chromium reports a violation
 * both as a console error and as a `securitypolicyviolation` event; the event is listened to as
 * well so a violation is caught even if its console message changes).
 */
export async function watchForProblems(page: Page): Promise<PageProblems> {
  const list: string[] = [];
  page.on('pageerror', (error) => list.push(`uncaught error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') list.push(`console error: ${message.text()}`);
  });
  page.on('crash', () => list.push('the page crashed'));
  await page.exposeFunction('__reportCspViolation', (line: string) => list.push(`CSP violation: ${line}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation(line: string): void }).__reportCspViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  return { list };
}

/** Saves a full-window screenshot under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage: false, animations: 'disabled' });
}
