/**
 * What an instance does when PostgreSQL drops it: a connection ended inside a push or a pull, the
 * LISTEN connection ended, the database unreachable for a while. The instance never exits (an
 * unhandled 'error' would end this test process too), answers 503 UNAVAILABLE with nothing
 * consumed while the database is away, and pokes its sockets again once it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCuttableProxy, type CuttableProxy } from '../../test/support/cuttable-proxy.ts';
import { startServer, type RunningServer } from '../app.ts';
import type { Db } from '../store/db.ts';
import { backends, type PgFaults } from '../testing/backends.ts';
import { newTicket, post, setUp, type Fixture, PASSWORD } from '../testing/fixture.ts';
import { connect } from '../testing/live-socket.ts';
import { terminatingDb, type TerminatingDb } from '../testing/pg-faults.ts';

describe.each(backends)('the database failing under an instance on $name', (backend) => {
  if (backend.name === 'pglite') {
    it('is a PostgreSQL fault: PGlite runs in-process and has no connection to lose', () => {
      console.log('db-outage: skipped on PGlite (no connections to terminate or cut); runs when DATABASE_URL is set');
    });
    return;
  }

  let f: Fixture;
  let faults: PgFaults;
  let proxy: CuttableProxy;
  let db: Db;
  let terminating: TerminatingDb;
  let instance: RunningServer;
  beforeAll(async () => {
    // No job runners: a job's commit would poke the socket whose frames the tests count exactly.
    f = await setUp(backend, { jobs: false });
    if (!f.test.faults) throw new Error('PostgreSQL test databases offer faults');
    faults = f.test.faults;
    proxy = await startCuttableProxy(faults.url.replace(/^postgres(ql)?:/, 'http:'));
    const through = new URL(faults.url);
    through.host = new URL(proxy.url).host;
    db = await faults.openAt(through.toString());
    terminating = terminatingDb(db, faults);
    instance = await startServer({ db: terminating.db, logger: false, jobs: false });
  });
  afterAll(async () => {
    await instance.close();
    await db.close();
    await proxy.close();
    await f.close();
  });

  const lmid = async (clientId: string) =>
    Number((await f.db.query<{ l: unknown }>('SELECT last_mutation_id AS l FROM clients WHERE id = $1', [clientId])).rows[0]?.l);
  const ticketExists = async (id: string) =>
    (await f.db.query("SELECT 1 FROM records WHERE entity = 'ticket' AND id = $1", [id])).rows.length === 1;

  it('answers 503 with nothing consumed when the connection ends inside a push, and applies the retry', async () => {
    const c = await f.client(f.users.agent, { server: instance });
    const t = newTicket(f, f.teams.billing.id);
    terminating.arm(/^UPDATE clients SET last_mutation_id/);
    const r = await c.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    expect(terminating.terminated).toBe(1);
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('UNAVAILABLE');
    expect(await lmid(c.clientId)).toBe(0);
    expect(await ticketExists(t.id)).toBe(false);

    const retry = await c.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    expect(retry.body).toEqual({ results: [{ id: 1, status: 'applied' }], lastMutationId: 1 });
    expect(await ticketExists(t.id)).toBe(true);
  });

  it('answers 503 when the connection ends inside a pull, and serves the retry', async () => {
    const c = await f.client(f.users.agent, { server: instance });
    terminating.arm(/pruned_through FROM tenant_clock/);
    const r = await c.request('/sync/pull', { clientId: c.clientId, schemaVersion: 1, cursor: null, limit: 100 });
    expect(terminating.terminated).toBe(2);
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('UNAVAILABLE');
    expect((await c.pull(null)).kind).toBe('page');
  });

  it('re-subscribes after losing its LISTEN connection: a catch-up poke, then pokes as before; unsubscribing from a dead one is harmless', async () => {
    const agent = await f.client(f.users.agent, { server: instance });
    const socket = connect(instance);
    await socket.opened;
    socket.auth(agent.session.accessToken);
    expect(await socket.frame(1)).toEqual({ type: 'poke' });

    const listening = await faults.backends(db, 'listen');
    expect(listening).toHaveLength(1);
    await faults.terminate(listening);
    // Commits while it is away go unheard; the poke after reconnecting says "pull".
    expect(await socket.frame(2)).toEqual({ type: 'poke' });
    const [again] = await faults.backends(db, 'listen');
    expect(again).toBeDefined();
    expect(again).not.toBe(listening[0]);

    // Pokes flow again: a commit on the other instance reaches this socket.
    const t = newTicket(f, f.teams.billing.id);
    const writer = await f.client(f.users.agent);
    await writer.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    const poke = await socket.frameWhere((frame) => frame.changes?.some((c) => c.id === t.id) ?? false);
    expect(poke.type).toBe('poke');

    // The last socket leaving unlistens; on a connection that just died that must not throw.
    await faults.terminate(await faults.backends(db, 'listen'));
    socket.ws.close();
    await socket.closed;
    expect((await fetch(`${instance.url}/info`)).status).toBe(200);
  });

  it('answers 503 (authentication included) while the database is unreachable, then serves and pokes again once it is back', async () => {
    const agent = await f.client(f.users.agent, { server: instance });
    const socket = connect(instance);
    await socket.opened;
    socket.auth(agent.session.accessToken);
    expect(await socket.frame(1)).toEqual({ type: 'poke' });

    proxy.cut();
    const t = newTicket(f, f.teams.billing.id);
    const push = await agent.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    expect(push.status).toBe(503);
    expect(push.body.error.code).toBe('UNAVAILABLE');
    const pull = await agent.request('/sync/pull', { clientId: agent.clientId, schemaVersion: 1, cursor: null, limit: 100 });
    expect(pull.status).toBe(503);
    expect(pull.body.error.code).toBe('UNAVAILABLE');
    const signIn = await post(instance, '/auth/sign-in', {
      email: f.users.agent.email,
      password: PASSWORD,
      clientId: agent.clientId,
      deviceName: 'test',
    });
    expect(signIn.status).toBe(503);
    expect(signIn.body.error.code).toBe('UNAVAILABLE');
    expect(await lmid(agent.clientId)).toBe(0);

    proxy.restore();
    expect(await socket.frame(2)).toEqual({ type: 'poke' });
    const retry = await agent.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    expect(retry.body).toEqual({ results: [{ id: 1, status: 'applied' }], lastMutationId: 1 });
    socket.ws.close();
    await socket.closed;
  });
});
