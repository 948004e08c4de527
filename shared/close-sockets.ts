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

/** The raw socket of an HTTP upgrade request. */
export interface UpgradeSocket {
  readonly destroyed: boolean;
  destroy(): void;
  once(event: 'close', listener: () => void): unknown;
}

/** An HTTP server: it hands each upgrade request's socket to its 'upgrade' listeners. */
export interface UpgradingServer {
  on(event: 'upgrade', listener: (request: unknown, socket: UpgradeSocket) => void): unknown;
}

/**
 * The shutdown of a server's WebSockets, including those still being upgraded. A socket whose
 * upgrade request arrives while the server is closing is answered 503 by Fastify on a response
 * Node does not manage, so nothing ever ends it, and `server.close` then waits for it forever (a
 * console reconnecting during the close grace was enough). So every upgrade socket is tracked from
 * its first byte, and once the open WebSockets have been closed (`closeSockets`), whatever is still
 * there is cut. Create it before the server listens.
 */
export function upgradeSockets(server: UpgradingServer) {
  const open = new Set<UpgradeSocket>();
  server.on('upgrade', (_request, socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return {
    async close(clients: Iterable<ClosableSocket>, code: number, reason: string): Promise<void> {
      await closeSockets(clients, code, reason);
      for (const socket of open) if (!socket.destroyed) socket.destroy();
      open.clear();
    },
  };
}
