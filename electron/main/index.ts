/**
 * Switchboard's Electron main process: the lifecycle. One instance at a time (a second launch
 * focuses the existing window), the `app://` scheme registered before ready, then — once ready —
 * permissions, protocol, menu, Core in its utility process, the IPC router and the window.
 * Quits when the window closes, except on macOS where apps stay in the dock.
 */
import { app, BrowserWindow, ipcMain, screen, session } from 'electron';
import path from 'node:path';
import { APP_ENTRY_URL, createTrustedUrlTest, DEV_URL_ENV, parseDevUrl } from './app-origin.ts';
import { startCoreProcess, type CoreProcess } from './core-process.ts';
import { demoSignInFromEnv, SERVER_URL_ENV, signInForDemo } from './demo-sign-in.ts';
import { applyDevServerCsp } from './dev-server.ts';
import { showFatalErrorAndQuit } from './fatal-error.ts';
import { registerIpcRouter, sendEventToWindow } from './ipc-router.ts';
import { installApplicationMenu } from './menu.ts';
import { createDesktopNotifier } from './notifications.ts';
import { builtPaths, DATABASE_FILE, WINDOW_STATE_FILE } from './paths.ts';
import { denyPermissionsButNotifications } from './permissions.ts';
import { registerAppScheme, serveAppScheme } from './protocol.ts';
import { createMainWindow, focusWindow } from './window.ts';
import { loadWindowState, saveWindowState } from './window-state.ts';

const devUrlValue = process.env[DEV_URL_ENV];
// Only an unpackaged build may be pointed at a dev server.
const devUrl = devUrlValue && !app.isPackaged ? parseDevUrl(devUrlValue) : null;
const isTrusted = createTrustedUrlTest(devUrl?.href);
const paths = builtPaths(import.meta.dirname);

let mainWindow: BrowserWindow | null = null;
let core: CoreProcess | null = null;
const notifier = createDesktopNotifier(() => mainWindow);

function openMainWindow(): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const window = createMainWindow({
    preloadPath: paths.preload,
    state: loadWindowState(stateFile, workAreas),
    isPackaged: app.isPackaged,
    isTrusted,
  });
  window.on('close', () => {
    saveWindowState(stateFile, { ...window.getNormalBounds(), maximized: window.isMaximized() });
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(devUrl ? devUrl.href : APP_ENTRY_URL);
  return window;
}

async function start(): Promise<void> {
  const databasePath = path.join(app.getPath('userData'), DATABASE_FILE);
  denyPermissionsButNotifications(session.defaultSession, isTrusted);
  if (devUrl) applyDevServerCsp(session.defaultSession, devUrl);
  serveAppScheme(paths.rendererDir);
  installApplicationMenu({ isMac: process.platform === 'darwin', isPackaged: app.isPackaged, appName: app.getName() });

  core = startCoreProcess({
    modulePath: paths.core,
    databasePath,
    // `--local`: a console without a server (Core's local mode); otherwise the person signs in.
    local: process.argv.includes('--local'),
    appVersion: app.getVersion(),
    ...(process.env[SERVER_URL_ENV] ? { serverUrl: process.env[SERVER_URL_ENV] } : {}),
    onEvent: (name, payload) => {
      // The system shows desktop notifications here; the window never sees them (in the web host
      // the renderer shows the browser's instead).
      if (name === 'notification.show') notifier.show(payload);
      else sendEventToWindow(mainWindow?.webContents ?? null, name, payload);
    },
    onFatal: (error) => showFatalErrorAndQuit(error, databasePath),
    onExit: (code) => console.error(`Switchboard Core exited with code ${code}; restarting`),
  });
  registerIpcRouter(ipcMain, core, {
    isTrusted,
    onInternalError: (channel, err) => console.error(`IPC ${channel} failed`, err),
  });
  mainWindow = openMainWindow();
  const demo = demoSignInFromEnv(process.env);
  if (demo) void signInForDemo(core, demo, (message) => console.error(message));
}

// Every renderer sandboxed, whatever a future window forgets to say; must precede 'ready'.
app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) focusWindow(mainWindow);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && core) mainWindow = openMainWindow();
  });
  app.on('before-quit', () => core?.stop());
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('Switchboard failed to start', err);
      app.quit();
    });
}
