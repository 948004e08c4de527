/**
 * The local admin routes and the running marker: server:admin lists tenants and exports a tenant
 * from a running server on an embedded database, with the run's admin token only; and a marker is
 * trusted only when the server at its address answers with its instance id.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app.ts';
import { backends, type TestDb } from '../testing/backends.ts';
import { createTeam, createTenant } from '../admin/operations.ts';
import type { Db } from '../store/db.ts';
import { findMarkedServer, newMarkerSecrets, readServerMarker, removeServerMarker, writeServerMarker } from '../store/server-marker.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-marker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(backends)('local admin routes on $name', (backend) => {
  const marker = newMarkerSecrets();
  // A tenant with a team and nobody in it (no password hashing), set up by the first test to ask.
  let f: Promise<{ test: TestDb; db: Db; server: RunningServer; tenantId: string; teamId: string }> | null = null;
  const fixture = () =>
    (f ??= (async () => {
      const test = await backend.open();
      const tenant = await createTenant(test.db, 'test', { name: 'Acme' });
      const team = await createTeam(test.db, 'test', { tenantId: tenant.id, name: 'Billing' });
      const server = await startServer({ db: test.db, logger: false, jobs: false, marker });
      return { test, db: test.db, server, tenantId: tenant.id, teamId: team.id };
    })());
  afterAll(async () => {
    if (!f) return;
    const { server, test } = await f;
    await server.close();
    await test.dispose();
  });

  const get = async (path: string, token?: string) =>
    fetch(`${(await fixture()).server.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('lists tenants and exports one with the admin token, and refuses without it', async () => {
    const f = await fixture();
    const tenants = await get('/admin/tenants', marker.adminToken);
    expect(tenants.status).toBe(200);
    expect(((await tenants.json()) as { tenants: { id: string; name: string }[] }).tenants).toContainEqual(
      expect.objectContaining({ id: f.tenantId, name: 'Acme' }),
    );
    const exported = await get(`/admin/export?tenant=${f.tenantId}`, marker.adminToken);
    expect(exported.status).toBe(200);
    const lines = (await exported.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { entity: string; row: { id: string } });
    expect(lines.map((l) => l.entity).sort()).toEqual(['team', 'tenant']);
    expect(lines.find((l) => l.entity === 'team')?.row.id).toBe(f.teamId);

    for (const token of [undefined, 'wrong', `${marker.adminToken}x`]) {
      const refused = await get('/admin/tenants', token);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }
    expect((await get('/admin/export?tenant=not-an-id', marker.adminToken)).status).toBe(400);
  });

  it('reports its instance id on /info, so its marker is found, and nobody else’s is', async () => {
    const f = await fixture();
    const info = (await (await get('/info')).json()) as { instance?: string };
    expect(info.instance).toBe(marker.instance);
    const folder = join(dir, backend.name);
    mkdirSync(folder, { recursive: true });
    expect(await findMarkedServer(folder)).toBeNull();
    writeServerMarker(folder, { pid: process.pid, url: f.server.url, ...marker });
    expect(await findMarkedServer(folder)).toMatchObject({ url: f.server.url, adminToken: marker.adminToken });
    // A marker naming another run (a server since replaced, or someone else's on this port) is not ours.
    writeServerMarker(folder, { pid: process.pid, url: f.server.url, ...newMarkerSecrets() });
    expect(await findMarkedServer(folder)).toBeNull();
    removeServerMarker(folder, marker.instance);
    expect(readServerMarker(folder)).not.toBeNull();
    writeServerMarker(folder, { pid: process.pid, url: f.server.url, ...marker });
    removeServerMarker(folder, marker.instance);
    expect(readServerMarker(folder)).toBeNull();
  });

  it('has no admin routes at all without a marker', async () => {
    const plain = await startServer({ db: (await fixture()).db, logger: false, jobs: false });
    try {
      const res = await fetch(`${plain.url}/admin/tenants`);
      expect(res.status).toBe(404);
      expect(((await (await fetch(`${plain.url}/info`)).json()) as { instance?: string }).instance).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
