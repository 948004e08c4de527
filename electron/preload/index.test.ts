import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/channels.ts';
import type { PreloadApi } from '../../shared/contract/preload-api.ts';
import { electronStub, ipcRenderer, resetElectronStub } from '../../test/stubs/electron.ts';
import { createPreloadApi } from './index.ts';

const loadPreload = async (): Promise<PreloadApi> => createPreloadApi(ipcRenderer as never);

describe('the preload', () => {
  // What the module exposed when it was first loaded (the stub's records are reset before each test).
  let exposedAtLoad: Map<string, unknown>;
  beforeAll(() => {
    exposedAtLoad = electronStub.exposed;
  });
  beforeEach(resetElectronStub);

  it('exposes only `api` and `on` as window.switchboard', () => {
    expect([...exposedAtLoad.keys()]).toEqual(['switchboard']);
    expect(Object.keys(exposedAtLoad.get('switchboard') as object).sort()).toEqual(['api', 'on']);
  });

  it('exposes exactly the contract channels as named methods, and nothing generic', async () => {
    const { api } = await loadPreload();
    const methods = Object.entries(api).flatMap(([ns, m]) => Object.keys(m as object).map((name) => `${ns}.${name}`));
    expect(methods.sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/invoke|send|ipc/i);
  });

  it('invokes the method’s own channel with the input and returns the envelope', async () => {
    const { api } = await loadPreload();
    ipcRenderer.respond = () => ({ ok: true, value: { rows: [], nextCursor: null } });
    await expect(api.tickets.list({ limit: 10 })).resolves.toEqual({ ok: true, value: { rows: [], nextCursor: null } });
    expect(ipcRenderer.invoked).toEqual([{ channel: 'tickets.list', args: [{ limit: 10 }] }]);
  });

  it('delivers only the subscribed event’s payload, and unsubscribe removes exactly that listener', async () => {
    const { on } = await loadPreload();
    const changed = vi.fn();
    const settings = vi.fn();
    const off = on('data.changed', changed);
    on('settings.changed', settings);
    expect(ipcRenderer.listenerCount('event')).toBe(2);

    ipcRenderer.emit('event', { sender: 'main' }, 'data.changed', { entity: 'ticket', ids: [] });
    expect(changed).toHaveBeenCalledExactlyOnceWith({ entity: 'ticket', ids: [] });
    expect(settings).not.toHaveBeenCalled();

    off();
    off();
    expect(ipcRenderer.listenerCount('event')).toBe(1);
    ipcRenderer.emit('event', { sender: 'main' }, 'data.changed', { entity: 'ticket', ids: [] });
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('does not register the same listener twice for one event', async () => {
    const { on } = await loadPreload();
    const listener = vi.fn();
    const offA = on('data.changed', listener);
    on('data.changed', listener);
    expect(ipcRenderer.listenerCount('event')).toBe(1);
    offA();
    expect(ipcRenderer.listenerCount('event')).toBe(0);
  });

  it('refuses events outside the contract', async () => {
    const { on } = await loadPreload();
    expect(() => on('ipc.raw' as never, () => {})).toThrow(/no event named/);
    expect(ipcRenderer.listenerCount('event')).toBe(0);
  });
});
