import { describe, expect, it, vi } from 'vitest';
import { createApi } from '../../../shared/contract/api.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import { takeToken } from './token.ts';
import { createEventSocket, createWebBridge } from './web-transport.ts';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('web transport calls', () => {
  it('POSTs the input to the channel with the bearer token and unwraps the envelope', async () => {
    const fetchImpl = vi.fn(async () => json({ ok: true, value: { hits: [] } }));
    const api = createApi(createWebBridge('tok-1', fetchImpl), () => () => {});
    await expect(api.search.query({ q: 'refund' })).resolves.toEqual({ hits: [] });
    expect(fetchImpl).toHaveBeenCalledWith('/api/call/search.query', {
      method: 'POST',
      headers: { Authorization: 'Bearer tok-1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ q: 'refund' }),
    });
  });

  it('turns error envelopes into AppErrors with their code', async () => {
    const fetchImpl = async () => json({ ok: false, error: { code: 'NOT_FOUND', message: 'no ticket' } }, 404);
    const api = createApi(createWebBridge('t', fetchImpl), () => () => {});
    await expect(api.tickets.get({ id: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports a host that is down or answers garbage as UNAVAILABLE', async () => {
    const down = createApi(
      createWebBridge('t', async () => Promise.reject(new TypeError('Failed to fetch'))),
      () => () => {},
    );
    const error = await down.app.info({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    const garbage = createApi(
      createWebBridge('t', async () => new Response('<html>Bad gateway</html>', { status: 502 })),
      () => () => {},
    );
    await expect(garbage.app.info({})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('sends the inbox page read at once while the start-up calls fill the other connections', async () => {
    const answers: (() => void)[] = [];
    const sent: string[] = [];
    const fetchImpl = vi.fn(async (url: string | URL | Request) => {
      sent.push(String(url));
      await new Promise<void>((resolve) => answers.push(resolve));
      return json({ ok: true, value: {} });
    });
    const bridge = createWebBridge('t', fetchImpl);
    const startUp = [1, 2, 3, 4, 5, 6].map(() => bridge.app.info({}));
    const rows = bridge.tickets.list({});
    await vi.waitFor(() => expect(sent).toHaveLength(6));
    expect(sent.filter((url) => url.endsWith('/app.info'))).toHaveLength(5);
    expect(sent).toContain('/api/call/tickets.list');
    for (const answer of answers.splice(0)) answer();
    await vi.waitFor(() => expect(sent).toHaveLength(7));
    for (const answer of answers.splice(0)) answer();
    await expect(Promise.all([...startUp, rows])).resolves.toHaveLength(7);
  });
});

class FakeSocket extends EventTarget {
  static all: FakeSocket[] = [];
  closed = false;
  readonly url: string;
  constructor(url: string) {
    super();
    this.url = url;
    FakeSocket.all.push(this);
  }
  close() {
    this.closed = true;
  }
  receive(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(data) }));
  }
}

describe('web transport events', () => {
  it('delivers valid frames in order, drops malformed ones, and reconnects with backoff after the socket drops', async () => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    const on = createEventSocket({
      url: 'ws://127.0.0.1:4000',
      token: 'a b',
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      backoff: (attempt) => 1000 * (attempt + 1),
    });
    const seen: unknown[] = [];
    const off = on('data.changed', (payload) => seen.push(payload));
    const first = FakeSocket.all[0] as FakeSocket;
    expect(first.url).toBe('ws://127.0.0.1:4000/api/events?token=a%20b');

    // The events' schemas load with the first frame: frames are checked once they have.
    first.receive({ event: 'data.changed', payload: { entity: 'ticket', ids: [] } });
    first.receive({ event: 'data.changed', payload: { entity: 'spaceship', ids: [] } });
    first.receive({ event: 'no.such.event', payload: {} });
    first.receive({ event: 'data.changed', payload: { entity: 'task', ids: [] } });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([
      { entity: 'ticket', ids: [] },
      { entity: 'task', ids: [] },
    ]);

    first.dispatchEvent(new Event('close'));
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
    (FakeSocket.all[1] as FakeSocket).receive({ event: 'data.changed', payload: { entity: 'account', ids: [] } });
    await vi.waitFor(() => expect(seen).toHaveLength(3));

    off();
    expect((FakeSocket.all[1] as FakeSocket).closed).toBe(true);
    vi.useRealTimers();
  });
});

describe('web host token', () => {
  it('moves the token from the URL fragment into session storage and clears the fragment', () => {
    sessionStorage.clear();
    history.replaceState(null, '', '/index.html#token=secret-1');
    expect(takeToken(location, history, sessionStorage)).toBe('secret-1');
    expect(location.hash).toBe('');
    expect(location.href).not.toContain('secret-1');
    // A reload finds it in storage.
    expect(takeToken(location, history, sessionStorage)).toBe('secret-1');
  });
});
