/**
 * The server's HTTP endpoints (docs/sync-protocol.md) as typed calls. Every answer is checked with
 * the shared zod schemas; every failure becomes an AppError with the server's code, or
 * UNAVAILABLE when the server could not be reached or answered something unreadable, so the
 * sync client decides on codes alone (retry, refresh, sign out).
 */
import { z } from 'zod';
import { AppError, ErrorPayload } from '../../../shared/contract/errors.ts';
import {
  MutationGap,
  NextTicketResponse,
  PullResponse,
  PushResponse,
  ServerInfo,
  ServerSearchResponse,
  ThreadResponse,
  SessionResponse,
  type NextTicketRequest,
  type PullRequest,
  type PushRequest,
  type ServerSearchRequest,
  type SignInRequest,
  type ThreadRequest,
} from '../../../shared/sync/protocol.ts';

export type Fetch = typeof globalThis.fetch;

export type PushOutcome = { kind: 'done'; response: PushResponse } | { kind: 'gap'; expected: number };

/** A session with the server's clock when it answered (its Date header), so expiry can be judged on the local clock. */
export type ServerSession = SessionResponse & { serverNow: number | null };

export interface ServerApi {
  info(): Promise<z.infer<typeof ServerInfo>>;
  signIn(req: SignInRequest): Promise<ServerSession>;
  refresh(refreshToken: string): Promise<ServerSession>;
  signOut(refreshToken: string): Promise<void>;
  push(accessToken: string, req: PushRequest): Promise<PushOutcome>;
  pull(accessToken: string, req: PullRequest): Promise<PullResponse>;
  thread(accessToken: string, req: ThreadRequest): Promise<ThreadResponse>;
  search(accessToken: string, req: ServerSearchRequest): Promise<ServerSearchResponse>;
  nextTicket(accessToken: string, req: NextTicketRequest): Promise<NextTicketResponse>;
}

const ErrorBody = z.object({ error: ErrorPayload });

/** Requests that hang are given up on, so a half-open connection cannot stall sync. */
const REQUEST_TIMEOUT_MS = 30_000;

export function createServerApi(baseUrl: string, fetch: Fetch, signal: AbortSignal): ServerApi {
  const root = baseUrl.replace(/\/+$/, '');

  async function request(
    path: string,
    body: unknown,
    accessToken?: string,
  ): Promise<{ status: number; json: unknown; date: number | null }> {
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${root}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
      text = await res.text();
    } catch (err) {
      throw new AppError('UNAVAILABLE', `the server at ${root} could not be reached (${err instanceof Error ? err.message : String(err)})`);
    }
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        throw new AppError('UNAVAILABLE', `the server at ${root} answered ${res.status} with something that is not JSON`);
      }
    }
    const date = Date.parse(res.headers.get('date') ?? '');
    return { status: res.status, json, date: Number.isNaN(date) ? null : date };
  }

  async function session(path: string, body: unknown, what: string): Promise<ServerSession> {
    const reply = await request(path, body);
    return { ...expect(SessionResponse, reply, what), serverNow: reply.date };
  }

  function expect<S extends z.ZodType>(schema: S, reply: { status: number; json: unknown }, what: string): z.output<S> {
    if (reply.status >= 200 && reply.status < 300) {
      const parsed = schema.safeParse(reply.json);
      if (parsed.success) return parsed.data;
      throw new AppError('UNAVAILABLE', `the server's answer to ${what} is not one this version understands`);
    }
    const error = ErrorBody.safeParse(reply.json);
    if (error.success) throw AppError.fromPayload(error.data.error);
    throw new AppError('UNAVAILABLE', `the server answered ${what} with status ${reply.status}`);
  }

  return {
    info: async () => expect(ServerInfo, await request('/info', undefined), 'info'),
    signIn: (req) => session('/auth/sign-in', req, 'sign-in'),
    refresh: (refreshToken) => session('/auth/refresh', { refreshToken }, 'refresh'),
    async signOut(refreshToken) {
      const reply = await request('/auth/sign-out', { refreshToken });
      if (reply.status !== 204) expect(z.unknown(), reply, 'sign-out');
    },
    async push(accessToken, req) {
      const reply = await request('/sync/push', req, accessToken);
      if (reply.status === 409) {
        const gap = MutationGap.safeParse(reply.json);
        if (gap.success) return { kind: 'gap', expected: gap.data.expected };
      }
      return { kind: 'done', response: expect(PushResponse, reply, 'push') };
    },
    pull: async (accessToken, req) => expect(PullResponse, await request('/sync/pull', req, accessToken), 'pull'),
    thread: async (accessToken, req) => expect(ThreadResponse, await request('/sync/thread', req, accessToken), 'thread'),
    search: async (accessToken, req) => expect(ServerSearchResponse, await request('/sync/search', req, accessToken), 'search'),
    nextTicket: async (accessToken, req) => expect(NextTicketResponse, await request('/routing/next', req, accessToken), 'next ticket'),
  };
}
