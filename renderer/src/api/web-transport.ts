/**
 * The renderer's transport when it runs in a browser against the web host: calls are POSTs that
 * answer with a Result envelope, events arrive over one WebSocket that reconnects with backoff.
 * The wire format lives in shared/contract/web-transport.ts, shared with the host.
 */
import { buildBridge, type Bridge, type EventSubscriber } from '../../../shared/contract/api.ts';
import { ResultEnvelope, type Result } from '../../../shared/contract/errors.ts';
import type * as EventSchemas from '../../../shared/contract/events.ts';
import type { EventName } from '../../../shared/contract/events.ts';
import type { ChannelName } from '../../../shared/contract/channels.ts';
import { EVENTS_PATH } from '../../../shared/contract/web-transport.ts';
import { createCallLanes } from './call-lanes.ts';
import { callHost, takeEarlyAnswer } from './early-calls.ts';

const unavailable = (message: string): Result<never> => ({ ok: false, error: { code: 'UNAVAILABLE', message } });

export function createWebBridge(token: string, fetchImpl: typeof fetch = fetch): Bridge {
  const lanes = createCallLanes();
  // The body is read inside the lane: the connection is busy until it has arrived.
  const ask = (channel: ChannelName, input: unknown) => lanes(channel, () => callHost(fetchImpl, token, channel, input));
  return buildBridge(async (channel, input) => {
    let status: number;
    let body: unknown;
    try {
      // The start's first calls were asked before the renderer was evaluated (early-calls.ts).
      ({ status, body } = await (takeEarlyAnswer(channel, input)?.catch(() => ask(channel, input)) ?? ask(channel, input)));
    } catch (err) {
      return unavailable(`the web host did not answer ${channel}: ${String(err)}`);
    }
    if (body === undefined) {
      return unavailable(`the web host answered ${channel} with HTTP ${status} and no result`);
    }
    const envelope = ResultEnvelope.safeParse(body);
    return envelope.success ? envelope.data : unavailable(`the web host answered ${channel} with a malformed result`);
  });
}

export interface EventSocketOptions {
  /** Page origin as ws:// or wss://, e.g. derived from location. */
  url: string;
  token: string;
  WebSocketImpl?: typeof WebSocket;
  /** Delay before reconnect attempt `n` (0-based): grows to a cap, so a restarting host is not hammered. */
  backoff?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number) => Math.min(30_000, 500 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

/**
 * One WebSocket shared by every listener, opened with the first subscription. Frames are checked
 * against the event map, so a listener only ever sees the declared payload shape.
 */
export function createEventSocket({
  url,
  token,
  WebSocketImpl = WebSocket,
  backoff = defaultBackoff,
}: EventSocketOptions): EventSubscriber {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;

  // The events' schemas are loaded with the first frame, not in front of the first screen; frames
  // wait for them in the order they came.
  let schemas: Promise<typeof EventSchemas> | undefined;
  const deliver = (data: unknown) => {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const { event, payload } = frame as { event?: unknown; payload?: unknown };
    void (schemas ??= import('../../../shared/contract/events.ts')).then(({ events, isEventName }) => {
      if (!isEventName(event)) return;
      const parsed = events[event].safeParse(payload);
      if (!parsed.success) return;
      for (const listener of listeners.get(event) ?? []) listener(parsed.data);
    });
  };

  const connect = () => {
    retry = null;
    const ws = new WebSocketImpl(`${url}${EVENTS_PATH}?token=${encodeURIComponent(token)}`);
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
    });
    ws.addEventListener('message', (e) => deliver(e.data));
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      if (listenerCount() > 0) retry = setTimeout(connect, backoff(attempt++));
    });
  };

  const listenerCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  return (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    if (!socket && !retry) connect();
    return () => {
      set.delete(untyped);
      if (listenerCount() > 0) return;
      if (retry) clearTimeout(retry);
      retry = null;
      const ws = socket;
      socket = null;
      ws?.close();
    };
  };
}
