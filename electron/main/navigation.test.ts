import { beforeEach, describe, expect, it } from 'vitest';
import { electronStub, FakeWebContents, resetElectronStub } from '../../test/stubs/electron.ts';
import { createTrustedUrlTest } from './app-origin.ts';
import { lockDownNavigation } from './navigation.ts';

function lockedContents(devUrl?: string): FakeWebContents {
  const contents = new FakeWebContents();
  lockDownNavigation(contents as never, createTrustedUrlTest(devUrl));
  return contents;
}

describe('navigation lock-down', () => {
  beforeEach(resetElectronStub);

  it('lets the console navigate within its own origin', () => {
    const contents = lockedContents();
    expect(contents.fire('will-navigate', 'app://console/index.html#/tickets').defaultPrevented).toBe(false);
    expect(contents.fire('will-redirect', 'app://console/settings').defaultPrevented).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'app://console.evil/index.html',
    'app://other/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'http://localhost:5173/',
    'not a url',
  ])('stops navigation and redirects to %s', (url) => {
    const contents = lockedContents();
    expect(contents.fire('will-navigate', url).defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', url).defaultPrevented).toBe(true);
  });

  it('trusts the dev server origin only when one is configured', () => {
    const contents = lockedContents('http://localhost:5173/');
    expect(contents.fire('will-navigate', 'http://localhost:5173/inbox').defaultPrevented).toBe(false);
    expect(contents.fire('will-navigate', 'http://localhost:5174/').defaultPrevented).toBe(true);
  });

  it('refuses a dev server that is not on this machine', () => {
    expect(() => createTrustedUrlTest('https://evil.example/')).toThrow(/localhost/);
  });

  it('denies every window.open and opens https and mailto links externally', () => {
    const contents = lockedContents();
    const open = (url: string) => contents.windowOpenHandler?.({ url });
    expect(open('https://help.example.com/article?id=1')).toEqual({ action: 'deny' });
    expect(open('mailto:customer@example.com')).toEqual({ action: 'deny' });
    expect(open('app://console/index.html')).toEqual({ action: 'deny' });
    expect(electronStub.openedExternally).toEqual(['https://help.example.com/article?id=1', 'mailto:customer@example.com']);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'http://example.com/', 'smb://share/x', 'HTTPS-ish'])(
    'never opens %s externally',
    (url) => {
      const contents = lockedContents();
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(electronStub.openedExternally).toEqual([]);
    },
  );
});
