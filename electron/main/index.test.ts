import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/channels.ts';
import type * as StubModule from '../../test/stubs/electron.ts';

type Stub = typeof StubModule;

/**
 * Loads main afresh, as launching the app would. The stub is reloaded with it (vi.resetModules
 * drops both), so each test talks to the very instance main sees.
 */
async function launch(configure: (stub: Stub) => void = () => {}): Promise<Stub> {
  vi.resetModules();
  const stub: Stub = await import('../../test/stubs/electron.ts');
  stub.resetElectronStub();
  stub.electronStub.paths.userData = '/tmp/switchboard-lifecycle-test';
  configure(stub);
  await import('./index.ts');
  return stub;
}

async function launchReady(): Promise<Stub> {
  const stub = await launch();
  stub.emitAppReady();
  await vi.waitFor(() => expect(stub.BrowserWindow.created).toHaveLength(1));
  return stub;
}

describe('the app lifecycle', () => {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  it('registers the app:// scheme and enforces the sandbox before ready', async () => {
    const { electronStub, BrowserWindow } = await launch();
    expect(electronStub.privilegedSchemes).toHaveLength(1);
    expect(electronStub.sandboxEnabled).toBe(true);
    expect(BrowserWindow.created).toHaveLength(0);
  });

  it('quits at once when another instance holds the lock', async () => {
    const { electronStub, BrowserWindow, emitAppReady } = await launch((stub) => {
      stub.electronStub.singleInstanceLock = false;
    });
    expect(electronStub.quitCalls).toBe(1);
    emitAppReady();
    await Promise.resolve();
    expect(BrowserWindow.created).toHaveLength(0);
  });

  it('once ready: locks permissions, serves app://, starts Core, routes IPC and loads the console', async () => {
    const { electronStub, BrowserWindow, ipcMain } = await launchReady();
    expect(electronStub.permissionRequestHandler).not.toBeNull();
    expect(electronStub.protocolHandlers.has('app')).toBe(true);
    expect(electronStub.applicationMenu).not.toBeNull();
    expect(electronStub.forked).toHaveLength(1);
    expect(electronStub.forked[0]?.args).toEqual(['--database=/tmp/switchboard-lifecycle-test/switchboard.db', '--app-version=0.1.0']);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(BrowserWindow.created[0]?.loaded).toEqual(['app://console/index.html']);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { BrowserWindow, emitAppEvent } = await launchReady();
    const window = BrowserWindow.created[0]!;
    window.minimized = true;
    emitAppEvent('second-instance');
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('remembers where the window was when it closes', async () => {
    const userData = mkdtempSync(path.join(tmpdir(), 'switchboard-lifecycle-'));
    try {
      const stub = await launch((s) => {
        s.electronStub.paths.userData = userData;
      });
      stub.emitAppReady();
      await vi.waitFor(() => expect(stub.BrowserWindow.created).toHaveLength(1));
      const window = stub.BrowserWindow.created[0]!;
      window.bounds = { x: 200, y: 150, width: 1100, height: 700 };
      window.maximized = true;
      window.close();
      expect(JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8'))).toEqual({
        x: 200,
        y: 150,
        width: 1100,
        height: 700,
        maximized: true,
      });
    } finally {
      rmSync(userData, { recursive: true, force: true });
    }
  });

  it('quits when the window closes, except on macOS', async () => {
    const { electronStub, emitAppEvent } = await launchReady();
    emitAppEvent('window-all-closed');
    expect(electronStub.quitCalls).toBe(process.platform === 'darwin' ? 0 : 1);
  });

  it('delivers Core events to the window and shows a fatal database error', async () => {
    const { electronStub, BrowserWindow } = await launchReady();
    const child = electronStub.forked[0]!;
    child.reply({ kind: 'event', name: 'data.changed', payload: { entity: 'ticket', ids: [] } });
    expect(BrowserWindow.created[0]?.webContents.sent).toEqual([
      { channel: 'event', args: ['data.changed', { entity: 'ticket', ids: [] }] },
    ]);
    child.reply({ kind: 'fatal', error: { code: 'DB_CORRUPT', message: 'file is not a database' } });
    expect(electronStub.errorBoxes).toHaveLength(1);
    expect(electronStub.quitCalls).toBe(1);
  });
});
