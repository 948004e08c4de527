import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateUser } from '../admin/operations.ts';
import { startServer, FRAME_LIMIT, type RunningServer } from '../app.ts';
import type { Db } from '../store/db.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, setUp, type Fixture } from '../testing/fixture.ts';
import { connect, type Frame } from '../testing/live-socket.ts';

describe.each(backends)('live pokes on $name', (backend) => {
  let f: Fixture;
  let other: Db;
  let second: RunningServer;
  beforeAll(async () => {
    // No job runners: a job's commit (routing, the daily health scores) would poke between the
    // test's pushes, and the checks below count each socket's pokes exactly.
    f = await setUp(backend, { jobs: false });
    other = await f.test.openAnother();
    second = await startServer({ db: other, logger: false, jobs: false });
  });
  afterAll(async () => {
    await second.close();
    await other.close();
    await f.close();
  });

  it('pokes subscribers on every instance after a commit, carrying the changes of their scopes', async () => {
    const agent = await f.client(f.users.agent);
    const techAgent = await f.client(f.users.techAgent);
    const supervisor = await f.client(f.users.supervisor, { server: second });
    const here = connect(f.server);
    const tech = connect(f.server);
    const there = connect(second);
    await Promise.all([here.opened, tech.opened, there.opened]);
    // Pokes are encoded once and shared by sockets; they must still arrive as text frames.
    const binary: boolean[] = [];
    here.ws.on('message', (_data, isBinary) => binary.push(isBinary));
    here.auth(agent.session.accessToken);
    tech.auth(techAgent.session.accessToken);
    there.auth(supervisor.session.accessToken);
    // The first poke confirms the subscription and is bare: pull to get where the server is.
    expect(await here.frame(1)).toEqual({ type: 'poke' });
    expect(await tech.frame(1)).toEqual({ type: 'poke' });
    expect(await there.frame(1)).toEqual({ type: 'poke' });
    const agentAt = (await agent.pullAll(null)).cursor;
    const techAt = (await techAgent.pullAll(null)).cursor;
    const supervisorAt = (await supervisor.pullAll(null)).cursor;

    const ticket = newTicket(f, f.teams.billing.id);
    await agent.push([{ id: 1, name: 'ticket.create', args: ticket.args }]);
    // Each poke takes a console at `base` to `cursor` with exactly what a pull from `base` brings.
    for (const [socket, client, at] of [
      [here, agent, agentAt],
      [there, supervisor, supervisorAt],
      [tech, techAgent, techAt],
    ] as const) {
      const poke = await socket.frame(2);
      expect(poke.base).toBe(at);
      const pulled = await client.pullAll(at);
      expect(poke.cursor).toBe(pulled.cursor);
      expect(poke.changes).toEqual(pulled.changes);
    }
    const here2 = await here.frame(2);
    expect(here2.changes?.some((c) => c.entity === 'ticket' && c.id === ticket.id)).toBe(true);
    expect(binary).toEqual([false, false]);
    // The other team's agent learns that the head moved, but not what the billing team's ticket says.
    expect((await tech.frame(2)).changes).toEqual([]);

    // Administrative changes poke too (the admin CLI runs in another process).
    await updateUser(other, 'test', f.users.manager.id, { teamIds: [f.teams.tech.id] });
    expect(await here.frame(3)).toMatchObject({ type: 'poke' });
    for (const s of [here, tech, there]) s.ws.close();
  });

  it('relays presence to the consoles that may see the ticket, on every instance, until the socket closes', async () => {
    const agent = await f.client(f.users.agent);
    const techAgent = await f.client(f.users.techAgent);
    const supervisor = await f.client(f.users.supervisor, { server: second });
    const billingTicket = newTicket(f, f.teams.billing.id, 'Refund please');
    const techTicket = newTicket(f, f.teams.tech.id, 'Printer on fire');
    await agent.push([{ id: 1, name: 'ticket.create', args: billingTicket.args }]);
    await techAgent.push([{ id: 1, name: 'ticket.create', args: techTicket.args }]);
    const here = connect(f.server);
    const tech = connect(f.server);
    const there = connect(second);
    await Promise.all([here.opened, tech.opened, there.opened]);
    here.auth(agent.session.accessToken);
    tech.auth(techAgent.session.accessToken);
    there.auth(supervisor.session.accessToken);
    await Promise.all([here.frame(1), tech.frame(1), there.frame(1)]);

    const about = (ticketId: string) => (frame: Frame) => frame.type === 'presence' && frame.ticketId === ticketId;
    here.announce(billingTicket.id, true);
    const seen = await there.frameWhere(about(billingTicket.id));
    expect(seen.viewers).toEqual([{ userId: f.users.agent.id, name: 'agent', typing: true, at: expect.any(Number) }]);

    // The tech agent may not see billing tickets: its own announcement is answered, the agent's never reached it.
    tech.announce(techTicket.id);
    expect((await tech.frameWhere(about(techTicket.id))).viewers).toMatchObject([{ userId: f.users.techAgent.id }]);
    expect(tech.frames.filter(about(billingTicket.id))).toEqual([]);
    // Nor can anyone announce a ticket they may not see: the supervisor (all teams) hears nothing of it.
    tech.announce(billingTicket.id);
    here.announce(billingTicket.id, false);
    const stopped = await there.frameWhere((fr) => about(billingTicket.id)(fr) && fr.viewers?.every((v) => !v.typing) === true);
    expect(stopped.viewers?.map((v) => v.userId)).toEqual([f.users.agent.id]);

    // Closing the socket ends the entry everywhere at once.
    here.ws.close();
    const gone = await there.frameWhere((fr) => about(billingTicket.id)(fr) && fr.viewers?.length === 0);
    expect(gone.viewers).toEqual([]);
    tech.ws.close();
    there.ws.close();
  });

  it('closes a socket that does not authenticate, sends a bad frame or an oversized one', async () => {
    const unauthenticated = connect(f.server);
    await unauthenticated.opened;
    unauthenticated.ws.send(JSON.stringify({ type: 'auth', accessToken: 'sb1.forged.token' }));
    expect(await unauthenticated.closed).toBe(4401);

    const agent = await f.client(f.users.agent);
    const bad = connect(f.server);
    await bad.opened;
    bad.ws.send(JSON.stringify({ type: 'auth', accessToken: agent.session.accessToken }));
    await bad.frame(1);
    bad.ws.send(JSON.stringify({ type: 'presence', ticketId: 'not-a-ticket', typing: false }));
    expect(await bad.closed).toBe(4400);

    const big = connect(f.server);
    await big.opened;
    big.ws.send('x'.repeat(FRAME_LIMIT + 1));
    expect(await big.closed).toBe(1009);
  });
});

describe.each(backends)('presence expiry on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setUp(backend, { presenceTtlMs: 300 });
  });
  afterAll(async () => {
    await f.close();
  });

  it('drops a viewer whose console stops announcing, though its socket stays open', async () => {
    const agent = await f.client(f.users.agent);
    const supervisor = await f.client(f.users.supervisor);
    const ticket = newTicket(f, f.teams.billing.id);
    await agent.push([{ id: 1, name: 'ticket.create', args: ticket.args }]);
    const silent = connect(f.server);
    const watching = connect(f.server);
    await Promise.all([silent.opened, watching.opened]);
    silent.auth(agent.session.accessToken);
    watching.auth(supervisor.session.accessToken);
    await Promise.all([silent.frame(1), watching.frame(1)]);
    silent.announce(ticket.id);
    const about = (frame: Frame) => frame.type === 'presence' && frame.ticketId === ticket.id;
    expect((await watching.frameWhere(about)).viewers).toHaveLength(1);
    const expired = await watching.frameWhere((fr) => about(fr) && fr.viewers?.length === 0);
    expect(expired.viewers).toEqual([]);
    expect(silent.ws.readyState).toBe(WebSocket.OPEN);
    silent.ws.close();
    watching.ws.close();
  });
});

describe.each(backends)('live sockets and access tokens on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setUp(backend, { auth: { accessTokenTtlMs: 1500 } });
  });
  afterAll(async () => {
    await f.close();
  });

  it('ends a socket when the access token that opened it expires, so the console reconnects with a fresh one', async () => {
    const agent = await f.client(f.users.agent);
    const live = connect(f.server);
    await live.opened;
    live.auth(agent.session.accessToken);
    expect((await live.frame(1)).type).toBe('poke');
    expect(await live.closed).toBe(4401);
  });
});
