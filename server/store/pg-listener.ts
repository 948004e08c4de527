/**
 * The one dedicated LISTEN connection of a server instance on PostgreSQL. It can be lost at any
 * time (a terminated backend, a failover, a restarted database): then it reconnects with backoff,
 * LISTENs again on every channel that still has subscribers, and tells each of them that
 * notifications may have been missed meanwhile (`onGap`), so pokes resume with a catch-up.
 * Unsubscribing while the connection is down never touches it: a dead connection listens to nothing.
 */
import pg from 'pg';
import { assertChannel } from './db.ts';
import { asUnavailable } from './pg-errors.ts';

/** Reconnect delays: doubling from the first, capped, so a database back after an outage is found within the cap. */
export const RECONNECT_FIRST_MS = 100;
export const RECONNECT_MAX_MS = 2000;

export interface Subscription {
  onNotify(payload: string): void;
  onGap?: (() => void) | undefined;
}

export interface PgListener {
  listen(channel: string, subscription: Subscription): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

interface Connection {
  client: pg.Client;
  /** Channels this connection has LISTENed on. */
  listening: Set<string>;
  /**
   * Runs a statement on the connection after the ones before it: LISTENs asked for at once
   * (a console's socket subscribes to several channels together) must not overlap, which
   * pg deprecates for one client.
   */
  run(sql: string): Promise<void>;
}

function serialized(client: pg.Client): (sql: string) => Promise<void> {
  let last: Promise<unknown> = Promise.resolve();
  return (sql) => {
    const next = last.then(() => client.query(sql));
    last = next.catch(() => {});
    return next.then(() => {});
  };
}

export function createPgListener(config: pg.ClientConfig): PgListener {
  const channels = new Map<string, Set<Subscription>>();
  let live: Connection | null = null;
  let connecting: Promise<Connection> | null = null;
  /** Subscriptions that were live when the connection was lost: told once it is back (later ones missed nothing). */
  const missed = new Set<Subscription>();
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function lost(client: pg.Client): void {
    if (live?.client !== client) return;
    live = null;
    for (const set of channels.values()) for (const s of set) missed.add(s);
    client.end().catch(() => {});
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (closed || retry || connecting || live || channels.size === 0) return;
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** failures);
    retry = setTimeout(() => {
      retry = null;
      connect().catch(() => {
        failures++;
        scheduleReconnect();
      });
    }, delay);
  }

  async function open(): Promise<Connection> {
    const client = new pg.Client(config);
    // Every error of this connection is handled here: an unhandled 'error' would end the process.
    client.on('error', () => lost(client));
    client.on('end', () => lost(client));
    client.on('notification', (msg) => {
      for (const s of channels.get(msg.channel) ?? []) s.onNotify(msg.payload ?? '');
    });
    const connection: Connection = { client, listening: new Set(), run: serialized(client) };
    try {
      await client.connect();
      for (const channel of [...channels.keys()]) {
        await connection.run(`LISTEN ${channel}`);
        connection.listening.add(channel);
      }
    } catch (err) {
      client.end().catch(() => {});
      throw err;
    }
    return connection;
  }

  function connect(): Promise<Connection> {
    if (live) return Promise.resolve(live);
    connecting ??= open()
      .then((connection) => {
        if (closed) {
          connection.client.end().catch(() => {});
          throw new Error('the listener is closed');
        }
        live = connection;
        failures = 0;
        const resumed = [...missed];
        missed.clear();
        for (const s of resumed) s.onGap?.();
        return connection;
      })
      .finally(() => {
        connecting = null;
      });
    return connecting;
  }

  return {
    async listen(channel, subscription) {
      const name = assertChannel(channel);
      let set = channels.get(name);
      if (!set) channels.set(name, (set = new Set()));
      set.add(subscription);
      const subscribers = set;
      const drop = () => {
        subscribers.delete(subscription);
        missed.delete(subscription);
        if (subscribers.size === 0 && channels.get(name) === subscribers) channels.delete(name);
      };
      try {
        const connection = await connect();
        if (!connection.listening.has(name)) {
          await connection.run(`LISTEN ${name}`);
          connection.listening.add(name);
        }
      } catch (err) {
        drop();
        // Others subscribed before may still wait for the connection to come back.
        scheduleReconnect();
        throw asUnavailable(err);
      }
      return async () => {
        drop();
        const connection = live;
        if (channels.has(name) || !connection?.listening.has(name)) return;
        connection.listening.delete(name);
        // A connection that dies meanwhile listens to nothing any more: nothing to undo.
        await connection.run(`UNLISTEN ${name}`).catch(() => {});
      };
    },

    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await connecting?.catch(() => {});
      const connection = live;
      live = null;
      await connection?.client.end().catch(() => {});
    },
  };
}
