import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/search/text.ts';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol.ts';
import { backends } from '../testing/backends.ts';
import { newTicket, setUp, type Fixture, type TestClient } from '../testing/fixture.ts';

describe.each(backends)('threads and message search for partial caches on $name', (backend) => {
  let f: Fixture;
  let agent: TestClient;
  let techAgent: TestClient;
  const billing = { id: '', messageId: '' };
  const tech = { id: '' };
  beforeAll(async () => {
    f = await setUp(backend);
    agent = await f.client(f.users.agent);
    techAgent = await f.client(f.users.techAgent);
    const supervisor = await f.client(f.users.supervisor);
    const b = newTicket(f, f.teams.billing.id, 'Double charge');
    b.args.message.body = 'We were overcharged twice; 我们申请退款申请 please';
    const t = newTicket(f, f.teams.tech.id, 'Login broken');
    t.args.message.body = 'Overcharged? No, the login page is broken. 退款申请 not needed';
    billing.id = b.id;
    billing.messageId = b.args.message.id;
    tech.id = t.id;
    await supervisor.push([
      { id: 1, name: 'ticket.create', args: b.args },
      { id: 2, name: 'ticket.create', args: t.args },
      { id: 3, name: 'message.append', args: { id: uuidv7(), ticketId: b.id, kind: 'note', body: 'Refund issued' } },
    ]);
  });
  afterAll(() => f.close());

  const thread = (c: TestClient, ticketId: string) =>
    c.request('/sync/thread', { clientId: c.clientId, schemaVersion: SYNC_SCHEMA_VERSION, ticketId });
  const search = (c: TestClient, query: string) =>
    c.request('/sync/search', { clientId: c.clientId, schemaVersion: SYNC_SCHEMA_VERSION, query });

  it('answers a ticket’s thread in order to those who may see it, and to no one else', async () => {
    const mine = await thread(agent, billing.id);
    expect(mine.status).toBe(200);
    expect(mine.body.messages.map((m: { body: string }) => m.body)).toEqual([
      'We were overcharged twice; 我们申请退款申请 please',
      'Refund issued',
    ]);
    expect((await thread(techAgent, billing.id)).status).toBe(404);
    expect((await thread(agent, uuidv7())).status).toBe(404);
    const stolen = await agent.request('/sync/thread', {
      clientId: techAgent.clientId,
      schemaVersion: SYNC_SCHEMA_VERSION,
      ticketId: billing.id,
    });
    expect(stolen.status).toBe(403);
  });

  it('finds messages by every word, English and Chinese, within the person’s scopes only', async () => {
    const english = await search(agent, 'OVERCHARGED twice');
    expect(english.status).toBe(200);
    expect(english.body.hits).toEqual([
      {
        messageId: billing.messageId,
        ticketId: billing.id,
        at: expect.any(Number),
        snippet: `We were ${HIGHLIGHT_START}overcharged${HIGHLIGHT_END} ${HIGHLIGHT_START}twice${HIGHLIGHT_END}; 我们申请退款申请 please`,
      },
    ]);
    const chinese = await search(agent, '款申请');
    expect(chinese.body.hits.map((h: { ticketId: string }) => h.ticketId)).toEqual([billing.id]);
    const theirs = await search(techAgent, '款申请');
    expect(theirs.body.hits.map((h: { ticketId: string }) => h.ticketId)).toEqual([tech.id]);
    // LIKE's wildcards are only characters.
    expect((await search(agent, '%%%')).body.hits).toEqual([]);
  });

  it('refuses words too short for the trigram index', async () => {
    const short = await search(agent, 'overcharged 退款');
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('VALIDATION');
  });
});
