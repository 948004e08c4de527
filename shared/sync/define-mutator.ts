/**
 * What every mutator is made of, and the few rules all of them share. An area's mutators
 * (shared/areas/<area>/mutators.ts) are written with `define`; the registry (mutators.ts) assembles
 * them and runs them by name. The type makes each mutator say which record it is about and what
 * "apply mine" does after a conflict, so Core and the server need to know nothing of any one of them.
 */
import type { z } from 'zod';
import { AppError } from '../contract/errors.ts';
import { canManageOwned } from '../domain/permissions.ts';
import type { ConflictDetail, SyncEntity } from './protocol.ts';
import type { MutatorContext, MutatorTx } from './tx.ts';

export type MutatorOutcome = void | { conflicts: ConflictDetail[] };

export interface MutatorContextWithIds extends MutatorContext {
  /** A fresh id that is the same on the client and the server for the same mutation. */
  newId(): string;
}

/** The record a mutation is about: sync issues are labelled by it, history is filed under it. */
export interface MutationSubject {
  entity: SyncEntity;
  id: string;
}

/**
 * "Apply mine" after a conflict: the same change again, now based on the values the server holds
 * (each conflict's `theirs`), so the server applies it unless they moved once more. Null: this
 * conflict cannot be re-applied (the person makes the change again). A mutator that never returns
 * conflicts says so with 'never-conflicts'.
 */
type ApplyMine<A extends z.ZodType> = ((args: z.output<A>, conflicts: ConflictDetail[]) => z.input<A> | null) | 'never-conflicts';

export interface Mutator<A extends z.ZodType> {
  args: A;
  /** Which record the mutation is about, read from its arguments. */
  subject: { entity: SyncEntity; id: (args: z.output<A>) => string };
  applyMine: ApplyMine<A>;
  apply(tx: MutatorTx, args: z.output<A>, ctx: MutatorContextWithIds): MutatorOutcome;
}

export const define = <A extends z.ZodType>(m: Mutator<A>): Mutator<A> => m;

/** A refusal: the mutation changes nothing and the person is told why. */
export function rejected(code: 'RULE_VIOLATION' | 'FORBIDDEN' | 'NOT_FOUND', message: string): never {
  throw new AppError(code, message);
}

/**
 * The fields an upsert does not take from the person: the tenant, and the version and creation
 * time of the record it replaces (or none yet), touched now.
 */
export function upserted<T extends object>(
  fields: T,
  existing: { version: number; createdAt: number } | null,
  ctx: MutatorContext,
): T & { tenantId: string; version: number; createdAt: number; updatedAt: number } {
  return {
    ...fields,
    tenantId: ctx.actor.tenantId,
    version: existing?.version ?? 0,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };
}

/**
 * The check of every change to a record that is private to its owner or shared (a macro, a saved
 * view), from `existing` to a record owned by `nextOwnerId` (undefined: a deletion), by the rule of
 * canManageOwned. Someone else's private record does not exist for this person.
 */
export function checkOwnedChange(
  existing: { tenantId: string; ownerId: string | null } | null,
  nextOwnerId: string | null | undefined,
  ctx: MutatorContext,
  managesShared: boolean,
  noun: string,
): void {
  if (
    existing &&
    (existing.tenantId !== ctx.actor.tenantId || (existing.ownerId !== null && !canManageOwned(ctx.actor, existing.ownerId, false)))
  )
    rejected('NOT_FOUND', `that ${noun} does not exist`);
  const allowed = (ownerId: string | null) => canManageOwned(ctx.actor, ownerId, managesShared);
  if ((existing && !allowed(existing.ownerId)) || (nextOwnerId !== undefined && !allowed(nextOwnerId)))
    rejected('FORBIDDEN', `you cannot change this ${noun}`);
}
