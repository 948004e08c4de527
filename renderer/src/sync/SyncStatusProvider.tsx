/**
 * Where this console stands with the server (connection, pending changes, open issues), shared by
 * the top bar, the issues panel, the account menu and the ticket thread: one `sync.status` read,
 * then kept current by `sync.changed`.
 */
import { createContext, use, useEffect, useState, type ReactNode } from 'react';
import type { SyncStatus } from '../../../shared/contract/channels.ts';
import { useApi } from '../api/context.tsx';

const SyncStatusContext = createContext<SyncStatus | null>(null);

export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let live = true;
    let heard = false;
    const off = api.on('sync.changed', (next) => {
      heard = true;
      setStatus(next);
    });
    api.sync.status({}).then(
      (next) => live && !heard && setStatus(next),
      // Unknown for now: the indicator stays hidden until the next sync.changed.
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return <SyncStatusContext value={status}>{children}</SyncStatusContext>;
}

/** Null until Core has answered. */
export function useSyncStatus(): SyncStatus | null {
  return use(SyncStatusContext);
}
