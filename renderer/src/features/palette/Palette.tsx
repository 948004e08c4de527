import { useEffect } from 'react';
import { whenIdle } from '../../ui/idle.ts';
import { lazyPart } from '../../ui/lazy-part.tsx';
import { usePalette } from './palette-store.ts';

const PaletteDialog = lazyPart(() => import('./PaletteDialog.tsx').then((m) => m.PaletteDialog));

/**
 * The search palette while it is open. Its code loads once the console is idle after the start
 * (lazy-part.tsx), so what is typed right after Ctrl+K lands in it.
 */
export function Palette() {
  const open = usePalette((s) => s.open);
  useEffect(() => whenIdle(() => PaletteDialog.warm()), []);
  return open ? <PaletteDialog /> : null;
}
