import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { updateUser } from '../admin/operations.ts';
import { startServer, FRAME_LIMIT, type RunningServer } from '../app.ts';
import type { Db } from '../store/db.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, setUp, type Fixture } from '../testing/fixture.ts';

/** A socket that records frames and resolves waiters in order. */
function connect(server: RunningServer) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/live`);
  const frames: unknown[] = [];
  let waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)));
    for (const w of waiters) w();
    waiters = [];
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  return {
    ws,
    frames,
    closed,
    opened,
    /** Resolves once `n` frames have arrived in total. */
    async frame(n: number) {
      while (frames.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return frames[n - 1];
    },
  };
}

describe.each(backends)('live pokes on $name', (backend) => {
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

  it('pokes subscribers on every instance after a commit (NOTIFY across instances)', async () => {
    const agent = await f.client(f.users.agent);
    const supervisor = await f.client(f.users.supervisor, { server: second });
    const here = connect(f.server);
    const there = connect(second);
    await Promise.all([here.opened, there.opened]);
    here.ws.send(JSON.stringify({ type: 'auth', accessToken: agent.session.accessToken }));
    there.ws.send(JSON.stringify({ type: 'auth', accessToken: supervisor.session.accessToken }));
    // The first poke confirms the subscription.
    expect(await here.frame(1)).toEqual({ type: 'poke' });
    expect(await there.frame(1)).toEqual({ type: 'poke' });

    await agent.push([{ id: 1, name: 'ticket.create', args: newTicket(f, f.teams.billing.id).args }]);
    expect(await here.frame(2)).toEqual({ type: 'poke' });
    expect(await there.frame(2)).toEqual({ type: 'poke' });

    // Administrative changes poke too (the admin CLI runs in another process).
    await updateUser(other, 'test', f.users.manager.id, { teamIds: [f.teams.tech.id] });
    expect(await here.frame(3)).toEqual({ type: 'poke' });
    here.ws.close();
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
    bad.ws.send(JSON.stringify({ type: 'shout', volume: 11 }));
    expect(await bad.closed).toBe(4400);

    const big = connect(f.server);
    await big.opened;
    big.ws.send('x'.repeat(FRAME_LIMIT + 1));
    expect(await big.closed).toBe(1009);
  });
});
