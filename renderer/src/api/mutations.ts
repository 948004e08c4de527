/**
 * Every change a person makes goes through `mutations.run` as a mutator name and its arguments.
 * The contract checks the arguments at run time; this helper makes the compiler check them too,
 * against the mutator's own schema in shared/sync/mutators.ts.
 */
import type { Api } from '../../../shared/contract/api.ts';
import type { MutatorArgs, MutatorName } from '../../../shared/sync/mutators.ts';

export function runMutation<N extends MutatorName>(
  api: Api,
  name: N,
  args: MutatorArgs<N>,
  options: { onConflict?: 'queue' | 'discard'; undoable?: boolean } = {},
) {
  return api.mutations.run({ name, args, ...options } as Parameters<Api['mutations']['run']>[0]);
}
