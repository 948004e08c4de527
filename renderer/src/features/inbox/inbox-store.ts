/**
 * Per queue (a built-in view name, or `view:<id>` for a saved view): the selected ticket, the
 * chosen sort and the tickets ticked for a bulk action, kept while the person opens a ticket and
 * comes back.
 */
import { create } from 'zustand';
import type { TicketListRow } from '../../../../shared/contract/channels.ts';
import type { TicketSort } from '../../../../shared/domain/records.ts';

/**
 * The selection is a row index plus, when that row is loaded, its id: the id keeps the same
 * ticket selected when rows above it come and go; the index serves while its page is evicted.
 */
export interface Selection {
  index: number;
  id: string | null;
}

/**
 * Ticked tickets with each row as it was when ticked: the bulk action needs its status, team and
 * assignee (a guarded field's base) even after its page has scrolled out of memory.
 */
export type Checked = ReadonlyMap<string, TicketListRow>;
const NONE: Checked = new Map();

interface InboxUiState {
  selected: Partial<Record<string, Selection>>;
  /** A sort the person picked for a queue; absent: the queue's own default. */
  sort: Partial<Record<string, TicketSort>>;
  checked: Partial<Record<string, Checked>>;
  /** The row index a shift-click range starts from: the last row ticked or unticked. */
  anchor: Partial<Record<string, number>>;
  select(queue: string, selection: Selection): void;
  setSort(queue: string, sort: TicketSort | undefined): void;
  setChecked(queue: string, checked: Checked, anchor?: number): void;
}

export const useInboxUi = create<InboxUiState>()((set) => ({
  selected: {},
  sort: {},
  checked: {},
  anchor: {},
  select: (queue, selection) => set((s) => ({ selected: { ...s.selected, [queue]: selection } })),
  setSort: (queue, sort) => set((s) => ({ sort: { ...s.sort, [queue]: sort } })),
  setChecked: (queue, checked, anchor) =>
    set((s) => ({
      checked: { ...s.checked, [queue]: checked },
      anchor: anchor === undefined ? s.anchor : { ...s.anchor, [queue]: anchor },
    })),
}));

export const useChecked = (queue: string): Checked => useInboxUi((s) => s.checked[queue] ?? NONE);
