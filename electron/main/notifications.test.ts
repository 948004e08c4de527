import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as StubModule from '../../test/stubs/electron.ts';

type Stub = typeof StubModule;

const TICKET = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const assigned = {
  kind: 'assigned',
  target: { entity: 'ticket', id: TICKET },
  count: 1,
  title: 'Ticket assigned to you',
  body: '#1042 Refund, by Li Wei',
};

/** Launches main afresh against a fresh stub (as index.test.ts does) and waits for its window. */
async function launchReady(configure: (stub: Stub) => void = () => {}): Promise<Stub> {
  vi.resetModules();
  const stub: Stub = await import('../../test/stubs/electron.ts');
  stub.resetElectronStub();
  stub.electronStub.paths.userData = '/tmp/switchboard-notifications-test';
  configure(stub);
  await import('./index.ts');
  stub.emitAppReady();
  await vi.waitFor(() => expect(stub.BrowserWindow.created).toHaveLength(1));
  return stub;
}

describe("the desktop app's notifications", () => {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  it("shows Core's notification with the system's notifications, and a click opens its ticket in the window", async () => {
    const { electronStub, BrowserWindow } = await launchReady();
    const window = BrowserWindow.created[0]!;
    window.minimized = true;
    electronStub.forked[0]!.reply({ kind: 'event', name: 'notification.show', payload: assigned });

    expect(electronStub.notifications).toHaveLength(1);
    const shown = electronStub.notifications[0]!;
    expect(shown.shown).toBe(true);
    expect(shown.options).toMatchObject({ title: 'Ticket assigned to you', body: '#1042 Refund, by Li Wei' });

    shown.click();
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
    expect(window.webContents.sent).toContainEqual({
      channel: 'event',
      args: ['notification.opened', { kind: 'assigned', target: { entity: 'ticket', id: TICKET } }],
    });
  });

  it('a summary of several opens the queue (no ticket)', async () => {
    const { electronStub, BrowserWindow } = await launchReady();
    const summary = { ...assigned, target: null, count: 5, title: '5 tickets assigned to you' };
    electronStub.forked[0]!.reply({ kind: 'event', name: 'notification.show', payload: summary });
    electronStub.notifications[0]!.click();
    expect(BrowserWindow.created[0]!.webContents.sent).toContainEqual({
      channel: 'event',
      args: ['notification.opened', { kind: 'assigned', target: null }],
    });
  });

  it('shows nothing for a malformed payload, or where the system has no notifications', async () => {
    const { electronStub } = await launchReady((stub) => {
      stub.electronStub.notificationsSupported = false;
    });
    electronStub.forked[0]!.reply({ kind: 'event', name: 'notification.show', payload: assigned });
    expect(electronStub.notifications).toEqual([]);
    electronStub.notificationsSupported = true;
    electronStub.forked[0]!.reply({ kind: 'event', name: 'notification.show', payload: { ...assigned, title: 42 } });
    expect(electronStub.notifications).toEqual([]);
  });
});
