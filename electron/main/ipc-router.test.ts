import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, type ChannelName } from '../../shared/contract/channels.ts';
import type { Result } from '../../shared/contract/errors.ts';
import { fakeFrame, FakeWebContents, ipcMain, resetElectronStub } from '../../test/stubs/electron.ts';
import { createTrustedUrlTest } from './app-origin.ts';
import { registerIpcRouter, sendEventToWindow } from './ipc-router.ts';

const appFrame = () => fakeFrame('app://console/index.html');

function setup(answer: Result<unknown> = { ok: true, value: { theme: 'dark', locale: 'en', density: 'compact' } }) {
  const calls: { channel: ChannelName; input: unknown }[] = [];
  const core = {
    call: vi.fn(async (channel: ChannelName, input: unknown) => {
      calls.push({ channel, input });
      return answer;
    }),
  };
  const dispose = registerIpcRouter(ipcMain, core, { isTrusted: createTrustedUrlTest() });
  return { core, calls, dispose };
}

describe('the IPC router', () => {
  beforeEach(resetElectronStub);

  it('registers exactly the contract channels', () => {
    setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('does not register unknown channels', async () => {
    setup();
    expect(ipcMain.handlers.has('tickets.delete')).toBe(false);
    await expect(ipcMain.invoke('tickets.delete', {})).rejects.toThrow(/No handler/);
  });

  it('forwards a valid call from the console to Core and returns its result', async () => {
    const { calls } = setup();
    await expect(ipcMain.invoke('settings.get', {}, appFrame())).resolves.toEqual({
      ok: true,
      value: { theme: 'dark', locale: 'en', density: 'compact' },
    });
    expect(calls).toEqual([{ channel: 'settings.get', input: {} }]);
  });

  it('forwards the validated input, with the contract defaults applied', async () => {
    const { calls } = setup({ ok: true, value: { rows: [], nextCursor: null } });
    await ipcMain.invoke('tickets.list', {}, appFrame());
    expect(calls[0]?.input).toMatchObject({ filter: {}, cursor: null, limit: 50 });
  });

  it('rejects invalid input with VALIDATION without reaching Core', async () => {
    const { core } = setup();
    const result = (await ipcMain.invoke('tickets.list', { limit: 'all' }, appFrame())) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'limit' }] } });
    const extra = (await ipcMain.invoke('settings.get', { sql: 'drop table tickets' }, appFrame())) as Result<unknown>;
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(core.call).not.toHaveBeenCalled();
  });

  it.each([
    ['another origin', fakeFrame('https://evil.example/')],
    ['a look-alike host', fakeFrame('app://console.evil/index.html')],
    ['a file page', fakeFrame('file:///tmp/index.html')],
    ['a subframe of the console', fakeFrame('app://console/frame.html', appFrame())],
    ['a destroyed frame', null],
  ])('rejects a call from %s with FORBIDDEN', async (_what, frame) => {
    const { core } = setup();
    const result = (await ipcMain.invoke('settings.get', {}, frame)) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.call).not.toHaveBeenCalled();
  });

  it('returns a failure of Core as an INTERNAL payload instead of throwing across IPC', async () => {
    const onInternalError = vi.fn();
    registerIpcRouter(
      ipcMain,
      { call: async () => Promise.reject(new Error('disk on fire at /home/x')) },
      { isTrusted: createTrustedUrlTest(), onInternalError },
    );
    const result = (await ipcMain.invoke('app.info', {}, appFrame())) as Result<unknown>;
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.not.stringContaining('/home/x') } });
    expect(onInternalError).toHaveBeenCalledWith('app.info', expect.any(Error));
  });

  it('removes every handler it registered when disposed', () => {
    const { dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('events to the window', () => {
  it('sends contract events with a valid payload', () => {
    const contents = new FakeWebContents();
    expect(sendEventToWindow(contents as never, 'data.changed', { entity: 'ticket', ids: [] })).toBe(true);
    expect(contents.sent).toEqual([{ channel: 'event', args: ['data.changed', { entity: 'ticket', ids: [] }] }]);
  });

  it('drops unknown events, invalid payloads and destroyed windows', () => {
    const contents = new FakeWebContents();
    expect(sendEventToWindow(contents as never, 'shell.exec', {})).toBe(false);
    expect(sendEventToWindow(contents as never, 'data.changed', { entity: 'spaceship', ids: [] })).toBe(false);
    contents.destroyed = true;
    expect(sendEventToWindow(contents as never, 'data.changed', { entity: 'ticket', ids: [] })).toBe(false);
    expect(sendEventToWindow(null, 'data.changed', { entity: 'ticket', ids: [] })).toBe(false);
    expect(contents.sent).toEqual([]);
  });
});
