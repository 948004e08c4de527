/**
 * The one place IPC from the renderer enters main. For every channel of the contract, and no
 * other, it registers an `ipcMain.handle` that:
 *   1. checks the sender: the top frame (not an iframe) of a page on the console's own origin;
 *   2. validates the input against the contract (so Core never sees a malformed call);
 *   3. forwards the call to Core and returns Core's Result envelope.
 * Every failure comes back as an error payload (FORBIDDEN, VALIDATION, UNAVAILABLE…): nothing
 * throws across IPC, because a thrown error reaches the renderer stripped of its code.
 *
 * The contract test suite drives it without Electron: register it on the stub's ipcMain with an
 * in-process Core and invoke channels as a given frame would:
 *
 *   import { ipcMain, fakeFrame } from '../stubs/electron.ts';
 *   const dispose = registerIpcRouter(ipcMain, { call: createDispatch(handlers) }, { isTrusted: createTrustedUrlTest() });
 *   const result = await ipcMain.invoke('tickets.list', { limit: 10 }, fakeFrame('app://console/index.html'));
 *   dispose();
 */
import type { WebContents } from 'electron';
import { CHANNEL_NAMES, type ChannelName } from '../../shared/contract/channels.ts';
import { parseCall } from '../../shared/contract/dispatch.ts';
import { AppError, type Result, toErrorPayload } from '../../shared/contract/errors.ts';
import { events, isEventName } from '../../shared/contract/events.ts';
import type { TrustedUrlTest } from './app-origin.ts';

/** What the router forwards validated calls to: Core in its utility process, or in-process in tests. */
export interface CoreClient {
  call(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
}

export interface IpcRouterOptions {
  /** Whether a sender frame's URL is the console's own (see app-origin.ts). */
  isTrusted: TrustedUrlTest;
  /** Told about failures that are bugs (not AppErrors), before they are reduced to INTERNAL. */
  onInternalError?: (channel: string, err: unknown) => void;
}

/**
 * The parts of an invoke event the router looks at: the frame that sent it (`senderFrame`, a
 * WebFrameMain; null once that frame is gone). Kept structural so the stub's events fit too.
 */
export interface SenderEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The part of `ipcMain` the router uses; Electron's ipcMain and the test stub's both fit. */
export interface IpcHandlerRegistry {
  handle(channel: string, listener: (event: SenderEvent, input: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

export function assertTrustedSender(event: SenderEvent, isTrusted: TrustedUrlTest): void {
  const frame = event.senderFrame;
  // A null frame was navigated away or destroyed while the call was in flight.
  if (!frame) throw new AppError('FORBIDDEN', 'the calling frame no longer exists');
  if (frame.parent !== null) throw new AppError('FORBIDDEN', 'only the top frame may call Switchboard');
  if (!isTrusted(frame.url)) throw new AppError('FORBIDDEN', 'the calling page is not part of Switchboard');
}

/** Registers a handler per contract channel; returns a function that removes them all. */
export function registerIpcRouter(ipcMain: IpcHandlerRegistry, core: CoreClient, options: IpcRouterOptions): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event: SenderEvent, input: unknown): Promise<Result<unknown>> => {
      try {
        assertTrustedSender(event, options.isTrusted);
        const call = parseCall(channel, input);
        return await core.call(call.channel, call.input);
      } catch (err) {
        if (!(err instanceof AppError)) options.onInternalError?.(channel, err);
        return { ok: false, error: toErrorPayload(err) };
      }
    });
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

/**
 * Delivers a Core event to the window as `('event', name, payload)`, the one IPC message the
 * preload listens to. Unknown event names and payloads outside the contract are dropped, so a
 * listener only ever sees the declared shape.
 */
export function sendEventToWindow(contents: Pick<WebContents, 'send' | 'isDestroyed'> | null, name: string, payload: unknown): boolean {
  if (!contents || contents.isDestroyed() || !isEventName(name)) return false;
  const parsed = events[name].safeParse(payload);
  if (!parsed.success) return false;
  contents.send('event', name, parsed.data);
  return true;
}
