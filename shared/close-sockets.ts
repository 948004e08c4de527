/**
 * Closing WebSockets when a process stops. A close handshake waits for the peer's answer, and a
 * peer that never answers (a frozen tab, a dead network path) would hold the socket, and with it
 * the stopping process, for the WebSocket library's whole close timeout (30 s). So each socket is
 * asked to close with `code` (the peer learns why and reconnects elsewhere), and whatever has not
 * closed within `graceMs` is cut. Written against the shape of a `ws` socket, with no import, so
 * the server and the web host share it.
 */

export interface ClosableSocket {
  readonly readyState: number;
  readonly CLOSED: number;
  close(code: number, reason: string): void;
  terminate(): void;
  once(event: 'close', listener: () => void): unknown;
}

export const CLOSE_GRACE_MS = 500;

export async function closeSockets(
  sockets: Iterable<ClosableSocket>,
  code: number,
  reason: string,
  graceMs = CLOSE_GRACE_MS,
): Promise<void> {
  const open = [...sockets].filter((s) => s.readyState !== s.CLOSED);
  if (!open.length) return;
  const closed = open.map((s) => new Promise<void>((resolve) => s.once('close', () => resolve())));
  for (const s of open) s.close(code, reason);
  const cut = setTimeout(() => {
    for (const s of open) if (s.readyState !== s.CLOSED) s.terminate();
  }, graceMs);
  await Promise.all(closed);
  clearTimeout(cut);
}
