/**
 * The preload: the only bridge between the sandboxed renderer and main. It exposes
 * `window.switchboard` = { api, on }:
 * - `api.<namespace>.<method>(input)`: one named method per contract channel, each resolving with
 *   the call's Result envelope. There is deliberately no generic `invoke` and no `ipcRenderer`: the page can ask for exactly what the contract offers.
 * - `on(event, listener)`: subscribes to a contract event and returns the unsubscribe function.
 *   The listener gets the payload only, never the IPC event (which would expose the sender).
 *
 * Sandboxed preloads cannot be ES modules, so this is bundled to CommonJS (vite.preload.config.ts).
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge, EventSubscriber } from '../../shared/contract/api.ts';
import { CHANNEL_NAMES } from '../../shared/contract/channels.ts';
import type { Result } from '../../shared/contract/errors.ts';
import { type EventName, isEventName } from '../../shared/contract/events.ts';
import type { PreloadApi } from '../../shared/contract/preload-api.ts';

type IpcWrapper = (event: IpcRendererEvent, name: unknown, payload: unknown) => void;
type AnyListener = (payload: never) => void;

export function createPreloadApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): PreloadApi {
  // The wrapper registered with ipcRenderer for each (event, listener), so unsubscribing removes
  // exactly that wrapper — a new arrow function passed to removeListener would remove nothing.
  const wrappers = new Map<EventName, Map<AnyListener, IpcWrapper>>();

  const on: EventSubscriber = (event, listener) => {
    if (!isEventName(event)) throw new TypeError(`Switchboard has no event named ${JSON.stringify(String(event))}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const forEvent = wrappers.get(event) ?? new Map<AnyListener, IpcWrapper>();
    wrappers.set(event, forEvent);
    const key = listener as AnyListener;
    let wrapper = forEvent.get(key);
    if (!wrapper) {
      const registered: IpcWrapper = (_ipcEvent, name, payload) => {
        if (name === event) listener(payload as Parameters<typeof listener>[0]);
      };
      wrapper = registered;
      forEvent.set(key, registered);
      ipc.on('event', registered);
    }
    const registered = wrapper;
    return () => {
      if (forEvent.get(key) !== registered) return; // already unsubscribed
      forEvent.delete(key);
      ipc.removeListener('event', registered);
    };
  };

  // One real method per contract channel: contextBridge copies plain objects only (a Proxy, as
  // the web transport's bridge is, would arrive empty).
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNEL_NAMES) {
    const [ns, method] = channel.split('.') as [string, string];
    (api[ns] ??= {})[method] = (input: unknown) => ipc.invoke(channel, input) as Promise<Result<unknown>>;
  }
  return { api: api as unknown as Bridge, on };
}

contextBridge.exposeInMainWorld('switchboard', createPreloadApi(ipcRenderer));
