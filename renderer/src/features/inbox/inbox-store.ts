/** The selected ticket and chosen sort of each queue, kept while the person opens a ticket and comes back. */
import { create } from 'zustand';
import type { TicketSort } from '../../../../shared/domain/records.ts';
import type { BuiltinView } from '../../../../shared/domain/views.ts';

/**
 * The selection is a row index plus, when that row is loaded, its id: the id keeps the same
 * ticket selected when rows above it come and go; the index serves while its page is evicted.
 */
export interface Selection {
  index: number;
  id: string | null;
}

interface InboxUiState {
  selected: Partial<Record<BuiltinView, Selection>>;
  /** A sort the person picked for a queue; absent: the queue's own default. */
  sort: Partial<Record<BuiltinView, TicketSort>>;
  select(view: BuiltinView, selection: Selection): void;
  setSort(view: BuiltinView, sort: TicketSort | undefined): void;
}

export const useInboxUi = create<InboxUiState>()((set) => ({
  selected: {},
  sort: {},
  select: (view, selection) => set((s) => ({ selected: { ...s.selected, [view]: selection } })),
  setSort: (view, sort) => set((s) => ({ sort: { ...s.sort, [view]: sort } })),
}));
