/**
 * What the renderer has read from Core, per Api: answers kept until Core says the records behind
 * them changed, and loads under way shared by everyone asking for the same key at the same time.
 *
 * Core answers one call at a time, so every needless call queues in front of the one the person is
 * waiting for: switching queues used to re-read the directory, the saved views and the counts
 * before the new queue's rows. An answer stays good until a `data.changed` event names one of the
 * entities it was read from; a load that was under way when such an event arrived is neither
 * joined nor kept, so nobody is handed an answer older than a change they were told about.
 */
import type { Api } from '../../../shared/contract/api.ts';
import type { Entity } from '../../../shared/contract/events.ts';

/** Enough for every panel of a few screens; the oldest answers go first. */
const MAX_KEPT = 200;

interface Kept {
  data: unknown;
  entities: readonly Entity[];
}

export interface QueryCache {
  /** A kept answer for `key`, if no change since made it stale. */
  get(key: string): { data: unknown } | undefined;
  /** Loads `key` (or joins its load under way) and keeps the answer. */
  load<T>(key: string, entities: readonly Entity[], load: (api: Api) => Promise<T>): Promise<T>;
}

const caches = new WeakMap<Api, QueryCache>();

export function queryCacheOf(api: Api): QueryCache {
  let cache = caches.get(api);
  if (!cache) {
    cache = createQueryCache(api);
    caches.set(api, cache);
  }
  return cache;
}

function createQueryCache(api: Api): QueryCache {
  /** Bumped on every data.changed event: a load begun under an older epoch is not joined or kept. */
  let epoch = 0;
  const kept = new Map<string, Kept>();
  const loading = new Map<string, { epoch: number; promise: Promise<unknown> }>();

  api.on('data.changed', ({ entity }) => {
    epoch += 1;
    for (const [key, entry] of kept) if (entry.entities.includes(entity)) kept.delete(key);
  });

  return {
    get(key) {
      const entry = kept.get(key);
      return entry && { data: entry.data };
    },
    load<T>(key: string, entities: readonly Entity[], load: (api: Api) => Promise<T>): Promise<T> {
      const running = loading.get(key);
      if (running && running.epoch === epoch) return running.promise as Promise<T>;
      const started = epoch;
      const promise = load(api);
      const entry = { epoch: started, promise: promise as Promise<unknown> };
      loading.set(key, entry);
      const settle = () => {
        if (loading.get(key) === entry) loading.delete(key);
      };
      promise.then((data) => {
        settle();
        // Only answers no later change has overtaken are worth keeping, and only those that say
        // what would make them stale.
        if (started !== epoch || entities.length === 0) return;
        kept.delete(key);
        kept.set(key, { data, entities });
        if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string);
      }, settle);
      return promise;
    },
  };
}
