/**
 * The search palette's state: whether it is open, what is typed, the kind and status filters, and
 * the person's recent searches (kept in localStorage, newest first, so they survive a restart).
 * A store rather than component state because the top bar's box, the global shortcuts and the
 * palette itself all drive it.
 */
import { create } from 'zustand';
import type { z } from 'zod';
import type { SearchKind as SearchKindSchema } from '../../../../shared/areas/search/channels.ts';
import type { TicketStatus } from '../../../../shared/domain/enums.ts';
import { isStorableText } from '../../../../shared/domain/text.ts';
import { isBareShortcut } from '../../ui/keyboard.ts';

export type SearchKind = z.infer<typeof SearchKindSchema>;

const RECENT_KEY = 'switchboard.recentSearches';
export const MAX_RECENT = 8;

const MAX_RECENT_LENGTH = 200;

/**
 * The kept list, or none when it is anything but what saveRecent writes (edited by hand, or left
 * by another version). Checked by hand: the store is on the first screen's path, where building a
 * schema library's validators cost more than this list is worth.
 */
function loadRecent(): string[] {
  try {
    const kept: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    const valid =
      Array.isArray(kept) &&
      kept.length <= MAX_RECENT &&
      kept.every((r) => typeof r === 'string' && r.length >= 1 && r.length <= MAX_RECENT_LENGTH && isStorableText(r));
    return valid ? (kept as string[]) : [];
  } catch {
    return [];
  }
}

function saveRecent(recent: readonly string[]): void {
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(recent));
  } catch {
    // Storage full or unavailable: recent searches last for this session only.
  }
}

interface PaletteState {
  open: boolean;
  text: string;
  /** Empty: every kind. */
  kinds: readonly SearchKind[];
  /** Empty: any status; otherwise only ticket and message hits whose ticket has one of these. */
  statuses: readonly TicketStatus[];
  recent: readonly string[];
  /** Opens the palette afresh (nothing typed, every kind), optionally with text already typed (the top bar's box hands it over). */
  show(text?: string): void;
  close(): void;
  setText(text: string): void;
  toggleKind(kind: SearchKind): void;
  /** Only this kind: "show all" of a group, which then gets a longer list. */
  only(kind: SearchKind): void;
  clearKinds(): void;
  toggleStatus(status: TicketStatus): void;
  /** A search that led somewhere: remembered first in the recent list. */
  remember(text: string): void;
}

export const usePalette = create<PaletteState>()((set) => ({
  open: false,
  text: '',
  kinds: [],
  statuses: [],
  recent: loadRecent(),
  // A new search each time: text or a kind left from the last one would be searched along unseen.
  show: (text) => set({ open: true, text: text ?? '', kinds: [] }),
  close: () => set({ open: false }),
  setText: (text) => set({ text }),
  toggleKind: (kind) => set((s) => ({ kinds: s.kinds.includes(kind) ? s.kinds.filter((k) => k !== kind) : [...s.kinds, kind] })),
  only: (kind) => set({ kinds: [kind] }),
  clearKinds: () => set({ kinds: [] }),
  toggleStatus: (status) =>
    set((s) => ({ statuses: s.statuses.includes(status) ? s.statuses.filter((x) => x !== status) : [...s.statuses, status] })),
  remember: (text) =>
    set((s) => {
      const trimmed = text.trim().slice(0, MAX_RECENT_LENGTH);
      if (!trimmed) return s;
      const recent = [trimmed, ...s.recent.filter((r) => r.toLowerCase() !== trimmed.toLowerCase())].slice(0, MAX_RECENT);
      saveRecent(recent);
      return { recent };
    }),
}));

/** Whether a key press is typed into a field (where `/` and `?` are text, not shortcuts). */
/**
 * The palette's global keys, for the shell to install once: Ctrl/Cmd+K opens it from anywhere,
 * even from a text field (the standard palette key); `/` opens it when the person is not typing.
 */
export function onPaletteKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.altKey) return;
  const mod = e.ctrlKey || e.metaKey;
  if (mod && (e.key === 'k' || e.key === 'K')) {
    e.preventDefault();
    usePalette.getState().show();
  } else if (e.key === '/' && isBareShortcut(e)) {
    e.preventDefault();
    usePalette.getState().show();
  }
}
