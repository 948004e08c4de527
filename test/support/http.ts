/**
 * Plain node:http requests for tests that must control every header (Host, Content-Type,
 * Content-Length), which fetch does not allow, plus a WebSocket helper for the event socket.
 */
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON (undefined if it is not JSON). */
  json: unknown;
}

export function rawRequest(
  origin: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  const url = new URL(options.path, origin);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A JSON call the way the renderer's web transport makes it. */
export function callOverHttp(origin: string, token: string | null, channel: string, input: unknown): Promise<RawResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return rawRequest(origin, { method: 'POST', path: `/api/call/${encodeURIComponent(channel)}`, headers, body: JSON.stringify(input) });
}

/** A directory holding a minimal index.html, for host tests that do not need the real renderer. */
export function tinyRendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Switchboard</title><p>test page</p>');
  return dir;
}

export interface EventSocket {
  socket: WebSocket;
  /** Resolves with the next frame with this event name that arrives after the call, parsed. */
  next(event: string): Promise<{ event: string; payload: unknown }>;
  /** Resolves with the close code once the host closes the socket. */
  closed: Promise<number>;
}

/** Opens the event socket and resolves once it is open (or once the host has closed it). */
export function openEventSocket(wsUrl: string, headers?: Record<string, string>): Promise<EventSocket> {
  const socket = new WebSocket(wsUrl, { headers });
  const waiters: { event: string; resolve: (f: { event: string; payload: unknown }) => void }[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { event: string; payload: unknown };
    for (const waiter of waiters.filter((w) => w.event === frame.event)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(frame);
    }
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const next = (event: string) => new Promise<{ event: string; payload: unknown }>((resolve) => waiters.push({ event, resolve }));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, next, closed }));
    socket.once('close', () => resolve({ socket, next, closed }));
    socket.once('error', reject);
  });
}
