/**
 * Presence and poke-carried changes through real Cores (temporary SQLite files) and the real
 * server (in-process, PGlite): what one console announces reaches another, leaves when the first
 * goes away, and is still answered as "last seen" by a console that is offline after a restart.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceEntry } from '../../../shared/contract/channels.ts';
import type { EventName } from '../../../shared/contract/events.ts';
import type { User } from '../../../shared/domain/records.ts';
import { backends } from '../../../server/testing/backends.ts';
import { newTicket, PASSWORD, setUp, type Fixture } from '../../../server/testing/fixture.ts';
import { type Core, openCore } from '../index.ts';
import { call, tempDir } from '../testing/fixtures.ts';

let f: Fixture;
const opened: Core[] = [];

// Setting up hashes five passwords (argon2id): slow on a busy machine.
beforeAll(async () => {
  f = await setUp(backends[0]!);
}, 60_000);

afterAll(async () => {
  for (const core of opened) core.close();
  await f.close();
});

interface Console {
  core: Core;
  path: string;
  /** Every request path the console's sync client sent, in order. */
  requests: string[];
  /** Resolves with the payload of the first event (from now on) that satisfies `test`. */
  next<T>(name: EventName, test: (payload: T) => boolean): Promise<T>;
}

async function signedIn(user: User): Promise<Console> {
  const path = join(tempDir(), 'console.db');
  const requests: string[] = [];
  const core = openCore({
    databasePath: path,
    transport: 'direct',
    log: () => {},
    sync: {
      deviceName: 'presence test',
      pollIntervalMs: 60_000,
      fetch: (input, init) => {
        requests.push(new URL(String(input)).pathname);
        return fetch(input, init);
      },
    },
  });
  opened.push(core);
  const next = <T>(name: EventName, test: (payload: T) => boolean) =>
    new Promise<T>((resolve) => {
      const stop = core.subscribe((event, payload) => {
        if (event !== name || !test(payload as T)) return;
        stop();
        resolve(payload as T);
      });
    });
  // The socket is up once its first poke has been answered: the sync round it triggers settles.
  const online = next<{ connection: string }>('sync.changed', (s) => s.connection === 'online');
  await call(core, 'session.signIn', { serverUrl: f.server.url, email: user.email, password: PASSWORD });
  await call(core, 'sync.now', {});
  await online;
  return { core, path, requests, next };
}

describe('presence between consoles', () => {
  it('shows who else is on a ticket and typing, then when they were last seen, also offline after a restart', async () => {
    const setter = await f.client(f.users.supervisor);
    const ticket = newTicket(f, f.teams.billing.id, 'Collision course');
    await setter.push([{ id: 1, name: 'ticket.create', args: ticket.args }]);
    const agent = await signedIn(f.users.agent);
    const supervisor = await signedIn(f.users.supervisor);
    type Changed = { ticketId: string; viewers: PresenceEntry[] };

    const typing = supervisor.next<Changed>('presence.changed', (p) => p.ticketId === ticket.id && p.viewers.some((v) => v.typing));
    // The supervisor is there too; they never see themselves.
    await call(supervisor.core, 'presence.set', { ticketId: ticket.id, typing: false });
    await call(agent.core, 'presence.set', { ticketId: ticket.id, typing: true });
    expect((await typing).viewers).toEqual([
      { userId: f.users.agent.id, name: 'agent', typing: true, online: true, lastSeenAt: expect.any(Number) },
    ]);
    const agentSees = await call<{ viewers: PresenceEntry[] }>(agent.core, 'presence.get', { ticketId: ticket.id });
    expect(agentSees.viewers.map((v) => v.userId)).not.toContain(f.users.agent.id);

    // The agent's console closes: the supervisor sees them leave, with the time they were last there.
    const left = supervisor.next<Changed>('presence.changed', (p) => p.ticketId === ticket.id && p.viewers.every((v) => !v.online));
    const closedAt = Date.now();
    agent.core.close();
    const gone = (await left).viewers;
    expect(gone).toEqual([{ userId: f.users.agent.id, name: 'agent', typing: false, online: false, lastSeenAt: expect.any(Number) }]);
    expect(gone[0]!.lastSeenAt).toBeGreaterThanOrEqual(closedAt - 1000);

    // Restarted without a server: the sighting is still there.
    supervisor.core.close();
    const offline = openCore({ databasePath: supervisor.path, transport: 'direct', log: () => {} });
    opened.push(offline);
    const { viewers } = await call<{ viewers: PresenceEntry[] }>(offline, 'presence.get', { ticketId: ticket.id });
    expect(viewers).toEqual([{ userId: f.users.agent.id, name: 'agent', typing: false, online: false, lastSeenAt: gone[0]!.lastSeenAt }]);
  });
});

describe('pokes that carry changes', () => {
  it('bring another console’s change into the cache without a pull', async () => {
    const agent = await signedIn(f.users.agent);
    const supervisor = await f.client(f.users.supervisor);
    const ticket = newTicket(f, f.teams.billing.id, 'Delivered by the poke');
    const arrived = agent.next<{ entity: string; ids: string[] }>(
      'data.changed',
      (p) => p.entity === 'ticket' && p.ids.includes(ticket.id),
    );
    const pullsBefore = agent.requests.filter((p) => p === '/sync/pull').length;
    await supervisor.push([{ id: 1, name: 'ticket.create', args: ticket.args }]);
    await arrived;
    const { ticket: cached } = await call<{ ticket: { subject: string } }>(agent.core, 'tickets.get', { id: ticket.id });
    expect(cached.subject).toBe('Delivered by the poke');
    expect(agent.requests.filter((p) => p === '/sync/pull').length).toBe(pullsBefore);
  });
});
