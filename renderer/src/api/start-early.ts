/**
 * Imported first by main.tsx, for its effect: in a browser, asks the first screen's calls
 * (early-calls.ts) before the rest of the renderer is evaluated. Inside Electron the preload is
 * there instead, and asks nothing early.
 */
import { askEarly } from './early-calls.ts';
import { takeToken } from './token.ts';

if (!('switchboard' in window)) {
  const token = takeToken(window.location, window.history, window.sessionStorage);
  if (token) askEarly(token, window.location.hash, window.fetch.bind(window));
}
