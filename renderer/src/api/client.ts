/**
 * The only module that knows about transports. Inside Electron the preload has put the bridge on
 * `window.switchboard`; in a browser the page talks to the web host over HTTP and a WebSocket.
 * Either way the rest of the renderer sees one typed Api.
 */
import { createApi, type Api } from '../../../shared/contract/api.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import type { PreloadApi } from '../../../shared/contract/preload-api.ts';
import { followNewTokens, takeToken } from './token.ts';
import { createEventSocket, createWebBridge } from './web-transport.ts';

export function createClientApi(win: Window & { switchboard?: PreloadApi }): Api {
  if (win.switchboard) return createApi(win.switchboard.api, win.switchboard.on);

  const token = takeToken(win.location, win.history, win.sessionStorage);
  if (!token) throw new AppError('UNAUTHORIZED', 'no web host token: open the console from the link `npm run start:web` prints');
  followNewTokens(win, token);
  const wsOrigin = win.location.origin.replace(/^http/, 'ws');
  return createApi(createWebBridge(token, win.fetch.bind(win)), createEventSocket({ url: wsOrigin, token }));
}
