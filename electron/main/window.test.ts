import { beforeEach, describe, expect, it } from 'vitest';
import { electronStub, resetElectronStub } from '../../test/stubs/electron.ts';
import type { BrowserWindow as StubWindow } from '../../test/stubs/electron.ts';
import { createTrustedUrlTest } from './app-origin.ts';
import { createMainWindow, focusWindow } from './window.ts';

const state = { x: 10, y: 20, width: 1200, height: 800, maximized: false };
const make = (isPackaged: boolean) =>
  createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    state,
    isPackaged,
    isTrusted: createTrustedUrlTest(),
  }) as unknown as StubWindow;

describe('the window factory', () => {
  beforeEach(resetElectronStub);

  it('creates windows isolated, sandboxed, without Node and with web security', () => {
    const window = make(true);
    expect(window.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      spellcheck: true,
    });
    expect(window.options).toMatchObject({ x: 10, y: 20, width: 1200, height: 800, show: false });
  });

  it('allows devtools only in a development build', () => {
    expect((make(false).options.webPreferences as { devTools: boolean }).devTools).toBe(true);
  });

  it('refuses to attach a <webview>', () => {
    expect(make(true).webContents.fire('will-attach-webview').defaultPrevented).toBe(true);
  });

  it('locks navigation down on every window it makes', () => {
    const window = make(true);
    expect(window.webContents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('shows the window maximized when it was left maximized', () => {
    const window = createMainWindow({
      preloadPath: 'p',
      state: { ...state, maximized: true },
      isPackaged: true,
      isTrusted: createTrustedUrlTest(),
    }) as unknown as StubWindow;
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.isMaximized()).toBe(true);
    expect(window.visible).toBe(true);
  });

  it('brings a minimized window back to the front', () => {
    const window = make(true);
    window.minimized = true;
    focusWindow(window as never);
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
    expect(electronStub.openedExternally).toEqual([]);
  });
});
