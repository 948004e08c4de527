/**
 * The one window factory. Every BrowserWindow of the app is made here, with its security settings
 * written inline (not spread from elsewhere) so a review sees them in one place: isolated,
 * sandboxed, no Node, web security on, devtools only in a development build, no <webview>, and
 * navigation locked to the console's own origin.
 */
import { BrowserWindow } from 'electron';
import type { TrustedUrlTest } from './app-origin.ts';
import { lockDownNavigation } from './navigation.ts';
import type { WindowState } from './window-state.ts';

export interface MainWindowOptions {
  preloadPath: string;
  state: WindowState;
  isPackaged: boolean;
  isTrusted: TrustedUrlTest;
}

export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { state } = options;
  const window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Switchboard',
    // Shown on 'ready-to-show' so the person never sees an empty white frame.
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: !options.isPackaged,
      spellcheck: true,
    },
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  lockDownNavigation(window.webContents, options.isTrusted);
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  return window;
}

/** Brings the window to the front, e.g. when a second instance was started. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
