/** The inbox's occasional parts, loaded the first time they are shown (lazy-part.tsx). */
import { lazyPart } from '../../ui/lazy-part.tsx';

export const SavedViewEditor = lazyPart(() => import('./SavedViewEditor.tsx').then((m) => m.SavedViewEditor));
export const BulkBar = lazyPart(() => import('./BulkBar.tsx').then((m) => m.BulkBar));
