/**
 * Presence: who has which ticket open, and who is typing on it. Ephemeral by design: nothing is
 * stored in the database. Each instance keeps the entries of the whole tenant in memory (its own
 * sockets' and, heard over NOTIFY, every other instance's) and sends each of its sockets the
 * viewer list of a ticket whenever that list changes, if the socket's person may see the ticket
 * (its team is among their scopes).
 *
 * An entry ends when its socket announces another ticket (or none) or closes, and in any case
 * `ttlMs` after its last announcement: consoles re-announce well within it, so an instance that
 * dies without saying goodbye loses its people on the other instances within a TTL.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Id } from '../../shared/domain/records.ts';
import type { PresenceViewer, ServerFrame } from '../../shared/sync/protocol.ts';
import { assertChannel, type Db } from '../store/db.ts';
import { Text } from '../../shared/domain/text.ts';

/** How long an entry lasts without being announced again; consoles re-announce every third of it. */
export const PRESENCE_TTL_MS = 60_000;

export interface PresenceWatcher {
  /** Whether this socket's person may see tickets of `teamId`. */
  canSee(teamId: string): boolean;
  send(frame: string): void;
}

export interface PresenceSocket {
  tenantId: string;
  userId: string;
  name: string;
  /** The ticket team visible to this socket's person, or null if the ticket is unknown or out of scope. */
  teamOf(ticketId: string): Promise<string | null>;
  watcher: PresenceWatcher;
}

export interface Presence {
  /** Registers a socket; returns its handle for announcements and for leaving. */
  join(socket: PresenceSocket): Promise<PresenceHandle>;
  close(): Promise<void>;
}

export interface PresenceHandle {
  announce(ticketId: string | null, typing: boolean): Promise<void>;
  leave(): Promise<void>;
}

/** What instances tell each other; `ticketId: null` ends the entry. */
const Announcement = z.object({
  instance: Text.max(64),
  key: Text.max(64),
  userId: Id,
  name: Text.max(200),
  ticketId: Id.nullable(),
  teamId: Id.nullable(),
  typing: z.boolean(),
  at: z.number().int(),
});
type Announcement = z.infer<typeof Announcement>;

interface Entry {
  userId: string;
  name: string;
  ticketId: string;
  teamId: string;
  typing: boolean;
  at: number;
}

interface TenantState {
  /** Every entry of the tenant, by `instance:key`. */
  entries: Map<string, Entry>;
  watchers: Set<PresenceWatcher>;
  unlisten: Promise<() => Promise<void>>;
}

export function presenceChannel(tenantId: string): string {
  return assertChannel(`sbp_${tenantId.replace(/-/g, '')}`);
}

export function createPresence(db: Db, options: { now: () => number; ttlMs?: number; onError: (err: unknown) => void }): Presence {
  const { now, onError } = options;
  const ttlMs = options.ttlMs ?? PRESENCE_TTL_MS;
  const instance = randomUUID();
  const tenants = new Map<string, TenantState>();
  const sweeper = setInterval(sweep, Math.max(50, Math.floor(ttlMs / 4)));
  sweeper.unref();

  function viewersOf(state: TenantState, ticketId: string): PresenceViewer[] {
    // One entry per person: the same person on two consoles shows once, typing if either is.
    const byUser = new Map<string, PresenceViewer>();
    for (const e of state.entries.values()) {
      if (e.ticketId !== ticketId) continue;
      const seen = byUser.get(e.userId);
      byUser.set(e.userId, {
        userId: e.userId,
        name: e.name,
        typing: e.typing || (seen?.typing ?? false),
        at: Math.max(e.at, seen?.at ?? 0),
      });
    }
    return [...byUser.values()];
  }

  function broadcast(state: TenantState, ticketId: string, teamId: string): void {
    const frame = JSON.stringify({ type: 'presence', ticketId, viewers: viewersOf(state, ticketId) } satisfies ServerFrame);
    for (const w of state.watchers) if (w.canSee(teamId)) w.send(frame);
  }

  /** Applies one announcement (from this instance or another) and tells the sockets it concerns. */
  function apply(state: TenantState, a: Announcement): void {
    const id = `${a.instance}:${a.key}`;
    const before = state.entries.get(id);
    if (a.ticketId === null || a.teamId === null) state.entries.delete(id);
    else state.entries.set(id, { userId: a.userId, name: a.name, ticketId: a.ticketId, teamId: a.teamId, typing: a.typing, at: a.at });
    const after = state.entries.get(id);
    // A refresh that changes nothing visible only extends the entry's life.
    if (before && after && before.ticketId === after.ticketId && before.typing === after.typing) return;
    if (before) broadcast(state, before.ticketId, before.teamId);
    if (after && after.ticketId !== before?.ticketId) broadcast(state, after.ticketId, after.teamId);
  }

  function sweep(): void {
    const cutoff = now() - ttlMs;
    for (const state of tenants.values()) {
      const gone: Entry[] = [];
      for (const [id, e] of state.entries)
        if (e.at < cutoff) {
          state.entries.delete(id);
          gone.push(e);
        }
      const tickets = new Map(gone.map((e) => [e.ticketId, e.teamId]));
      for (const [ticketId, teamId] of tickets) broadcast(state, ticketId, teamId);
    }
  }

  async function tenantState(tenantId: string): Promise<TenantState> {
    let state = tenants.get(tenantId);
    if (!state) {
      const created: TenantState = { entries: new Map(), watchers: new Set(), unlisten: Promise.resolve(async () => {}) };
      created.unlisten = db.listen(presenceChannel(tenantId), (payload) => {
        const parsed = Announcement.safeParse(safeJson(payload));
        // Our own announcements were applied when made; a NOTIFY we cannot read is not ours to trust.
        if (parsed.success && parsed.data.instance !== instance) apply(created, parsed.data);
      });
      state = created;
      tenants.set(tenantId, state);
    }
    await state.unlisten;
    return state;
  }

  return {
    async join(socket) {
      const state = await tenantState(socket.tenantId);
      state.watchers.add(socket.watcher);
      const key = randomUUID();
      let current: { ticketId: string; teamId: string } | null = null;

      async function publish(ticketId: string | null, teamId: string | null, typing: boolean): Promise<void> {
        const a: Announcement = {
          instance,
          key,
          userId: socket.userId,
          name: socket.name.slice(0, 200),
          ticketId,
          teamId,
          typing,
          at: now(),
        };
        apply(state, a);
        await db.query('SELECT pg_notify($1, $2)', [presenceChannel(socket.tenantId), JSON.stringify(a)]);
      }

      return {
        async announce(ticketId, typing) {
          // A ticket this person may not see (or the server does not know yet) is not relayed.
          const teamId = ticketId === null ? null : await socket.teamOf(ticketId);
          const next = ticketId !== null && teamId !== null ? { ticketId, teamId } : null;
          if (!next && !current) return;
          current = next;
          await publish(next?.ticketId ?? null, next?.teamId ?? null, typing);
        },
        async leave() {
          state.watchers.delete(socket.watcher);
          if (current) {
            current = null;
            await publish(null, null, false).catch(onError);
          }
          if (state.watchers.size === 0 && tenants.get(socket.tenantId) === state) {
            // Entries of other instances are forgotten with the tenant: this instance has nobody to tell.
            tenants.delete(socket.tenantId);
            await (await state.unlisten)().catch(onError);
          }
        },
      };
    },

    async close() {
      clearInterval(sweeper);
      for (const [tenantId, state] of tenants) {
        tenants.delete(tenantId);
        await (await state.unlisten)().catch(onError);
      }
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
