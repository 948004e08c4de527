/**
 * The one undo mechanism for every change a person may take back: a public reply, and each
 * destructive or customer-visible keyboard action, macro or bulk action (one toast for the
 * batch). The change is held by Core for the person's undo window (`mutations.run` with
 * `undoable`, docs/architecture.md); while it is, the toast (UndoToast.tsx) offers to withdraw
 * it, by its button or by Z (Ctrl/Cmd+Z outside a text field). Only the newest change is
 * offered: each one is undone on its own, newest first.
 */
import { create } from 'zustand';
import type { Api } from '../../../shared/contract/api.ts';
import type { ErrorCode } from '../../../shared/contract/errors.ts';
import type { I18n } from '../i18n/use-i18n.ts';

/**
 * What happened, written when the toast is drawn rather than when the change was made: the person
 * may switch language while it shows (the offer used to keep the language it was raised in).
 */
export type UndoMessage = (i18n: I18n) => string;

export interface UndoOffer {
  /** Distinguishes offers, so an old timer never closes a newer toast. */
  id: number;
  /** What happened, as the person reads it ("Reply to Dana is being sent"). */
  message: UndoMessage;
  /** Withdraws the change in Core and puts the screen back as it was before it. */
  undo(): Promise<void>;
  /** How long the toast stays (the change's window). */
  ms: number;
}

/** What the toast says after an undo: done, or why not. */
export type UndoResult = { kind: 'done' } | { kind: 'too_late' } | { kind: 'failed'; code: ErrorCode };

interface UndoState {
  offer: UndoOffer | null;
  result: UndoResult | null;
  show(offer: Omit<UndoOffer, 'id'>): void;
  /** Closes the toast if it still shows offer `id`. */
  close(id: number): void;
  settle(result: UndoResult): void;
}

let nextId = 1;

export const useUndo = create<UndoState>()((set) => ({
  offer: null,
  result: null,
  show: (offer) => set({ offer: { ...offer, id: nextId++ }, result: null }),
  close: (id) => set((s) => (s.offer?.id === id ? { offer: null } : s)),
  settle: (result) => set({ offer: null, result }),
}));

/** A receipt of `mutations.run`: the outbox id and how long it is held (0: not held, nothing to offer). */
interface HeldReceipt {
  mutationId: number | null;
  undoMs: number;
}

/**
 * Offers to undo changes Core holds (one action may be several, as a macro's field changes are),
 * newest first. `restore` puts the screen back (the reply's text into the composer, the ticket
 * that was solved on screen) once Core has withdrawn them.
 */
export function offerUndo(
  api: Api,
  receipts: HeldReceipt | readonly HeldReceipt[],
  message: UndoMessage,
  restore: () => void = () => {},
): void {
  const held = [receipts].flat().filter((r): r is HeldReceipt & { mutationId: number } => r.mutationId !== null && r.undoMs > 0);
  if (held.length === 0) return;
  useUndo.getState().show({
    message,
    ms: Math.min(...held.map((r) => r.undoMs)),
    undo: async () => {
      for (const { mutationId } of [...held].reverse()) await api.mutations.undo({ mutationId });
      restore();
    },
  });
}
