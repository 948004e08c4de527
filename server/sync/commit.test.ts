import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { systemActor } from '../../shared/domain/actors.ts';
import type { RowChange } from '../../shared/sync/protocol.ts';
import { pokeTenant } from '../live/pokes.ts';
import type { Db } from '../store/db.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, setUp, type Fixture } from '../testing/fixture.ts';
import { commit, type CommitDeps, type SystemMutation } from './commit.ts';

interface PokeFrame {
  type: string;
  changes?: RowChange[];
}

/** A live socket signed in as someone; `pokeWhere` resolves with the first poke that satisfies `test`. */
async function liveSocket(url: string, accessToken: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/sync/live`);
  const frames: PokeFrame[] = [];
  let waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as PokeFrame);
    for (const w of waiters) w();
    waiters = [];
  });
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  ws.send(JSON.stringify({ type: 'auth', accessToken }));
  return {
    async pokeWhere(test: (frame: PokeFrame) => boolean): Promise<PokeFrame> {
      for (let i = 0; ; i++) {
        while (frames.length <= i) await new Promise<void>((resolve) => waiters.push(resolve));
        const frame = frames[i] as PokeFrame;
        if (frame.type === 'poke' && test(frame)) return frame;
      }
    },
    close: () => ws.close(),
  };
}

describe.each(backends)('the commit path on $name', (backend) => {
  let f: Fixture;
  let other: Db;
  const deps = (db: Db): CommitDeps => ({
    now: Date.now,
    onBug: (err) => {
      throw err;
    },
    poke: (tenantId) => pokeTenant(db, tenantId),
  });
  const sla = () => systemActor('automation:sla', f.tenantId);
  const escalate = (ticketId: string, key: string): SystemMutation => ({
    name: 'ticket.update',
    args: { id: ticketId, priority: 'urgent' },
    idempotencyKey: key,
  });
  const tenantVersion = async () =>
    Number((await f.db.query<{ v: unknown }>('SELECT version AS v FROM tenant_clock WHERE tenant_id = $1', [f.tenantId])).rows[0]?.v);
  const priorityEvents = async (ticketId: string) =>
    (
      await f.db.query<{ data: Record<string, unknown> }>(
        "SELECT data FROM records WHERE entity = 'ticket_event' AND data ->> 'ticketId' = $1 AND data ->> 'kind' = 'priority'",
        [ticketId],
      )
    ).rows.map((r) => r.data);
  /** A ticket in Billing, created by its agent's push. */
  const billingTicket = async (subject: string) => {
    const agent = await f.client(f.users.agent);
    const t = newTicket(f, f.teams.billing.id, subject);
    expect((await agent.push([{ id: 1, name: 'ticket.create', args: t.args }])).body.results[0].status).toBe('applied');
    return t.id;
  };

  beforeAll(async () => {
    f = await setUp(backend);
    other = await f.test.openAnother();
  });
  afterAll(async () => {
    if (other !== f.db) await other.close();
    await f.close();
  });

  it("lands an automation's change in the change log, pulled by the consoles whose scope holds the ticket, with history naming the automation", async () => {
    const ticketId = await billingTicket('Refund overdue');
    const agent = await f.client(f.users.agent);
    const techAgent = await f.client(f.users.techAgent);
    const before = await agent.pullAll(null);
    const techBefore = await techAgent.pullAll(null);

    const outcome = await commit(f.db, deps(f.db), {
      tenantId: f.tenantId,
      actor: sla(),
      mutations: [escalate(ticketId, `sla:${ticketId}`)],
    });
    expect(outcome).toMatchObject({ results: [{ status: 'applied' }], wrote: true, version: await tenantVersion() });

    const pulled = await agent.pullAll(before.cursor);
    const ticket = pulled.changes.find((c) => c.op === 'put' && c.entity === 'ticket' && c.id === ticketId);
    expect(ticket?.op === 'put' && ticket.row.priority).toBe('urgent');
    const event = pulled.changes.find((c) => c.op === 'put' && c.entity === 'ticket_event');
    expect(event?.op === 'put' && event.row).toMatchObject({
      ticketId,
      kind: 'priority',
      actorId: null,
      actorKind: 'automation',
      automation: 'automation:sla',
    });
    // Tech does not work Billing's tickets: the automation's change is not theirs to see.
    expect((await techAgent.pullAll(techBefore.cursor)).changes.filter((c) => c.id === ticketId)).toEqual([]);
  });

  it("pokes the tenant's live consoles after the commit, carrying the change", async () => {
    const ticketId = await billingTicket('Card declined');
    const agent = await f.client(f.users.agent);
    const socket = await liveSocket(f.server.url, agent.session.accessToken);
    // The first, bare poke says the subscription is in place: commits after it are carried.
    await socket.pokeWhere(() => true);
    await commit(f.db, deps(f.db), { tenantId: f.tenantId, actor: sla(), mutations: [escalate(ticketId, `poke:${ticketId}`)] });
    const poke = await socket.pokeWhere((p) => (p.changes ?? []).some((c) => c.entity === 'ticket' && c.id === ticketId));
    expect(poke.changes?.find((c) => c.entity === 'ticket')).toMatchObject({ op: 'put', row: { priority: 'urgent' } });
    socket.close();
  });

  it('applies an effect once: the same idempotency key again changes nothing and says so', async () => {
    const ticketId = await billingTicket('Invoice twice');
    const key = `sla-breach:${ticketId}:firstReply:1`;
    const first = await commit(f.db, deps(f.db), { tenantId: f.tenantId, actor: sla(), mutations: [escalate(ticketId, key)] });
    expect(first.results).toEqual([{ status: 'applied' }]);
    const version = await tenantVersion();
    // A person lowers the priority; the retried automation must not raise it again.
    const agent = await f.client(f.users.agent);
    expect((await agent.push([{ id: 1, name: 'ticket.update', args: { id: ticketId, priority: 'low' } }])).body.results[0].status).toBe(
      'applied',
    );
    const again = await commit(f.db, deps(f.db), { tenantId: f.tenantId, actor: sla(), mutations: [escalate(ticketId, key)] });
    expect(again).toEqual({ results: [{ status: 'alreadyApplied' }], version: version + 1, wrote: false });
    expect(await tenantVersion()).toBe(version + 1);
    expect((await priorityEvents(ticketId)).filter((e) => e.automation === 'automation:sla')).toHaveLength(1);
  });

  it('applies an effect once when two instances commit the same key at the same moment', async () => {
    const ticketId = await billingTicket('Double delivery');
    const key = `sla-breach:${ticketId}:resolution:2`;
    const outcomes = await Promise.all(
      [f.db, other].map((db) => commit(db, deps(db), { tenantId: f.tenantId, actor: sla(), mutations: [escalate(ticketId, key)] })),
    );
    expect(outcomes.map((o) => o.results[0]?.status).sort()).toEqual(['alreadyApplied', 'applied']);
    expect(await priorityEvents(ticketId)).toHaveLength(1);
    const { rows } = await f.db.query('SELECT actor FROM applied_effects WHERE tenant_id = $1 AND key = $2', [f.tenantId, key]);
    expect(rows).toEqual([{ actor: 'automation:sla' }]);
  });

  it('writes nothing for a rejected mutation, and keeps no key: the effect may still happen later', async () => {
    const version = await tenantVersion();
    const missing = newTicket(f, f.teams.billing.id).id;
    const key = `sla-breach:${missing}:firstReply:3`;
    const rejected = await commit(f.db, deps(f.db), { tenantId: f.tenantId, actor: sla(), mutations: [escalate(missing, key)] });
    expect(rejected).toMatchObject({ results: [{ status: 'rejected', error: { code: 'NOT_FOUND' } }], wrote: false, version });
    expect(await tenantVersion()).toBe(version);
    const { rows } = await f.db.query('SELECT 1 FROM applied_effects WHERE tenant_id = $1 AND key = $2', [f.tenantId, key]);
    expect(rows).toEqual([]);
  });

  it('never takes an automation for a person: it works every team of its tenant but cannot write as someone', async () => {
    const agent = await f.client(f.users.techAgent);
    const t = newTicket(f, f.teams.tech.id, 'Router down');
    await agent.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    const outcome = await commit(f.db, deps(f.db), {
      tenantId: f.tenantId,
      actor: sla(),
      mutations: [
        // Any team's ticket, as a supervisor would.
        escalate(t.id, `any-team:${t.id}`),
        // A reply needs an author: an automation is refused rather than written under a name.
        {
          name: 'message.append',
          args: { id: newTicket(f, f.teams.tech.id).id, ticketId: t.id, kind: 'reply', body: 'We are on it' },
          idempotencyKey: `reply:${t.id}`,
        },
      ],
    });
    expect(outcome.results[0]).toEqual({ status: 'applied' });
    expect(outcome.results[1]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
  });

  it('refuses an effect without an idempotency key, writing nothing', async () => {
    const version = await tenantVersion();
    const ticketId = newTicket(f, f.teams.billing.id).id;
    await expect(
      commit(f.db, deps(f.db), { tenantId: f.tenantId, actor: sla(), mutations: [escalate(ticketId, '')] }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await tenantVersion()).toBe(version);
  });

  it("refuses a system actor acting for another tenant's records", async () => {
    const stranger = systemActor('intake:email', newTicket(f, f.teams.billing.id).id);
    await expect(
      commit(f.db, deps(f.db), { tenantId: f.tenantId, actor: stranger, mutations: [escalate(newTicket(f, f.teams.billing.id).id, 'x')] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
