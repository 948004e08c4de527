import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import type { RowChange } from '../../shared/sync/protocol.ts';
import { updateUser } from '../admin/operations.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, setUp, type Fixture, type TestClient } from '../testing/fixture.ts';
import { pruneChanges } from './prune.ts';

/** A client's local state: what applying the pulled changes in order leaves. */
function apply(state: Map<string, Record<string, unknown>>, changes: RowChange[]) {
  for (const c of changes) {
    const k = `${c.entity}:${c.id}`;
    if (c.op === 'del') state.delete(k);
    else if (Number(state.get(k)?.version ?? -1) <= c.version) state.set(k, c.row);
  }
  return state;
}

describe.each(backends)('pull on $name', (backend) => {
  let f: Fixture;
  let agent: TestClient;
  beforeAll(async () => {
    f = await setUp(backend);
    agent = await f.client(f.users.agent);
  });
  afterAll(() => f.close());

  it('bootstraps the person’s own open tickets first, then everything in scope', async () => {
    const supervisor = await f.client(f.users.supervisor);
    const mine = newTicket(f, f.teams.billing.id, 'Mine', { assigneeId: f.users.agent.id });
    const other = newTicket(f, f.teams.billing.id, 'Not mine');
    await supervisor.push([
      { id: 1, name: 'ticket.create', args: other.args },
      { id: 2, name: 'ticket.create', args: mine.args },
    ]);
    const fresh = await f.client(f.users.agent);
    const page = await fresh.pull(null, 1);
    expect(page.kind === 'page' && page.changes.map((c) => c.id)).toEqual([mine.id]);
    const all = await fresh.pullAll(page.kind === 'page' ? page.cursor : null, 3);
    const ids = new Set(all.changes.map((c) => c.id));
    expect(ids.has(other.id)).toBe(true);
    expect(ids.has(f.users.agent.id)).toBe(true);
    expect(ids.has(f.teams.tech.id)).toBe(true); // teams are reference data
  });

  it('never splits a server transaction across pages, and resumes from the cursor', async () => {
    const start = await agent.pullAll(null);
    const pusher = await f.client(f.users.agent);
    const t = newTicket(f, f.teams.billing.id);
    // One push = one transaction = one version with a ticket, a message and two events.
    await pusher.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    const page = await agent.pull(start.cursor, 1);
    if (page.kind !== 'page') throw new Error('expected a page');
    expect(new Set(page.changes.map((c) => c.version)).size).toBe(1);
    expect(page.changes.map((c) => c.entity).sort()).toEqual(['message', 'ticket', 'ticket_event', 'ticket_event']);
    expect(page.more).toBe(false);
    const again = await agent.pull(page.cursor);
    expect(again.kind === 'page' && again.changes).toEqual([]);
  });

  it('refuses a tampered cursor with 400', async () => {
    const { cursor } = await agent.pullAll(null);
    const [payload, sig] = cursor.split('.');
    const state = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...state, v: 0 })).toString('base64url')}.${sig}`;
    for (const bad of [forged, 'garbage', `${payload}.x`]) {
      const r = await agent.request('/sync/pull', { clientId: agent.clientId, schemaVersion: 1, cursor: bad });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
    }
  });

  it('never delivers another team’s ticket, and removes a ticket that moves away', async () => {
    const supervisor = await f.client(f.users.supervisor);
    const tech = await f.client(f.users.techAgent);
    const { cursor: agentCursor } = await agent.pullAll(null);
    const { cursor: techCursor } = await tech.pullAll(null);
    const t = newTicket(f, f.teams.billing.id, 'Moves to tech');
    const secret = newTicket(f, f.teams.tech.id, 'Tech only');
    await supervisor.push([
      { id: 1, name: 'ticket.create', args: t.args },
      { id: 2, name: 'ticket.create', args: secret.args },
      { id: 3, name: 'message.append', args: { id: uuidv7(), ticketId: t.id, kind: 'note', body: 'internal' } },
    ]);
    const agentState = apply(new Map(), (await agent.pullAll(null)).changes);
    expect(agentState.has(`ticket:${t.id}`)).toBe(true);
    expect(agentState.has(`ticket:${secret.id}`)).toBe(false);
    const step = await agent.pullAll(agentCursor);
    apply(agentState, step.changes);
    expect([...agentState.values()].some((r) => r.ticketId === secret.id || r.id === secret.id)).toBe(false);

    await supervisor.push([
      {
        id: 4,
        name: 'ticket.assign',
        args: { id: t.id, assigneeId: null, teamId: f.teams.tech.id, base: { assigneeId: null, teamId: f.teams.billing.id } },
      },
    ]);
    const moved = await agent.pullAll(step.cursor);
    apply(agentState, moved.changes);
    expect([...agentState.keys()].filter((k) => k.includes(t.id))).toEqual([]);
    expect([...agentState.values()].filter((r) => r.ticketId === t.id)).toEqual([]);
    expect(moved.changes.every((c) => c.op === 'del')).toBe(true);

    // The tech agent now has the ticket with its whole thread, by the same cursor walk.
    const techState = apply(new Map(), (await tech.pullAll(techCursor)).changes);
    expect(techState.get(`ticket:${t.id}`)).toMatchObject({ teamId: f.teams.tech.id });
    expect([...techState.values()].filter((r) => r.ticketId === t.id && r.kind === 'note')).toHaveLength(1);
  });

  it('an incremental client equals a freshly bootstrapped one', async () => {
    const supervisor = await f.client(f.users.supervisor);
    const { cursor } = await agent.pullAll(null);
    const long = apply(new Map(), (await agent.pullAll(null)).changes);
    const t = newTicket(f, f.teams.billing.id);
    await supervisor.push([
      { id: 1, name: 'ticket.create', args: t.args },
      { id: 2, name: 'ticket.tags', args: { id: t.id, add: ['a', 'b'] } },
      { id: 3, name: 'ticket.tags', args: { id: t.id, remove: ['a'] } },
    ]);
    apply(long, (await agent.pullAll(cursor, 2)).changes);
    const fresh = apply(new Map(), (await (await f.client(f.users.agent)).pullAll(null, 2)).changes);
    expect(long).toEqual(fresh);
  });

  it('resumes a killed bootstrap, redoing at most one page', async () => {
    const fresh = await f.client(f.users.agent);
    const seen: string[] = [];
    let page = await fresh.pull(null, 2);
    if (page.kind !== 'page') throw new Error('expected a page');
    seen.push(...page.changes.map((c) => c.id));
    const resumeFrom = page.cursor;
    page = await fresh.pull(resumeFrom, 2); // "killed" before storing this page's cursor
    if (page.kind !== 'page') throw new Error('expected a page');
    const lost = page.changes.map((c) => c.id);
    const rest = await fresh.pullAll(resumeFrom, 2);
    expect(rest.changes.slice(0, lost.length).map((c) => c.id)).toEqual(lost);
    const complete = apply(new Map(), (await (await f.client(f.users.agent)).pullAll(null)).changes);
    const resumed = apply(new Map(), [...((await fresh.pull(null, 2)) as { changes: RowChange[] }).changes, ...rest.changes]);
    expect([...resumed.keys()].sort()).toEqual([...complete.keys()].sort());
  });

  it('reports the last mutation id only with the page that carries its effects', async () => {
    const c = await f.client(f.users.agent);
    const { cursor } = await c.pullAll(null);
    const t = newTicket(f, f.teams.billing.id);
    await c.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    await c.push([{ id: 2, name: 'ticket.tags', args: { id: t.id, add: ['x'] } }]);
    const first = await c.pull(cursor, 1);
    expect(first.kind === 'page' && [first.lastMutationId, first.more]).toEqual([1, true]);
    const second = await c.pull(first.kind === 'page' ? first.cursor : null, 1);
    expect(second.kind === 'page' && second.lastMutationId).toBe(2);
  });

  it('re-bootstrapping with queued mutations: no page vouches for a mutation whose effects are still to come', async () => {
    const c = await f.client(f.users.agent);
    const t = newTicket(f, f.teams.billing.id, 'Queued while the cache was reset');
    await c.push([{ id: 1, name: 'ticket.create', args: t.args }]);
    // The console lost its cache (a reset) with mutation 1 still queued: it bootstraps in small pages.
    const delivered = new Set<string>();
    const reported: number[] = [];
    let cursor: string | null = null;
    for (let more = true; more;) {
      const page = await c.pull(cursor, 1);
      if (page.kind !== 'page') throw new Error('expected a page');
      for (const change of page.changes) delivered.add(change.id);
      reported.push(page.lastMutationId);
      if (page.lastMutationId >= 1) {
        expect(delivered.has(t.id)).toBe(true);
        expect(delivered.has(t.args.message.id)).toBe(true);
      }
      cursor = page.cursor;
      more = page.more;
    }
    expect(reported.at(-1)).toBe(1);
    // Never back: once a page vouched for an id, the later ones do too.
    expect(reported).toEqual([...reported].sort((a, b) => a - b));
  });

  it('answers reset when the person’s teams change, and when the cursor is older than the log', async () => {
    const manager = await f.client(f.users.manager);
    const { cursor } = await manager.pullAll(null);
    await updateUser(f.db, 'test', f.users.manager.id, { teamIds: [f.teams.tech.id] });
    const r = await manager.pull(cursor);
    expect(r).toMatchObject({ kind: 'reset' });
    const after = apply(new Map(), (await manager.pullAll(null)).changes);
    expect([...after.values()].some((row) => row.teamId === f.teams.billing.id && typeof row.subject === 'string')).toBe(false);

    const { cursor: fresh } = await manager.pullAll(null);
    const supervisor = await f.client(f.users.supervisor);
    await supervisor.push([{ id: 1, name: 'ticket.create', args: newTicket(f, f.teams.tech.id).args }]);
    const { rows } = await f.db.query<{ v: unknown }>('SELECT version AS v FROM tenant_clock WHERE tenant_id = $1', [f.tenantId]);
    await pruneChanges(f.db, f.tenantId, Number(rows[0]?.v));
    expect(await manager.pull(fresh)).toMatchObject({ kind: 'reset' });
  });

  it('keeps private views to their owner, even from supervisors', async () => {
    const view = { id: uuidv7(), name: 'Mine', ownerId: f.users.agent.id, filter: {}, sort: 'updated_desc', position: 0 };
    const c = await f.client(f.users.agent);
    expect((await c.push([{ id: 1, name: 'view.upsert', args: view }])).body.results[0].status).toBe('applied');
    const supervisor = await f.client(f.users.supervisor);
    const theirs = (await supervisor.pullAll(null)).changes;
    expect(theirs.some((x) => x.id === view.id)).toBe(false);
    expect((await c.pullAll(null)).changes.some((x) => x.id === view.id)).toBe(true);
  });
});
