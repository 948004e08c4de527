/**
 * What the desktop app's preload exposes to the renderer as `window.switchboard` (type only: the
 * object itself is built in electron/preload). The renderer uses it when present, and the web
 * transport otherwise:
 *
 *   const desktop = (globalThis as { switchboard?: PreloadApi }).switchboard;
 *   const api = desktop ? createApi(desktop.api, desktop.on) : createWebApi(...);
 */
import type { Bridge, EventSubscriber } from './api.ts';

export type PreloadApi = { api: Bridge; on: EventSubscriber };
