import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { isSwitchboardServer, startEmbeddedServer } from './embedded-server.ts';

const execFileAsync = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'switchboard-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ADMIN = fileURLToPath(new URL('../../server/admin.ts', import.meta.url));

/** Runs `npm run server:admin -- <args>` and resolves with its output (rejects with its error output). */
async function admin(args: string[]): Promise<string> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  try {
    return (await execFileAsync(process.execPath, [ADMIN, ...args], { env, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (err) {
    throw new Error((err as { stderr?: string }).stderr ?? String(err), { cause: err });
  }
}

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
  it('starts seeded, on a free port when someone else holds the preferred one; is found again through its data folder, serves server:admin while running, and stops', async () => {
    // Someone else's Switchboard server already answers on the preferred port: it is not ours, so
    // ours starts on a free port instead of using it.
    const stranger = createHttpServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ name: 'switchboard', version: '0.1.0', schemaVersions: { min: 1, max: 1 } }));
    });
    await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
    const port = (stranger.address() as { port: number }).port;
    const lines: string[] = [];
    const server = await startEmbeddedServer({ dataDir: join(dir, 'server'), port, demoTickets: 50, log: (l) => lines.push(l) });
    try {
      expect(server.started).toBe(true);
      expect(server.url).not.toBe(`http://127.0.0.1:${port}`);
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

      const again = await startEmbeddedServer({ dataDir: join(dir, 'server'), port, demoTickets: 50, log: () => {} });
      expect(again).toMatchObject({ url: server.url, started: false });
      await again.stop();
      expect(await isSwitchboardServer(server.url)).toBe(true);

      // server:admin lists the tenants and exports one while the server holds the database.
      const tenants = await admin(['tenants', '--data', join(dir, 'server')]);
      const [tenantId, tenantName] = tenants.trim().split(/\s{2,}/);
      expect(tenantName).toBe('Acme Support');
      const exported = await admin(['export', '--tenant', tenantId!, '--data', join(dir, 'server')]);
      const entities = new Set(
        exported
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { entity: string }).entity),
      );
      expect([...entities]).toEqual(expect.arrayContaining(['tenant', 'ticket', 'message', 'user']));
      await expect(admin(['reset-password', '--email', 'agent@demo.switchboard', '--data', join(dir, 'server')])).rejects.toThrow(
        /has this database open: stop it first/,
      );
    } finally {
      await server.stop();
      stranger.close();
    }
    expect(await isSwitchboardServer(server.url)).toBe(false);
  }, 120_000);

  it('says why when the server cannot start', async () => {
    await expect(
      startEmbeddedServer({ dataDir: join(dir, 'bad'), port: await freePort(), demoTickets: -1, log: () => {} }),
    ).rejects.toThrow(/stopped before it was ready[\s\S]*--demo-tickets/);
  }, 60_000);
});
