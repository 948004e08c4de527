/**
 * A loopback TCP proxy in front of a server that a test can cut and restore, so that one console
 * loses the server (as when its network goes away) while everyone else keeps it. Cut: every open
 * connection through it is reset and new ones are reset as they arrive (the port stays taken, so
 * nothing else can grab it before it is restored). Restore: connections go through again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface CuttableProxy {
  /** http://127.0.0.1:<port>: use it in place of the target's address. */
  url: string;
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  close(): Promise<void>;
}

export async function startCuttableProxy(targetUrl: string): Promise<CuttableProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port);
  const open = new Set<Socket>();
  let isCut = false;

  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };

  const server: Server = createServer((client) => {
    if (isCut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, target.hostname);
    track(client);
    track(upstream);
    // One side ending or failing ends the other: the proxy never keeps half a connection.
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    get isCut() {
      return isCut;
    },
    cut() {
      isCut = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    restore() {
      isCut = false;
    },
    async close() {
      for (const socket of open) socket.destroy();
      open.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
