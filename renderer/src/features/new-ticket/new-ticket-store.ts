/** Whether the new-ticket dialog is open: the top bar's button and the C shortcut both open it. */
import { create } from 'zustand';

export const useNewTicket = create<{ open: boolean; show(): void; hide(): void }>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));
