/**
 * Loading one piece of data through the Api, with the three states every view must show
 * (loading, error, ready) and a refresh whenever Core says the records behind it changed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../shared/contract/api.ts';
import { AppError } from '../../../shared/contract/errors.ts';
import type { Entity } from '../../../shared/contract/events.ts';
import { useApi } from './context.tsx';

export type QueryState<T> =
  | { status: 'loading'; data: T | undefined; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | undefined; error: AppError };

/** Anything thrown, as an AppError the UI can translate by its code. */
export function asAppError(err: unknown): AppError {
  return err instanceof AppError ? err : new AppError('INTERNAL', String(err));
}

/**
 * Loads under way, per Api and key, shared by every component asking for the same key at the same
 * time (the sidebar and the inbox both show the queue counts; a dozen panels read the directory):
 * Core answers one call at a time, so duplicates would queue in front of the call the person is
 * waiting for. A load is shared only by components that ask before any data.changed event arrives
 * after it started, so nobody is handed an answer older than a change they were told about.
 */
interface InFlight {
  /** Bumped on every data.changed event: a load started under an older epoch is not joined. */
  epoch: number;
  loads: Map<string, { epoch: number; promise: Promise<unknown> }>;
}
const inFlight = new WeakMap<Api, InFlight>();

function sharedLoad<T>(api: Api, key: string, load: (api: Api) => Promise<T>): Promise<T> {
  let state = inFlight.get(api);
  if (!state) {
    const created: InFlight = { epoch: 0, loads: new Map() };
    api.on('data.changed', () => {
      created.epoch += 1;
    });
    inFlight.set(api, created);
    state = created;
  }
  const running = state.loads.get(key);
  if (running && running.epoch === state.epoch) return running.promise as Promise<T>;
  const entry = { epoch: state.epoch, promise: load(api) as Promise<unknown> };
  const loads = state.loads;
  loads.set(key, entry);
  const forget = () => {
    if (loads.get(key) === entry) loads.delete(key);
  };
  entry.promise.then(forget, forget);
  return entry.promise as Promise<T>;
}

/**
 * Runs `load` when `key` changes and when a `data.changed` event names one of `refreshOn`. A
 * refresh keeps showing the previous data until the new data arrives, so lists do not flash.
 */
export function useQuery<T>(
  key: string,
  load: (api: Api) => Promise<T>,
  refreshOn: readonly Entity[] = [],
): QueryState<T> & { reload: () => void } {
  const api = useApi();
  const [state, setState] = useState<QueryState<T> & { key: string }>({ status: 'loading', data: undefined, error: null, key });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    let current = true;
    sharedLoad(api, key, loadRef.current).then(
      (data) => current && setState({ status: 'ready', data, error: null, key }),
      (err: unknown) =>
        current && setState((s) => ({ status: 'error', data: s.key === key ? s.data : undefined, error: asAppError(err), key })),
    );
    return () => {
      current = false;
    };
  }, [api, key, generation]);

  const refreshKey = refreshOn.join(',');
  useEffect(() => {
    if (!refreshKey) return;
    const entities = refreshKey.split(',');
    return api.on('data.changed', ({ entity }) => {
      if (entities.includes(entity)) setGeneration((g) => g + 1);
    });
  }, [api, refreshKey]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // A new key is loading even before its effect has run: never show the previous key's data as its own.
  if (state.key !== key) return { status: 'loading', data: undefined, error: null, reload };
  return { ...state, reload } as QueryState<T> & { reload: () => void };
}
