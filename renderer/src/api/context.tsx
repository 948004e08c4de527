import { createContext, use, type ReactNode } from 'react';
import type { Api } from '../../../shared/contract/api.ts';

const ApiContext = createContext<Api | null>(null);

/** Gives components the Api; tests pass a fake one. */
export function ApiProvider({ api, children }: { api: Api; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

export function useApi(): Api {
  const api = use(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiProvider>');
  return api;
}
