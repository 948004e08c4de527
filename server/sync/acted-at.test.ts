import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, setUp, type Fixture, type TestClient } from '../testing/fixture.ts';
import { MAX_CLOCK_SKEW_MS } from './acted-at.ts';

const HOUR = 3_600_000;

describe.each(backends)('acted-at time on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setUp(backend);
  });
  afterAll(() => f.close());

  /** A console signed in `ago` ms before now (its device existed then). */
  const deviceSince = async (ago: number): Promise<TestClient> => {
    const c = await f.client(f.users.agent);
    await f.db.query('UPDATE clients SET created_at = $2 WHERE id = $1', [c.clientId, Date.now() - ago]);
    return c;
  };
  const rows = async <T>(entity: string, ticketId: string) =>
    (
      await f.db.query<{ data: T; version: unknown }>(
        `SELECT data, version FROM records WHERE entity = $1 AND (id::text = $2 OR data ->> 'ticketId' = $2) ORDER BY version`,
        [entity, ticketId],
      )
    ).rows.map((r) => ({ ...r.data, version: Number(r.version) }));

  it('keeps the time offline work was done, not the time it synced, and still orders it by server version', async () => {
    const c = await deviceSince(5 * HOUR);
    const createdAt = Date.now() - 3 * HOUR;
    const repliedAt = Date.now() - 2 * HOUR;
    const solvedAt = Date.now() - HOUR;
    const t = newTicket(f, f.teams.billing.id);
    const reply = uuidv7();
    // The console was offline all along: three mutations made hours apart reach the server now.
    const r = await c.push([
      { id: 1, name: 'ticket.create', args: t.args, clientTime: createdAt },
      { id: 2, name: 'message.append', args: { id: reply, ticketId: t.id, kind: 'reply', body: 'On it' }, clientTime: repliedAt },
      { id: 3, name: 'ticket.setStatus', args: { id: t.id, status: 'solved', base: 'open' }, clientTime: solvedAt },
    ]);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied', 'applied']);

    const [ticket] = await rows<Record<string, unknown>>('ticket', t.id);
    expect(ticket).toMatchObject({ createdAt, firstReplyAt: repliedAt, solvedAt, lastMessageAt: repliedAt });
    const messages = await rows<{ id: string; createdAt: number }>('message', t.id);
    expect(messages.find((m) => m.id === reply)?.createdAt).toBe(repliedAt);
    const events = await rows<{ kind: string; to: unknown; at: number }>('ticket_event', t.id);
    expect(events.find((e) => e.kind === 'created')?.at).toBe(createdAt);
    expect(events.filter((e) => e.kind === 'status').map((e) => [e.to, e.at])).toEqual([
      ['open', repliedAt],
      ['solved', solvedAt],
    ]);

    // Someone acting now, online, comes later in sync order than the offline work, whatever its times.
    const online = await f.client(f.users.supervisor);
    await online.push([{ id: 1, name: 'ticket.tags', args: { id: t.id, add: ['vip'] } }]);
    const after = await rows<{ kind: string; at: number }>('ticket_event', t.id);
    const tags = after.find((e) => e.kind === 'tags');
    expect(tags?.version).toBeGreaterThan(Math.max(...events.map((e) => e.version)));
    expect(tags?.at).toBeGreaterThan(solvedAt);
  });

  it('cuts back a time in the future beyond the allowed clock skew', async () => {
    const c = await deviceSince(HOUR);
    const t = newTicket(f, f.teams.billing.id);
    const before = Date.now();
    await c.push([{ id: 1, name: 'ticket.create', args: t.args, clientTime: before + 24 * HOUR }]);
    const [ticket] = await rows<{ createdAt: number }>('ticket', t.id);
    expect(ticket?.createdAt).toBeGreaterThanOrEqual(before);
    expect(ticket?.createdAt).toBeLessThanOrEqual(Date.now() + MAX_CLOCK_SKEW_MS);
  });

  it('never dates work before the device signed in, nor a change before its ticket existed', async () => {
    const c = await deviceSince(HOUR);
    const [client] = (await f.db.query<{ created_at: unknown }>('SELECT created_at FROM clients WHERE id = $1', [c.clientId])).rows;
    const since = Number(client?.created_at);
    const t = newTicket(f, f.teams.billing.id);
    await c.push([{ id: 1, name: 'ticket.create', args: t.args, clientTime: 1 }]);
    const [ticket] = await rows<{ createdAt: number }>('ticket', t.id);
    expect(ticket?.createdAt).toBe(since);

    // A ticket created just now on the server, answered by a console whose clock runs an hour slow.
    const fresh = newTicket(f, f.teams.billing.id);
    const other = await f.client(f.users.supervisor);
    await other.push([{ id: 1, name: 'ticket.create', args: fresh.args }]);
    const [created] = await rows<{ createdAt: number }>('ticket', fresh.id);
    const note = uuidv7();
    await c.push([
      {
        id: 2,
        name: 'message.append',
        args: { id: note, ticketId: fresh.id, kind: 'note', body: 'Seen' },
        clientTime: Date.now() - HOUR / 2,
      },
    ]);
    const messages = await rows<{ id: string; createdAt: number }>('message', fresh.id);
    expect(messages.find((m) => m.id === note)?.createdAt).toBe(created?.createdAt);
    const events = await rows<{ kind: string; at: number }>('ticket_event', fresh.id);
    expect(Math.min(...events.map((e) => e.at))).toBe(created?.createdAt);
  });
});
