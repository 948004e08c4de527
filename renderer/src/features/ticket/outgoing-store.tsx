/**
 * The messages this person sent in this session, by id, with the outbox id Core answered with:
 * how a later sync issue is matched to the message it failed (delivery.ts). The messages themselves
 * are Core's: it writes each one into its cache as it queues it, and the thread re-reads on
 * data.changed. One store per signed-in session, so nothing one person sent is marked for the next.
 */
import { createContext, use, useState, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';

export interface SentMark {
  /** Null until `mutations.run` answers. */
  mutationId: number | null;
}

interface OutgoingState {
  sent: Readonly<Record<string, SentMark>>;
  add(messageId: string): void;
  acknowledge(messageId: string, mutationId: number): void;
  /** Not sent after all: Core refused it, or its held-back reply was edited or discarded. */
  remove(messageId: string): void;
}

const createOutgoingStore = () =>
  createStore<OutgoingState>()((set) => ({
    sent: {},
    add: (messageId) => set((s) => ({ sent: { ...s.sent, [messageId]: { mutationId: null } } })),
    acknowledge: (messageId, mutationId) => set((s) => (s.sent[messageId] ? { sent: { ...s.sent, [messageId]: { mutationId } } } : s)),
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
