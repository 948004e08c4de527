import { describe, expect, it } from 'vitest';
import { createApi } from '../../../shared/contract/api.ts';
import { askEarly, takeEarlyAnswer } from './early-calls.ts';
import { createWebBridge } from './web-transport.ts';

/** A web host that answers every call with the channel's name, recording what it was asked. */
function host(asked: { channel: string; body: unknown }[], fail = false): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    const channel = url.split('/').at(-1)!;
    asked.push({ channel, body: JSON.parse(String(init.body)) });
    if (fail) throw new TypeError('fetch failed');
    return new Response(JSON.stringify({ ok: true, value: { answeredBy: asked.length, channel } }), { status: 200 });
  }) as typeof fetch;
}

const noEvents = () => () => {};

describe('the start’s early calls', () => {
  it('asks who is signed in, the settings and the queue’s first page at once, and the transport takes each answer once', async () => {
    const early: { channel: string; body: unknown }[] = [];
    askEarly('tok', '', host(early));
    expect(early).toEqual([
      { channel: 'session.get', body: {} },
      { channel: 'settings.get', body: {} },
      { channel: 'tickets.list', body: { view: 'mine', cursor: null, limit: 100 } },
    ]);

    const later: { channel: string; body: unknown }[] = [];
    const api = createApi(createWebBridge('tok', host(later)), noEvents);
    await expect(api.session.get({})).resolves.toMatchObject({ channel: 'session.get' });
    await expect(api.settings.get({})).resolves.toMatchObject({ channel: 'settings.get' });
    await expect(api.tickets.list({ view: 'mine', cursor: null, limit: 100 })).resolves.toMatchObject({ channel: 'tickets.list' });
    expect(later).toEqual([]);

    // Each answer is handed out once: the next read is a read.
    await api.session.get({});
    await api.tickets.list({ view: 'mine', cursor: null, limit: 100 });
    expect(later.map((c) => c.channel)).toEqual(['session.get', 'tickets.list']);
  });

  it('reads the first page of the queue the address names, and none for another page', () => {
    const asked: { channel: string; body: unknown }[] = [];
    askEarly('tok', '#/inbox/unassigned', host(asked));
    askEarly('tok', '#/board', host(asked));
    expect(asked.filter((c) => c.channel === 'tickets.list').map((c) => c.body)).toEqual([
      { view: 'unassigned', cursor: null, limit: 100 },
    ]);
    // The second start's answers stand for the first's: one of each is kept.
    for (const channel of ['session.get', 'settings.get']) expect(takeEarlyAnswer(channel, {})).toBeDefined();
    expect(takeEarlyAnswer('tickets.list', { view: 'unassigned', cursor: null, limit: 100 })).toBeDefined();
    expect(takeEarlyAnswer('session.get', {})).toBeUndefined();
  });

  it('asks again when an early call failed', async () => {
    askEarly('tok', '#/settings', host([], true));
    const later: { channel: string; body: unknown }[] = [];
    const api = createApi(createWebBridge('tok', host(later)), noEvents);
    await expect(api.session.get({})).resolves.toMatchObject({ channel: 'session.get' });
    await expect(api.settings.get({})).resolves.toMatchObject({ channel: 'settings.get' });
    expect(later.map((c) => c.channel)).toEqual(['session.get', 'settings.get']);
  });
});
