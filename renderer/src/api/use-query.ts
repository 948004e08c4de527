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
    loadRef.current(api).then(
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
