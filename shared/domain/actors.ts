/**
 * Who acted. A person at a console is an Actor with a user id and a role; an automation is a
 * SystemActor with a name (`automation:sla`, `intake:email`, `admin:cli`). Mutators record the
 * actor on the events they write and ask these helpers wherever a person is needed, so an
 * automation is never taken for a person by accident.
 */
import { z } from 'zod';
import { AppError } from '../contract/errors.ts';
import { Text } from './text.ts';
import type { Actor, SystemActor } from '../sync/tx.ts';

/** `area:what`, lower case: the name a system actor is known by in history and logs. */
export const SystemActorName = Text.max(64).regex(/^[a-z][a-z0-9-]*:[a-z0-9][a-z0-9-]*$/, 'expected a name like automation:sla');

/**
 * Who wrote a ticket event: a person at a console (agent), the customer, or an automation. Events
 * written before automations existed carry no kind: they were all written by agents.
 */
export const ActorKind = z.enum(['agent', 'customer', 'automation']);
export type ActorKind = z.infer<typeof ActorKind>;

export function systemActor(name: string, tenantId: string): SystemActor {
  const parsed = SystemActorName.safeParse(name);
  if (!parsed.success)
    throw new AppError('VALIDATION', `${JSON.stringify(name)} is no system actor name: expected one like automation:sla`);
  return { kind: 'system', name: parsed.data, tenantId };
}

export function isSystemActor(actor: Actor | SystemActor): actor is SystemActor {
  return 'kind' in actor && actor.kind === 'system';
}

/**
 * The person acting, for what only a person can do (author a reply, own a view). An automation
 * asking is refused: no mutator may write an automation's work under someone's name.
 */
export function personOf(actor: Actor | SystemActor): Actor {
  if (isSystemActor(actor)) throw new AppError('FORBIDDEN', `${actor.name} cannot act as a person here`);
  return actor;
}

/**
 * The actor fields of a ticket event. A person's events keep the shape they always had (actorId
 * alone), so older rows and newer ones read the same.
 */
export function eventActor(actor: Actor | SystemActor): { actorId: string | null; actorKind?: ActorKind; automation?: string } {
  if (isSystemActor(actor)) return { actorId: null, actorKind: 'automation', automation: actor.name };
  return { actorId: actor.id };
}
