/**
 * Every way a call reaches Core, as one adapter shape: `(channel, input) => Result`. The contract
 * suite runs the same cases through each, so adding a transport (the sync server, later) is one
 * more adapter here.
 */
import { ipcMain, fakeFrame } from '../stubs/electron.ts';
import { registerIpcRouter, sendEventToWindow } from '../../electron/main/ipc-router.ts';
import { createTrustedUrlTest } from '../../electron/main/app-origin.ts';
import { startWebHost } from '../../electron/web-host/server.ts';
import { isChannelName } from '../../shared/contract/channels.ts';
import { ResultEnvelope, type Result } from '../../shared/contract/errors.ts';
import { EVENTS_PATH, HTTP_STATUS_BY_CODE } from '../../shared/contract/web-transport.ts';
import type { Core } from '../../electron/core/index.ts';
import { callOverHttp, openEventSocket, tinyRendererDir } from '../support/http.ts';

export type Call = (channel: string, input: unknown) => Promise<Result<unknown>>;

export interface Transport {
  name: string;
  call: Call;
  /** Resolves with the payload of the next event of this name that reaches a client. */
  nextEvent(event: string): Promise<unknown>;
  close(): Promise<void>;
}

/** Events as a client sees them, waited for by name. */
function eventInbox() {
  const waiting = new Map<string, ((payload: unknown) => void)[]>();
  return {
    deliver(name: string, payload: unknown) {
      const waiters = waiting.get(name) ?? [];
      waiting.delete(name);
      for (const resolve of waiters) resolve(payload);
    },
    next: (name: string) => new Promise<unknown>((resolve) => waiting.set(name, [...(waiting.get(name) ?? []), resolve])),
  };
}

/** (a) Core's dispatcher called in-process, the baseline every other transport must match. */
export function directTransport(core: Core): Transport {
  const inbox = eventInbox();
  const unsubscribe = core.subscribe(inbox.deliver);
  return {
    name: 'direct',
    call: (channel, input) => core.dispatch(channel, input),
    nextEvent: inbox.next,
    close: async () => unsubscribe(),
  };
}

/** (b) The web host over real HTTP, with events over its real WebSocket. */
export async function webTransport(core: Core): Promise<Transport> {
  const host = await startWebHost({ core, rendererDir: tinyRendererDir(), port: 0 });
  const events = await openEventSocket(`${host.origin.replace('http:', 'ws:')}${EVENTS_PATH}?token=${host.token}`);
  return {
    name: 'web host',
    async call(channel, input) {
      const res = await callOverHttp(host.origin, host.token, channel, input);
      const envelope = ResultEnvelope.parse(res.json) as Result<unknown>;
      // The HTTP status must tell the same story as the envelope.
      const expected = envelope.ok ? 200 : HTTP_STATUS_BY_CODE[envelope.error.code];
      if (res.status !== expected) throw new Error(`${channel}: HTTP ${res.status} for an envelope that calls for ${expected}`);
      return envelope;
    },
    nextEvent: async (event) => (await events.next(event)).payload,
    async close() {
      events.socket.close();
      await host.close();
    },
  };
}

/**
 * (c) Electron's IPC router on the stub's ipcMain, called as the console's own top frame would,
 * with events going through main's forwarding to the window. Electron itself rejects an invoke on
 * a channel with no handler (the router registers exactly the contract's channels, and the preload
 * exposes no others); the adapter reports that as the UNKNOWN_CHANNEL it amounts to.
 */
export function ipcTransport(core: Core): Transport {
  const dispose = registerIpcRouter(
    ipcMain,
    { call: (channel, input) => core.dispatch(channel, input) },
    { isTrusted: createTrustedUrlTest() },
  );
  const frame = fakeFrame('app://console/index.html');
  const inbox = eventInbox();
  const window = {
    isDestroyed: () => false,
    send: (channel: string, ...args: unknown[]) => {
      if (channel === 'event') inbox.deliver(String(args[0]), structuredClone(args[1]));
    },
  };
  const unsubscribe = core.subscribe((name, payload) => sendEventToWindow(window, name, payload));
  return {
    name: 'electron ipc',
    async call(channel, input) {
      if (!isChannelName(channel) || !ipcMain.handlers.has(channel)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `No handler registered for '${channel}'` } };
      }
      // Structured clone is what IPC does to every argument and answer.
      return structuredClone((await ipcMain.invoke(channel, structuredClone(input), frame)) as Result<unknown>);
    },
    nextEvent: inbox.next,
    async close() {
      unsubscribe();
      dispose();
    },
  };
}
