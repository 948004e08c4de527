/**
 * A part of the console whose code loads the first time it is shown: the rooms of supervisors and
 * account managers (metrics with its chart library, the board, the roster, accounts, ...), the
 * ticket page, and the parts a person opens now and then with a click (saved view editor, bulk
 * bar, sync issues, sign-in). Not the dialogs opened by a key and typed into at once (palette,
 * new ticket): keys typed while their code arrived went to the page behind (C opened the new
 * ticket over the palette). Evaluated up front they stood between every start and the first inbox rows (the start
 * trace in docs/benchmarks.md). Loaded from the console's own files, a part's chunk arrives in a
 * few milliseconds; meanwhile it shows nothing rather than a flashing placeholder.
 *
 * `warm()` loads the code without showing the part, for what the person is likely to open next
 * (the inbox warms the ticket page once its rows are up), so that first open does not wait for it.
 */
import { lazy, Suspense, useState, type ComponentProps, type ComponentType } from 'react';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any part's props, checked at the call site
export function lazyPart<C extends ComponentType<any>>(load: () => Promise<C>): C & { warm(): void } {
  let loaded: C | null = null;
  let loading: Promise<C> | null = null;
  const once = (): Promise<C> =>
    (loading ??= load().then(
      (part) => (loaded = part),
      (err: unknown) => {
        // A chunk that failed to arrive (the app updated under the page) is asked again next time.
        loading = null;
        throw err;
      },
    ));
  const Suspending = lazy(async () => ({ default: await once() }));
  function Part(props: ComponentProps<C>) {
    // Once loaded (warmed, or shown before), the part renders at once: keys typed right after
    // opening a dialog reach it. Each showing keeps the way it started, or the part would be
    // mounted afresh (its state and focus lost) when its code arrived.
    const [Loaded] = useState(() => loaded);
    if (Loaded) return <Loaded {...props} />;
    return (
      <Suspense fallback={null}>
        <Suspending {...props} />
      </Suspense>
    );
  }
  return Object.assign(Part as unknown as C, { warm: () => void once().catch(() => {}) });
}
