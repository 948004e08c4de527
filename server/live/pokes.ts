/**
 * Pokes across server instances: after a write commits, the instance that wrote it sends a
 * NOTIFY on the tenant's channel (coalesced: one per tenant per event-loop turn, never inside the
 * write transaction, where a pending NOTIFY would serialize every commit of the database). Each
 * instance LISTENs on one connection for the tenants its sockets belong to and pokes them.
 *
 * A poke carries the changes: on a NOTIFY the instance reads the tenant's new change-log entries
 * once, in one snapshot with the current scopes of every person it has sockets for, and sends
 * each socket the entries of its scopes with the cursor before (`base`) and after them. A console
 * already at `base` applies them without pulling, so N consoles cost one read instead of N pulls.
 * NOTIFYs that arrive while a read runs are answered by one more read. Pokes stay hints: a
 * console at any other cursor, or one that missed a frame, pulls as before.
 */
import type { RowChange, ServerFrame, SyncEntity } from '../../shared/sync/protocol.ts';
import type { Role } from '../../shared/domain/enums.ts';
import { int, type Db, type Queryable } from '../store/db.ts';
import { encodeCursor } from '../sync/cursor.ts';
import { seesScope } from '../../shared/sync/scopes.ts';
import { type ScopeKind } from '../../shared/sync/scope-rules.ts';
import { clientScopes, loadViewers, type ClientScopes } from '../sync/scopes.ts';

/** Above this many new entries a poke is bare: the consoles pull in pages instead. */
export const MAX_POKE_CHANGES = 500;
/** A poke frame carrying more than this (bytes of JSON) is sent bare instead. */
const MAX_POKE_BYTES = 256 * 1024;

export interface PokeSubscriber {
  userId: string;
  /**
   * The frame, already serialized and encoded: sockets of the same scopes share one buffer, so a
   * poke to 500 sockets is encoded once, not once per socket. Sent as a text frame.
   */
  send(frame: Buffer): void;
}

export interface Pokes {
  /** Call after a tenant's write transaction committed. */
  changed(tenantId: string): void;
  /** Pokes `subscriber` whenever the tenant changes (on any instance); resolves to an unsubscribe. */
  subscribe(tenantId: string, subscriber: PokeSubscriber): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export function tenantChannel(tenantId: string): string {
  return `sb_${tenantId.replace(/-/g, '')}`;
}

export const BARE_POKE = JSON.stringify({ type: 'poke' } satisfies ServerFrame);
const BARE_POKE_BYTES: Buffer = Buffer.from(BARE_POKE);

/**
 * A poke from outside a server instance (the admin CLI, the demo seeder), after its commit: on
 * PostgreSQL every instance hears it; on the embedded database only this process exists.
 */
export async function pokeTenant(db: Db, tenantId: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [tenantChannel(tenantId), '']);
}

interface ChangeRow {
  version: unknown;
  entity: SyncEntity;
  id: string;
  op: 'put' | 'del';
  scope: string;
  scope_kind: ScopeKind;
  row_version: unknown;
  deleted: boolean | null;
  data: Record<string, unknown> | null;
}

interface Tenant {
  id: string;
  subscribers: Set<PokeSubscriber>;
  unlisten: Promise<() => Promise<void>>;
  /** The version up to which this instance has poked its sockets; null until first read. */
  at: number | null;
  reading: Promise<void> | null;
  again: boolean;
  /** The next read pokes every socket, whatever it finds: NOTIFYs may have been missed. */
  catchUp: boolean;
}

export function createPokes(db: Db, secret: Buffer, onError: (err: unknown) => void): Pokes {
  const pending = new Set<string>();
  let flushing: Promise<void> | null = null;
  const tenants = new Map<string, Tenant>();

  async function flush(): Promise<void> {
    const batch = [...pending];
    pending.clear();
    for (const tenantId of batch) {
      try {
        await pokeTenant(db, tenantId);
      } catch (err) {
        onError(err);
      }
    }
  }

  function schedule(): void {
    if (flushing || !pending.size) return;
    flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(flush).finally(() => {
      flushing = null;
      schedule();
    });
  }

  /** One read per burst of NOTIFYs: a NOTIFY during a read makes exactly one more. */
  function notified(tenant: Tenant): void {
    if (tenant.reading) {
      tenant.again = true;
      return;
    }
    tenant.reading = (async () => {
      do {
        tenant.again = false;
        try {
          await fanOut(tenant);
        } catch (err) {
          // The consoles still learn that something changed; they pull it themselves.
          tenant.at = null;
          for (const s of tenant.subscribers) s.send(BARE_POKE_BYTES);
          onError(err);
        }
      } while (tenant.again && tenant.subscribers.size);
    })().finally(() => {
      tenant.reading = null;
    });
  }

  async function fanOut(tenant: Tenant): Promise<void> {
    const subscribers = [...tenant.subscribers];
    if (!subscribers.length) return;
    const tenantId = tenant.id;
    const from = tenant.catchUp ? null : tenant.at;
    tenant.catchUp = false;
    const read = await db.transaction(async (q) => {
      const head = await headOf(q, tenantId);
      if (from === null || head <= from) return { head, changes: null, scopes: null };
      const { rows: count } = await q.query<{ n: unknown }>(
        'SELECT count(*) AS n FROM changes WHERE tenant_id = $1 AND version > $2 AND version <= $3',
        [tenantId, from, head],
      );
      if (int(count[0]?.n ?? 0) > MAX_POKE_CHANGES) return { head, changes: null, scopes: null };
      const { rows } = await q.query<ChangeRow>(
        `SELECT c.version, c.entity, c.id, c.op, c.scope, c.scope_kind, r.version AS row_version, r.deleted, r.data
           FROM changes c LEFT JOIN records r ON r.tenant_id = c.tenant_id AND r.entity = c.entity AND r.id = c.id
          WHERE c.tenant_id = $1 AND c.version > $2 AND c.version <= $3 ORDER BY c.version, c.seq`,
        [tenantId, from, head],
      );
      return { head, changes: rows, scopes: await scopesOf(q, tenantId, [...new Set(subscribers.map((s) => s.userId))]) };
    }, 'repeatable read');
    tenant.at = read.head;
    if (from !== null && read.head <= from) return;
    const frames = new Map<string, Buffer>();
    for (const s of subscribers) {
      const scopes = read.scopes?.get(s.userId);
      let frame = BARE_POKE_BYTES;
      if (read.changes && scopes && from !== null) {
        frame = frames.get(scopes.tag) ?? pokeFrame(secret, scopes, from, read.head, read.changes);
        frames.set(scopes.tag, frame);
      }
      s.send(frame);
    }
  }

  return {
    changed(tenantId) {
      pending.add(tenantId);
      schedule();
    },

    async subscribe(tenantId, subscriber) {
      let entry = tenants.get(tenantId);
      if (!entry) {
        const created: Tenant = {
          id: tenantId,
          subscribers: new Set(),
          unlisten: Promise.resolve(async () => {}),
          at: null,
          reading: null,
          again: false,
          catchUp: false,
        };
        created.unlisten = db.listen(
          tenantChannel(tenantId),
          () => notified(created),
          // The LISTEN connection was lost and is back: commits meanwhile went unheard, so every
          // socket gets a catch-up poke (a bare one: where each console is, is not known here).
          () => {
            created.catchUp = true;
            notified(created);
          },
        );
        entry = created;
        tenants.set(tenantId, entry);
      }
      entry.subscribers.add(subscriber);
      const current = entry;
      try {
        await current.unlisten;
        // Where carried changes start: the head as of now (the socket's first, bare poke makes
        // its console pull to about here). Read after LISTEN, so no commit falls in between.
        if (current.at === null) {
          const head = await headOf(db, tenantId);
          // A read that ran meanwhile got at least this far; never move the start back.
          if (current.at === null) current.at = head;
        }
      } catch (err) {
        current.subscribers.delete(subscriber);
        if (tenants.get(tenantId) === current && current.subscribers.size === 0) tenants.delete(tenantId);
        throw err;
      }
      return async () => {
        current.subscribers.delete(subscriber);
        if (current.subscribers.size === 0 && tenants.get(tenantId) === current) {
          tenants.delete(tenantId);
          await (
            await current.unlisten
          )();
        }
      };
    },

    async close() {
      await flushing;
      for (const [tenantId, entry] of tenants) {
        tenants.delete(tenantId);
        await entry.reading;
        await (await entry.unlisten)().catch(onError);
      }
    },
  };
}

async function headOf(q: Queryable, tenantId: string): Promise<number> {
  const { rows } = await q.query<{ version: unknown }>('SELECT version FROM tenant_clock WHERE tenant_id = $1', [tenantId]);
  return int(rows[0]?.version ?? 0);
}

/** The current scopes of several people at once (inactive people get none: their sockets get bare pokes). */
async function scopesOf(q: Queryable, tenantId: string, userIds: string[]): Promise<Map<string, ClientScopes>> {
  const { rows } = await q.query<{ id: string; tenant_id: string; role: Role; active: boolean; team_ids: string[] | null }>(
    `SELECT u.id, u.tenant_id, u.role, u.active,
            (SELECT array_agg(m.team_id::text ORDER BY m.team_id) FROM memberships m WHERE m.user_id = u.id) AS team_ids
       FROM users u WHERE u.id = ANY($1::uuid[])`,
    [userIds],
  );
  const active = rows.filter((r) => r.active).map((r) => ({ id: r.id, tenantId: r.tenant_id, role: r.role, teamIds: r.team_ids ?? [] }));
  const viewers = await loadViewers(q, tenantId, active);
  return new Map([...viewers].map(([id, viewer]) => [id, clientScopes(viewer)]));
}

/**
 * The poke for one scope set: the entries of (from, head] in those scopes, exactly what a pull from
 * the cursor at `from` would return (the same filter as pull's, and the cursors pull would issue).
 */
function pokeFrame(secret: Buffer, scopes: ClientScopes, from: number, head: number, rows: ChangeRow[]): Buffer {
  const changes: RowChange[] = [];
  const sent = new Set<string>();
  for (const r of rows) {
    if (!seesScope(scopes.viewer, { id: r.scope, kind: r.scope_kind })) continue;
    const version = int(r.version);
    // A record in two of the person's scopes has an entry under each: sent once, as pull does.
    const once = `${r.op}:${r.entity}:${r.id}:${version}`;
    if (sent.has(once)) continue;
    sent.add(once);
    if (r.op === 'del') changes.push({ op: 'del', entity: r.entity, id: r.id, version });
    else if (r.data && !r.deleted && int(r.row_version) === version)
      changes.push({ op: 'put', entity: r.entity, id: r.id, version, row: r.data });
  }
  const frame = JSON.stringify({
    type: 'poke',
    base: encodeCursor(secret, { v: from, s: scopes.tag }),
    cursor: encodeCursor(secret, { v: head, s: scopes.tag }),
    changes,
  } satisfies ServerFrame);
  const bytes = Buffer.from(frame);
  return bytes.length > MAX_POKE_BYTES ? BARE_POKE_BYTES : bytes;
}
