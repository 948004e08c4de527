/**
 * Loading one piece of data through the Api, with the three states every view must show
 * (loading, error, ready) and a refresh whenever Core says the records behind it changed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../shared/contract/api.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import type { Entity } from '../../../shared/contract/events.ts';
import { useApi } from './context.tsx';
import { queryCacheOf, type QueryCache } from './query-cache.ts';

export type QueryState<T> =
  | { status: 'loading'; data: T | undefined; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | undefined; error: AppError };

/** Anything thrown, as an AppError the UI can translate by its code. */
export function asAppError(err: unknown): AppError {
  return err instanceof AppError ? err : new AppError('INTERNAL', String(err));
}

/**
 * Runs `load` when `key` changes and when a `data.changed` event names one of `refreshOn`. A
 * refresh keeps showing the previous data until the new data arrives, so lists do not flash. An
 * answer read earlier and not made stale by a change since is shown at once, without asking Core
 * again (query-cache.ts).
 */
export function useQuery<T>(
  key: string,
  load: (api: Api) => Promise<T>,
  refreshOn: readonly Entity[] = [],
): QueryState<T> & { reload: () => void } {
  const api = useApi();
  const cache = queryCacheOf(api);
  const [state, setState] = useState<QueryState<T> & { key: string }>(() => fromCache<T>(cache, key) ?? loading(key));
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  const refreshKey = refreshOn.join(',');
  /** Set by reload(): read from Core even when a kept answer exists. */
  const forced = useRef(false);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const kept = forced.current ? undefined : fromCache<T>(cache, key);
    forced.current = false;
    if (kept) {
      setState((s) => (s.status === 'ready' && s.key === key && s.data === kept.data ? s : kept));
      return;
    }
    let current = true;
    const entities = refreshKey ? (refreshKey.split(',') as Entity[]) : [];
    cache.load(key, entities, loadRef.current).then(
      (data) => current && setState({ status: 'ready', data, error: null, key }),
      (err: unknown) =>
        current && setState((s) => ({ status: 'error', data: s.key === key ? s.data : undefined, error: asAppError(err), key })),
    );
    return () => {
      current = false;
    };
  }, [api, cache, key, generation, refreshKey]);

  useEffect(() => {
    if (!refreshKey) return;
    const entities = refreshKey.split(',');
    return api.on('data.changed', ({ entity }) => {
      if (entities.includes(entity)) setGeneration((g) => g + 1);
    });
  }, [api, refreshKey]);

  const reload = useCallback(() => {
    forced.current = true;
    setGeneration((g) => g + 1);
  }, []);
  if (state.key !== key) {
    // A new key: its kept answer if there is one, never the previous key's data as its own.
    return { ...(fromCache<T>(cache, key) ?? loading(key)), reload } as QueryState<T> & { reload: () => void };
  }
  return { ...state, reload } as QueryState<T> & { reload: () => void };
}

const loading = (key: string) => ({ status: 'loading' as const, data: undefined, error: null, key });

function fromCache<T>(cache: QueryCache, key: string): (QueryState<T> & { key: string }) | undefined {
  const kept = cache.get(key);
  return kept && { status: 'ready', data: kept.data as T, error: null, key };
}
