import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSwitchboardServer, startEmbeddedServer } from './embedded-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the embedded demo server', () => {
  it('starts seeded, lets the demo agent sign in, is found again instead of started twice, and stops', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const server = await startEmbeddedServer({ dataDir: join(dir, 'server'), port, demoTickets: 50, log: (l) => lines.push(l) });
    try {
      expect(server).toMatchObject({ url: `http://127.0.0.1:${port}`, started: true });
      expect(lines.join('\n')).toContain('agent@demo.switchboard');

      const signIn = await fetch(`${server.url}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'agent@demo.switchboard',
          password: 'switchboard-demo',
          clientId: '019a0000-0000-7000-8000-0000000000aa',
          deviceName: 'test',
        }),
      });
      expect(signIn.status).toBe(200);

      const again = await startEmbeddedServer({ dataDir: join(dir, 'other'), port, demoTickets: 50, log: () => {} });
      expect(again).toMatchObject({ url: server.url, started: false });
      await again.stop();
      expect(await isSwitchboardServer(server.url)).toBe(true);
    } finally {
      await server.stop();
    }
    expect(await isSwitchboardServer(server.url)).toBe(false);
  }, 120_000);

  it('says why when the server cannot start', async () => {
    await expect(
      startEmbeddedServer({ dataDir: join(dir, 'bad'), port: await freePort(), demoTickets: -1, log: () => {} }),
    ).rejects.toThrow(/stopped before it was ready[\s\S]*--demo-tickets/);
  }, 60_000);
});
