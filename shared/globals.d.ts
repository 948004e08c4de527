// shared/ runs in the browser, in Node and in Electron. It may use only what all three provide as
// globals; this file declares exactly those, so the compiler refuses anything else (no DOM, no node:*).
declare const crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
};
/** Timers: every runtime has them; the handle is opaque here. */
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
