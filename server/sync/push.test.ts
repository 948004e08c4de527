import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { startServer } from '../app.ts';
import type { Db } from '../store/db.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, setUp, type Fixture } from '../testing/fixture.ts';
import { Batch, runInBatch } from './pg-mutator-tx.ts';

describe.each(backends)('push on $name', (backend) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setUp(backend);
  });
  afterAll(() => f.close());

  const ticketRecord = async (id: string) => {
    const { rows } = await f.db.query<{ data: Record<string, unknown> }>("SELECT data FROM records WHERE entity = 'ticket' AND id = $1", [
      id,
    ]);
    return rows[0]?.data ?? null;
  };
  const lmid = async (clientId: string) =>
    Number((await f.db.query<{ l: unknown }>('SELECT last_mutation_id AS l FROM clients WHERE id = $1', [clientId])).rows[0]?.l);

  it('applies a mutation once; a retry is alreadyProcessed and changes nothing', async () => {
    const c = await f.client(f.users.agent);
    const t = newTicket(f, f.teams.billing.id);
    const first = await c.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ results: [{ id: 1, status: 'applied' }], lastMutationId: 1 });
    const ticket = await ticketRecord(t.id);
    expect(ticket).toMatchObject({ subject: 'Invoice is wrong', teamId: f.teams.billing.id, messageCount: 1 });
    expect(typeof ticket?.number).toBe('number');
    expect(ticket?.version).toBeGreaterThan(0);

    const retry = await c.push([
      { id: 1, name: 'ticket.create', args: t.args },
      { id: 2, name: 'ticket.tags', args: { id: t.id, add: ['vip'] } },
    ]);
    expect(retry.body.results).toEqual([
      { id: 1, status: 'alreadyProcessed' },
      { id: 2, status: 'applied' },
    ]);
    const { rows } = await f.db.query("SELECT count(*)::int AS n FROM records WHERE entity = 'message' AND data ->> 'ticketId' = $1", [
      t.id,
    ]);
    expect(rows[0]).toEqual({ n: 1 });
    expect((await ticketRecord(t.id))?.tags).toEqual(['vip']);
  });

  it('answers a retried batch with the client’s last processed id, which may run past the batch', async () => {
    const c = await f.client(f.users.agent);
    const t = newTicket(f, f.teams.billing.id);
    await c.push([
      { id: 1, name: 'ticket.create', args: t.args },
      { id: 2, name: 'ticket.tags', args: { id: t.id, add: ['vip'] } },
    ]);
    const retry = await c.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    expect(retry.body).toEqual({ results: [{ id: 1, status: 'alreadyProcessed' }], lastMutationId: 2 });
  });

  it('answers 409 with the expected id when a push skips ids, consuming nothing', async () => {
    const c = await f.client(f.users.agent);
    const r = await c.push([{ id: 3, name: 'ticket.create', args: newTicket(f, f.teams.billing.id).args }]);
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ code: 'MUTATION_GAP', expected: 1 });
    expect(await lmid(c.clientId)).toBe(0);
  });

  it('rejects a mutation that breaks a rule and still consumes its id', async () => {
    const c = await f.client(f.users.agent);
    const r = await c.push([
      { id: 1, name: 'ticket.setStatus', args: { id: uuidv7(), status: 'open', base: 'new' } },
      { id: 2, name: 'no.such.mutator', args: {} },
      { id: 3, name: 'ticket.create', args: { ticket: { id: 'not-an-id' } } },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: string; error?: { code: string } }) => [x.status, x.error?.code])).toEqual([
      ['rejected', 'NOT_FOUND'],
      ['rejected', 'VALIDATION'],
      ['rejected', 'VALIDATION'],
    ]);
    expect(r.body.lastMutationId).toBe(3);
    expect(await lmid(c.clientId)).toBe(3);
  });

  it('answers a retry of a refused mutation with its first result, so a lost answer still reaches the person', async () => {
    const agent = await f.client(f.users.agent);
    const supervisor = await f.client(f.users.supervisor);
    const t = newTicket(f, f.teams.billing.id);
    await agent.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    await supervisor.push([{ id: 1, name: 'ticket.setStatus', args: { id: t.id, status: 'pending', base: 'new' } }]);
    const batch = [
      { id: 2, name: 'ticket.setStatus', args: { id: t.id, status: 'on_hold', base: 'new' } },
      { id: 3, name: 'ticket.escalate', args: { id: t.id, tier: 1, reason: 'already there' } },
      { id: 4, name: 'ticket.tags', args: { id: t.id, add: ['vip'] } },
    ];
    const first = await agent.push(batch);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['conflict', 'rejected', 'applied']);

    // The first answer was lost: the retry (with one more mutation) reports the same outcomes.
    const retry = await agent.push([...batch, { id: 5, name: 'ticket.tags', args: { id: t.id, add: ['later'] } }]);
    expect(retry.body).toEqual({
      results: [first.body.results[0], first.body.results[1], { id: 4, status: 'alreadyProcessed' }, { id: 5, status: 'applied' }],
      lastMutationId: 5,
    });
    expect(retry.body.results[1]).toMatchObject({ status: 'rejected', error: { code: 'RULE_VIOLATION' } });
    expect((await ticketRecord(t.id))?.tags).toEqual(['later', 'vip']);
    const { rows } = await f.db.query('SELECT mutation_id FROM conflicts WHERE client_id = $1', [agent.clientId]);
    expect(rows.map((x) => Number(x.mutation_id))).toEqual([2]);
  });

  it('reports a conflict when a guarded field moved, and records it', async () => {
    const agent = await f.client(f.users.agent);
    const supervisor = await f.client(f.users.supervisor);
    const t = newTicket(f, f.teams.billing.id);
    await agent.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    await supervisor.push([{ id: 1, name: 'ticket.setStatus', args: { id: t.id, status: 'pending', base: 'new' } }]);
    const r = await agent.push([{ id: 2, name: 'ticket.setStatus', args: { id: t.id, status: 'on_hold', base: 'new' } }]);
    expect(r.body.results[0]).toMatchObject({
      id: 2,
      status: 'conflict',
      conflicts: [{ field: 'status', base: 'new', theirs: 'pending', mine: 'on_hold', theirsBy: f.users.supervisor.id }],
    });
    expect((await ticketRecord(t.id))?.status).toBe('pending');
    const { rows } = await f.db.query('SELECT mutation_id FROM conflicts WHERE client_id = $1', [agent.clientId]);
    expect(rows.map((x) => Number(x.mutation_id))).toEqual([2]);
  });

  it('runs a batch in order: later mutations see earlier ones', async () => {
    const c = await f.client(f.users.agent);
    const t = newTicket(f, f.teams.billing.id);
    const reply = uuidv7();
    const r = await c.push([
      { id: 1, name: 'ticket.create', args: t.args },
      { id: 2, name: 'message.append', args: { id: reply, ticketId: t.id, kind: 'reply', body: 'On it', statusAfter: 'pending' } },
      { id: 3, name: 'ticket.setStatus', args: { id: t.id, status: 'solved', base: 'pending' } },
    ]);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await ticketRecord(t.id)).toMatchObject({ status: 'solved', messageCount: 2 });
  });

  it('names new records like the client does: from the client id, mutation id and a counter', async () => {
    const c = await f.client(f.users.agent);
    const t = newTicket(f, f.teams.billing.id);
    await c.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    const { deterministicId } = await import('../../shared/ids.ts');
    const { rows } = await f.db.query<{ id: string }>(
      "SELECT id FROM records WHERE entity = 'ticket_event' AND data ->> 'ticketId' = $1 ORDER BY id",
      [t.id],
    );
    expect(rows.map((r) => r.id).sort()).toEqual([deterministicId(c.clientId, 1, 0), deterministicId(c.clientId, 1, 1)].sort());
  });

  it('commits the effects and the last mutation id together: a failure before commit leaves neither, and answers 503', async () => {
    const failing: Db = {
      ...f.db,
      transaction: (fn, isolation) =>
        f.db.transaction(async (q) => {
          await fn(q);
          throw new Error('connection lost before commit');
        }, isolation),
    };
    const broken = await startServer({ db: failing, logger: false });
    try {
      const c = await f.client(f.users.agent);
      const t = newTicket(f, f.teams.billing.id);
      const viaBroken = await c
        .request('/sync/push', {
          clientId: c.clientId,
          schemaVersion: 1,
          mutations: [{ id: 1, name: 'ticket.create', args: t.args, clientTime: 1 }],
        })
        .then(() =>
          fetch(`${broken.url}/sync/push`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${c.session.accessToken}` },
            body: JSON.stringify({
              clientId: c.clientId,
              schemaVersion: 1,
              mutations: [{ id: 2, name: 'ticket.tags', args: { id: t.id, add: ['lost'] }, clientTime: 1 }],
            }),
          }),
        );
      expect(viaBroken.status).toBe(503);
      expect(((await viaBroken.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
      expect(await lmid(c.clientId)).toBe(1);
      expect((await ticketRecord(t.id))?.tags).toEqual([]);
      // The retry on a healthy instance applies it exactly once.
      const retry = await c.push([{ id: 2, name: 'ticket.tags', args: { id: t.id, add: ['lost'] } }]);
      expect(retry.body.results).toEqual([{ id: 2, status: 'applied' }]);
    } finally {
      await broken.close();
    }
  });

  it('reads what a batch needs in a few set-based queries, however many records it names', async () => {
    const c = await f.client(f.users.supervisor);
    const tickets = Array.from({ length: 3 }, () => newTicket(f, f.teams.billing.id));
    await c.push(tickets.map((t, i) => ({ id: i + 1, name: 'ticket.create', args: t.args })));
    const readsFor = async (mutations: { name: string; args: unknown }[]) => {
      let queries = 0;
      const counting = { ...f.db, query: (sql: string, params?: readonly unknown[]) => (queries++, f.db.query(sql, params)) };
      const batch = new Batch(counting as Db, f.tenantId, 1);
      const named = mutations.map((m, i) => ({ clientId: c.clientId, id: 100 + i, ...m }));
      const { supervisor } = f.users;
      const ctx = {
        actor: { id: supervisor.id, tenantId: f.tenantId, role: supervisor.role, teamIds: supervisor.teamIds },
        now: 1,
        authoritative: true,
      };
      await batch.prefetch(named, ctx);
      const planned = queries;
      const runs = [];
      for (const m of named)
        runs.push(
          await runInBatch(batch, m, ctx, (err) => {
            throw err;
          }),
        );
      return { planned, later: queries - planned, runs };
    };
    // Priority edits, a tag edit and a reply that reads the thread (a guard), on every ticket.
    const edits = (t: { id: string }) => [
      { name: 'ticket.update', args: { id: t.id, priority: 'high' } },
      { name: 'ticket.tags', args: { id: t.id, add: ['vip'] } },
      { name: 'message.append', args: { id: uuidv7(), ticketId: t.id, kind: 'reply', body: 'On it', seenMessageId: null } },
    ];
    const one = await readsFor(edits(tickets[0] as { id: string }));
    const all = await readsFor(tickets.flatMap(edits));
    expect(all.runs.map((r) => r.kind)).toEqual(Array(9).fill('done'));
    expect(all.later).toBe(0);
    expect(all.planned).toBe(one.planned);
  });

  it('serializes one client pushing through two instances at once: every mutation applies exactly once', async () => {
    const other = await f.test.openAnother();
    const second = await startServer({ db: other, logger: false });
    try {
      const a = await f.client(f.users.agent);
      const t = newTicket(f, f.teams.billing.id);
      await a.push([{ id: 1, name: 'ticket.create', args: t.args }]);
      const batch = Array.from({ length: 5 }, (_, i) => ({
        id: i + 2,
        name: 'message.append',
        args: { id: uuidv7(), ticketId: t.id, kind: 'note', body: `note ${i}` },
        clientTime: 1,
      }));
      const body = JSON.stringify({ clientId: a.clientId, schemaVersion: 1, mutations: batch });
      const send = (url: string) =>
        fetch(`${url}/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${a.session.accessToken}` },
          body,
        }).then((r) => r.json() as Promise<{ results: { status: string }[] }>);
      const [x, y] = await Promise.all([send(f.server.url), send(second.url)]);
      const statuses = [...x.results, ...y.results].map((r) => r.status).sort();
      expect(statuses).toEqual([...Array(5).fill('alreadyProcessed'), ...Array(5).fill('applied')]);
      expect((await ticketRecord(t.id))?.messageCount).toBe(6);
    } finally {
      await second.close();
      await other.close();
    }
  });

  it('refuses text no store can hold (a NUL, an unpaired surrogate) with VALIDATION, and the queue behind it moves on', async () => {
    const c = await f.client(f.users.agent);
    const good = newTicket(f, f.teams.billing.id, 'Fine');
    const nul = newTicket(f, f.teams.billing.id, 'Invoice\u0000 wrong');
    const r = await c.push([
      { id: 1, name: 'ticket.create', args: nul.args },
      { id: 2, name: 'ticket.create', args: good.args },
      { id: 3, name: 'message.append', args: { id: uuidv7(), ticketId: good.id, kind: 'note', body: 'cut \ud83d emoji' } },
      { id: 4, name: 'ticket.tags', args: { id: good.id, add: ['ok'] } },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: string; error?: { code: string } }) => x.error?.code ?? x.status)).toEqual([
      'VALIDATION',
      'applied',
      'VALIDATION',
      'applied',
    ]);
    expect(r.body.lastMutationId).toBe(4);
    expect(await ticketRecord(nul.id)).toBeNull();
    expect(await ticketRecord(good.id)).toMatchObject({ tags: ['ok'], messageCount: 1 });
  });

  it('rejects only the mutation whose data the database refuses, and applies the rest of its batch', async () => {
    // A constraint the schemas know nothing of stands in for any refusal of the data (SQLSTATE 23514).
    await f.db.exec("ALTER TABLE records ADD CONSTRAINT refuses_poison CHECK (data ->> 'subject' IS DISTINCT FROM 'poison')");
    try {
      const c = await f.client(f.users.agent);
      const before = newTicket(f, f.teams.billing.id, 'Before');
      const poison = newTicket(f, f.teams.billing.id, 'poison');
      const r = await c.push([
        { id: 1, name: 'ticket.create', args: before.args },
        { id: 2, name: 'ticket.create', args: poison.args },
        { id: 3, name: 'ticket.tags', args: { id: before.id, add: ['after'] } },
      ]);
      expect(r.status).toBe(200);
      expect(r.body.results.map((x: { status: string; error?: { code: string } }) => x.error?.code ?? x.status)).toEqual([
        'applied',
        'VALIDATION',
        'applied',
      ]);
      expect(await lmid(c.clientId)).toBe(3);
      expect(await ticketRecord(poison.id)).toBeNull();
      expect(await ticketRecord(before.id)).toMatchObject({ subject: 'Before', tags: ['after'] });
      // The refusal is kept like any other: a retry after a lost answer hears it again.
      const retry = await c.push([{ id: 2, name: 'ticket.create', args: poison.args }]);
      expect(retry.body.results[0]).toMatchObject({ id: 2, status: 'rejected', error: { code: 'VALIDATION' } });
    } finally {
      await f.db.exec('ALTER TABLE records DROP CONSTRAINT refuses_poison');
    }
  });
});
