/**
 * Pokes across server instances: after a write commits, the instance that wrote it sends a
 * NOTIFY on the tenant's channel (coalesced: one per tenant per event-loop turn, never inside the
 * write transaction, where a pending NOTIFY would serialize every commit of the database). Each
 * instance LISTENs on one connection for the tenants its sockets belong to and pokes them.
 * Pokes are hints: a lost one costs latency, never data.
 */
import type { Db } from '../store/db.ts';

export interface Pokes {
  /** Call after a tenant's write transaction committed. */
  changed(tenantId: string): void;
  /** Calls `onPoke` whenever the tenant changes (on any instance); resolves to an unsubscribe. */
  subscribe(tenantId: string, onPoke: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export function tenantChannel(tenantId: string): string {
  return `sb_${tenantId.replace(/-/g, '')}`;
}

/**
 * A poke from outside a server instance (the admin CLI, the demo seeder), after its commit: on
 * PostgreSQL every instance hears it; on the embedded database only this process exists.
 */
export async function pokeTenant(db: Db, tenantId: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [tenantChannel(tenantId), '']);
}

export function createPokes(db: Db, onError: (err: unknown) => void): Pokes {
  const pending = new Set<string>();
  let flushing: Promise<void> | null = null;
  const tenants = new Map<string, { handlers: Set<() => void>; unlisten: Promise<() => Promise<void>> }>();

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

  return {
    changed(tenantId) {
      pending.add(tenantId);
      schedule();
    },

    async subscribe(tenantId, onPoke) {
      let entry = tenants.get(tenantId);
      if (!entry) {
        const handlers = new Set<() => void>();
        const unlisten = db.listen(tenantChannel(tenantId), () => {
          for (const h of handlers) h();
        });
        entry = { handlers, unlisten };
        tenants.set(tenantId, entry);
      }
      entry.handlers.add(onPoke);
      const current = entry;
      try {
        await current.unlisten;
      } catch (err) {
        current.handlers.delete(onPoke);
        if (tenants.get(tenantId) === current && current.handlers.size === 0) tenants.delete(tenantId);
        throw err;
      }
      return async () => {
        current.handlers.delete(onPoke);
        if (current.handlers.size === 0 && tenants.get(tenantId) === current) {
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
        await (await entry.unlisten)().catch(onError);
      }
    },
  };
}
