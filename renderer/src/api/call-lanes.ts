/**
 * Keeps one of the browser's HTTP/1.1 connections to the web host free for the inbox's page read.
 * A browser opens at most six connections per host and queues the rest in the order they were
 * made; the shell fires its start-up calls together, so `tickets.list` (the rows the person is
 * waiting for) was answered after the sidebar's counts and the other calls. Every other channel
 * shares the remaining lanes, so a page read never queues behind them.
 */
import type { ChannelName } from '../../../shared/contract/channels.ts';

/** Connections a browser keeps per host over HTTP/1.1. */
const BROWSER_CONNECTIONS_PER_HOST = 6;
const PRIORITY_CHANNELS: ReadonlySet<ChannelName> = new Set(['tickets.list']);

export type Run = <T>(channel: ChannelName, call: () => Promise<T>) => Promise<T>;

/** Runs calls so that at most `connections - 1` calls outside the priority channels are in flight. */
export function createCallLanes(connections = BROWSER_CONNECTIONS_PER_HOST): Run {
  const sharedLanes = connections - 1;
  let inFlight = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    inFlight--;
    waiting.shift()?.();
  };

  return async (channel, call) => {
    if (PRIORITY_CHANNELS.has(channel)) return call();
    if (inFlight >= sharedLanes) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight++;
    try {
      return await call();
    } finally {
      release();
    }
  };
}
