/**
 * A page whose code loads the first time it is shown. The supervisor's and account manager's rooms
 * (metrics with its chart library, the board, the roster, accounts, ...) are a third of the
 * renderer's script: evaluated up front they stood between every start and the first inbox rows
 * (the start trace in docs/benchmarks.md). Loaded from the console's own files, a page's chunk
 * arrives in a few milliseconds; the shell's <Suspense> shows nothing meanwhile rather than a
 * flashing placeholder.
 */
import { lazy, type ComponentType } from 'react';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any page's props, checked at the call site
export function lazyPage<C extends ComponentType<any>>(load: () => Promise<C>): C {
  return lazy(async () => ({ default: await load() })) as unknown as C;
}
