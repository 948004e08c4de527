/**
 * The named, versioned mutators: every change a person makes, written once and run twice —
 * optimistically by Core against the local cache, authoritatively by the server (SYNC.md). A
 * mutator reads and writes whole records through MutatorTx, enforces the business rules and
 * permissions, and either returns (applied), returns conflicts (a guarded field moved since the
 * person saw it), or throws an AppError (rejected: RULE_VIOLATION, FORBIDDEN, NOT_FOUND).
 *
 * Replaying a mutator on top of a state that already holds its effects changes nothing: ids of
 * new records come from the arguments or from ctx.newId(), which is deterministic per mutation.
 * That is what lets the client rebase pending mutations over every pulled page.
 *
 * This file is the registry: each area's mutators (shared/areas/<area>/mutators.ts, written with
 * define-mutator.ts) assembled into one map, and the functions that run or describe a mutation by
 * name. A new mutator goes in its area's file; nothing here changes.
 */
import type { z } from 'zod';
import { accountMutators } from '../areas/accounts/mutators.ts';
import { complaintMutators } from '../areas/complaints/mutators.ts';
import { healthMutators } from '../areas/health/mutators.ts';
import { macroMutators } from '../areas/macros/mutators.ts';
import { routingMutators } from '../areas/routing/mutators.ts';
import { slaMutators } from '../areas/sla/mutators.ts';
import { syncMutators } from '../areas/sync/mutators.ts';
import { taskMutators } from '../areas/tasks/mutators.ts';
import { ticketMutators } from '../areas/tickets/mutators.ts';
import { slaBreachMutators } from '../areas/tickets/sla-mutators.ts';
import { viewMutators } from '../areas/views/mutators.ts';
import { AppError, validationError } from '../contract/errors.ts';
import { deterministicId } from '../ids.ts';
import type { MutationSubject, Mutator, MutatorContextWithIds, MutatorOutcome } from './define-mutator.ts';
import type { ConflictDetail } from './protocol.ts';
import { ReachGuardTx } from './reach-guard.ts';
import type { MutatorTx } from './tx.ts';

export type { MutationSubject, MutatorContextWithIds, MutatorOutcome } from './define-mutator.ts';
export { STALE_REPLY_FIELD, type UnseenMessage } from '../areas/tickets/ticket-writes.ts';

/**
 * ctx.newId for one mutation: the client (optimistically) and the server (authoritatively) name
 * the records a mutation creates identically, from the client id, the mutation id and a counter.
 */
export function mutationIdFactory(clientId: string, mutationId: number): () => string {
  let counter = 0;
  return () => deterministicId(clientId, mutationId, counter++);
}

export const mutators = {
  ...ticketMutators,
  ...accountMutators,
  ...taskMutators,
  ...macroMutators,
  ...viewMutators,
  ...slaMutators,
  ...slaBreachMutators,
  ...syncMutators,
  ...healthMutators,
  ...routingMutators,
  ...complaintMutators,
} as const;

export type Mutators = typeof mutators;
export type MutatorName = keyof Mutators;
export type MutatorArgs<N extends MutatorName> = z.input<Mutators[N]['args']>;
export const MUTATOR_NAMES = Object.keys(mutators) as MutatorName[];

export function isMutatorName(name: unknown): name is MutatorName {
  return typeof name === 'string' && Object.hasOwn(mutators, name);
}

/** A mutator seen through its general shape, for the functions that work on any of them by name. */
function mutatorNamed(name: string): Mutator<z.ZodType> | null {
  return isMutatorName(name) ? (mutators[name] as unknown as Mutator<z.ZodType>) : null;
}

/**
 * Runs one mutation: validates its arguments (a malformed one is rejected with VALIDATION, like
 * any other bad input) and applies it, within the person's reach (reach-guard.ts: it touches only
 * records they may see and leaves every one it writes in sight). Both the client and the server
 * call exactly this; a rejected mutation's writes are discarded by the caller.
 */
export function runMutation(tx: MutatorTx, name: string, rawArgs: unknown, ctx: MutatorContextWithIds): MutatorOutcome {
  const mutator = mutatorNamed(name);
  if (!mutator) throw new AppError('VALIDATION', `no mutator named ${JSON.stringify(name.slice(0, 64))}`);
  const parsed = mutator.args.safeParse(rawArgs);
  if (!parsed.success) throw validationError(`arguments of ${name}`, parsed.error);
  const guarded = new ReachGuardTx(tx, ctx.actor);
  const outcome = mutator.apply(guarded, parsed.data, ctx);
  guarded.checkWritten();
  return outcome;
}

/** The record a mutation is about (its mutator's subject); null when no mutator takes these arguments. */
export function subjectOf(name: string, rawArgs: unknown): MutationSubject | null {
  const mutator = mutatorNamed(name);
  const parsed = mutator?.args.safeParse(rawArgs);
  if (!mutator || !parsed?.success) return null;
  return { entity: mutator.subject.entity, id: mutator.subject.id(parsed.data) };
}

/**
 * "Apply mine" for a conflicted mutation: the mutation to run instead, the same change based on
 * the server's values (its mutator's applyMine). Role checks happen on the server again. Throws
 * RULE_VIOLATION when the conflict cannot be re-applied and the person has to make the change again.
 */
export function reapplyMine(name: string, rawArgs: unknown, conflicts: ConflictDetail[]): { name: MutatorName; args: unknown } {
  const mutator = mutatorNamed(name);
  const parsed = mutator?.args.safeParse(rawArgs);
  const again = mutator && parsed?.success && mutator.applyMine !== 'never-conflicts' ? mutator.applyMine(parsed.data, conflicts) : null;
  if (again === null) throw new AppError('RULE_VIOLATION', `a conflict of ${name} cannot be re-applied; make the change again`);
  return { name: name as MutatorName, args: again };
}
