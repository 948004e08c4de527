import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { resetPassword, updateUser } from '../admin/operations.ts';
import { startServer, type RunningServer } from '../app.ts';
import type { Db } from '../store/db.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, PASSWORD, post, setUp, type Fixture } from '../testing/fixture.ts';
import { connect } from '../testing/live-socket.ts';

describe.each(backends)('live socket guards on $name', (backend) => {
  let f: Fixture;
  let other: Db;
  let second: RunningServer;
  beforeAll(async () => {
    f = await setUp(backend);
    other = await f.test.openAnother();
    second = await startServer({ db: other, logger: false });
  });
  afterAll(async () => {
    await second.close();
    await other.close();
    await f.close();
  });

  /** A live socket of `user` on `server`, authenticated (its first poke arrived). */
  async function liveSocket(user: keyof Fixture['users'], server: RunningServer) {
    const client = await f.client(f.users[user], { server });
    const live = connect(server);
    await live.opened;
    live.auth(client.session.accessToken);
    await live.frame(1);
    return { client, live };
  }

  it('a password reset closes the person’s sockets on every instance (4401), and only theirs', async () => {
    const here = await liveSocket('manager', f.server);
    const there = await liveSocket('manager', second);
    const bystander = await liveSocket('agent', second);
    await resetPassword(f.db, 'test', f.users.manager.email, 'another long password');
    expect(await here.live.closed).toBe(4401);
    expect(await there.live.closed).toBe(4401);
    // The bystander's socket still carries pokes: a commit after the reset reaches it.
    await resetPassword(f.db, 'test', f.users.manager.email, PASSWORD);
    await updateUser(f.db, 'test', f.users.techAgent.id, { teamIds: [f.teams.tech.id] });
    expect((await bystander.live.frame(2)).type).toBe('poke');
    expect(bystander.live.ws.readyState).toBe(WebSocket.OPEN);
    bystander.live.ws.close();
  });

  it('a deactivation closes the person’s sockets on every instance (4401)', async () => {
    const here = await liveSocket('techAgent', f.server);
    const there = await liveSocket('techAgent', second);
    await updateUser(other, 'test', f.users.techAgent.id, { active: false });
    expect(await here.live.closed).toBe(4401);
    expect(await there.live.closed).toBe(4401);
    await updateUser(f.db, 'test', f.users.techAgent.id, { active: true });
  });

  it('signing out closes the sockets of that session, not those of the person’s other devices', async () => {
    const laptop = await liveSocket('supervisor', f.server);
    const desktop = await liveSocket('supervisor', second);
    expect((await post(f.server, '/auth/sign-out', { refreshToken: laptop.client.session.refreshToken })).status).toBe(204);
    expect(await laptop.live.closed).toBe(4401);
    // The other device's socket re-checked its own session, which lives: it still gets pokes.
    await updateUser(f.db, 'test', f.users.techAgent.id, { teamIds: [f.teams.tech.id] });
    expect((await desktop.live.frame(2)).type).toBe('poke');
    expect(desktop.live.ws.readyState).toBe(WebSocket.OPEN);
    desktop.live.ws.close();
  });

  it('answers GET /sync/live without an upgrade with 426 and a coded error', async () => {
    const res = await fetch(`${f.server.url}/sync/live`);
    expect(res.status).toBe(426);
    expect(res.headers.get('upgrade')).toBe('websocket');
    expect(await res.json()).toEqual({ error: { code: 'VALIDATION', message: expect.any(String) } });
  });

  it('answers a burst of 2,000 presence frames with a few queries, ending on the last frame', async () => {
    // The bursting socket's instance counts its queries; the watcher is on the other instance.
    let queries = 0;
    const counting: Db = {
      kind: other.kind,
      query: (sql, params) => {
        queries++;
        return other.query(sql, params);
      },
      exec: (sql) => other.exec(sql),
      transaction: (fn, isolation) => other.transaction(fn, isolation),
      listen: (channel, onNotify) => other.listen(channel, onNotify),
      close: async () => {},
    };
    const counted = await startServer({ db: counting, logger: false, jobs: false });
    try {
      const { client: agent, live: burst } = await liveSocket('agent', counted);
      const { live: watching } = await liveSocket('supervisor', f.server);
      const [a, b] = [newTicket(f, f.teams.billing.id), newTicket(f, f.teams.billing.id)];
      const created = await agent.push([
        { id: 1, name: 'ticket.create', args: a.args },
        { id: 2, name: 'ticket.create', args: b.args },
      ]);
      expect(created.status).toBe(200);
      const before = queries;
      for (let i = 0; i < 2000; i++) burst.announce(i % 2 ? a.id : b.id, i % 3 === 0);
      burst.announce(a.id, true);
      // The burst ends with the agent typing on `a`: the watcher sees exactly that in the end.
      await watching.frameWhere(
        (fr) => fr.type === 'presence' && fr.ticketId === a.id && fr.viewers?.length === 1 && fr.viewers[0]?.typing === true,
      );
      expect(queries - before).toBeLessThan(100);
      burst.ws.close();
      watching.ws.close();
    } finally {
      await counted.close();
    }
  });
});
