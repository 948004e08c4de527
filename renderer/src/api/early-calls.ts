/**
 * The first screen's calls, asked of the web host as soon as this module is evaluated: before the
 * rest of the renderer (React, the message catalogs, the schemas) is, which takes a few hundred
 * milliseconds on a slow machine. Without it the start asked in turn, each after a render: who is
 * signed in, the settings, then the queue's first page, and that page queued on Core's thread
 * behind the sidebar's counts (docs/benchmarks.md, first inbox rows). Now the three are in flight
 * while the code is evaluated, in that order, ahead of everything else.
 *
 * The web transport takes an early answer for a call with the same channel and input (once); a
 * call nobody makes (a supervisor lands on the board, not a queue) is left unused. Inside
 * Electron the preload's IPC needs none of this. start-early.ts asks, imported first by main.tsx;
 * nothing here imports more than a few lines, so nothing else is evaluated before it does.
 */
import { API_PREFIX } from '../../../shared/contract/web-transport.ts';
import { queuePageInput } from '../features/inbox/queue-page.ts';

/** What the web host answered: its HTTP status and the body (undefined when it was not JSON). */
export interface HostAnswer {
  status: number;
  body: unknown;
}

/** One call to the web host, as the transport makes every call (web-transport.ts). */
export async function callHost(fetchImpl: typeof fetch, token: string, channel: string, input: unknown): Promise<HostAnswer> {
  const response = await fetchImpl(`${API_PREFIX}/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input ?? {}),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

const answers = new Map<string, Promise<HostAnswer>>();

/** The same call asks with the same input: the first page's is built by queuePageInput on both sides. */
const callKey = (channel: string, input: unknown) => `${channel} ${JSON.stringify(input ?? {})}`;

/** The early answer to this call, if it was asked early; each is handed out once. */
export function takeEarlyAnswer(channel: string, input: unknown): Promise<HostAnswer> | undefined {
  const key = callKey(channel, input);
  const answer = answers.get(key);
  answers.delete(key);
  return answer;
}

/** The queue a start at `hash` shows: the bare address is an agent's home queue. */
function startQueue(hash: string): string | null {
  const path = hash.replace(/^#\/?/, '');
  if (path === '') return 'mine';
  return /^inbox\/([a-z_]+)$/.exec(path)?.[1] ?? null;
}

/** Asks the first screen's calls, for a start at address `hash`. */
export function askEarly(token: string, hash: string, fetchImpl: typeof fetch): void {
  const ask = (channel: string, input: object) => {
    const answer = callHost(fetchImpl, token, channel, input);
    // A failed early ask is asked again by the transport, as any call is.
    answer.catch(() => answers.delete(callKey(channel, input)));
    answers.set(callKey(channel, input), answer);
  };
  ask('session.get', {});
  ask('settings.get', {});
  const view = startQueue(hash);
  if (view !== null) ask('tickets.list', queuePageInput({ view }, null, undefined));
}
