import { connect as tcp, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../app.ts';
import type { Db } from '../store/db.ts';
import { backends, type TestDb } from '../testing/backends.ts';

/** A raw TCP client asking for the live socket; it never answers a close frame (a frozen console). */
function rawUpgrade(url: string): { socket: Socket; received: (match: (text: string) => boolean) => Promise<string> } {
  const { hostname, port } = new URL(url);
  const socket = tcp(Number(port), hostname);
  let seen = '';
  const waiting: { match: (text: string) => boolean; resolve: (text: string) => void }[] = [];
  socket.on('data', (chunk: Buffer) => {
    seen += chunk.toString('latin1');
    for (const w of waiting.splice(0))
      if (w.match(seen)) w.resolve(seen);
      else waiting.push(w);
  });
  socket.on('error', () => {});
  socket.write(
    `GET /sync/live HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  );
  return {
    socket,
    received: (match) => new Promise((resolve) => (match(seen) ? resolve(seen) : waiting.push({ match, resolve }))),
  };
}

describe.each(backends)('an instance that closes on $name', (backend) => {
  let test: TestDb;
  let db: Db;
  beforeAll(async () => {
    test = await backend.open();
    db = test.db;
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('stops although a console asks for a live socket while it closes', async () => {
    const server = await startServer({ db, logger: false, jobs: false });
    const frozen = rawUpgrade(server.url);
    await frozen.received((text) => text.includes('101 Switching Protocols'));
    const closed = server.close();
    // The frozen console is told to go (a close frame, 0x88) and does not answer: the instance
    // waits out its grace, and meanwhile another console asks for a live socket.
    await frozen.received((text) => text.includes('\x88'));
    const late = rawUpgrade(server.url);
    const answer = await late.received((text) => text.startsWith('HTTP/1.1'));
    expect(answer).toMatch(/^HTTP\/1\.1 503/);
    // Nothing ended that socket once, and close() waited for it for ever.
    await closed;
    frozen.socket.destroy();
    late.socket.destroy();
  });
});
