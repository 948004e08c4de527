/**
 * Messages this person sent in this session. Each shows in its thread the moment Send is pressed
 * (before Core's cache has been re-read), and remembers the outbox id Core gave it, which is how a
 * later sync issue is matched to the message it failed. One store per signed-in session, so
 * nothing one person sent is shown to the next.
 */
import { createContext, use, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { ThreadMessage } from '../../../../shared/contract/channels.ts';

export type OutgoingMessage = z.infer<typeof ThreadMessage>;

interface Outgoing {
  message: OutgoingMessage;
  /** Null until `mutations.run` answers. */
  mutationId: number | null;
}

interface OutgoingState {
  sent: Readonly<Record<string, Outgoing>>;
  add(message: OutgoingMessage): void;
  acknowledge(messageId: string, mutationId: number): void;
  /** Core refused it outright (e.g. the ticket closed meanwhile): it never entered the outbox. */
  remove(messageId: string): void;
}

const createOutgoingStore = () =>
  createStore<OutgoingState>()((set) => ({
    sent: {},
    add: (message) => set((s) => ({ sent: { ...s.sent, [message.id]: { message, mutationId: null } } })),
    acknowledge: (messageId, mutationId) =>
      set((s) => {
        const entry = s.sent[messageId];
        return entry ? { sent: { ...s.sent, [messageId]: { ...entry, mutationId } } } : s;
      }),
    remove: (messageId) =>
      set((s) => {
        const { [messageId]: _removed, ...rest } = s.sent;
        return { sent: rest };
      }),
  }));

const OutgoingContext = createContext<StoreApi<OutgoingState> | null>(null);

export function OutgoingProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createOutgoingStore);
  return <OutgoingContext value={store}>{children}</OutgoingContext>;
}

function useOutgoingStore(): StoreApi<OutgoingState> {
  const store = use(OutgoingContext);
  if (!store) throw new Error('outgoing messages outside <OutgoingProvider>');
  return store;
}

export function useOutgoing<T>(select: (state: OutgoingState) => T): T {
  return useStore(useOutgoingStore(), select);
}

/** The store's actions, for event handlers (they never change, so reading them re-renders nothing). */
export function useOutgoingActions(): Pick<OutgoingState, 'add' | 'acknowledge' | 'remove'> {
  return useOutgoingStore().getState();
}
