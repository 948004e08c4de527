/**
 * What a mutator may do to the data: read and write whole records by id. Core implements it over
 * its SQLite cache (optimistically), the server over PostgreSQL (authoritatively); the mutators in
 * mutators.ts are written once against this interface and run on both sides.
 */
import type { z } from 'zod';
import type { Role } from '../domain/enums.ts';
import type { Message, TicketEvent } from '../domain/records.ts';
import type { SyncedEntities } from './entities.ts';
import type { SyncEntity } from './protocol.ts';

/** The record of each synced entity, as its schema in shared/sync/entities.ts describes it. */
export type EntityRows = { [E in SyncEntity]: z.infer<SyncedEntities[E]['record']> };

export interface MutatorTx {
  get<E extends SyncEntity>(entity: E, id: string): EntityRows[E] | null;
  /** Inserts or replaces the record. The store owns `version` (the server bumps it; the client keeps it). */
  put<E extends SyncEntity>(entity: E, row: EntityRows[E]): void;
  del(entity: SyncEntity, id: string): void;
  /** The newest event of a kind on a ticket (who last changed a guarded field, and when). */
  lastEvent(ticketId: string, kind: TicketEvent['kind']): TicketEvent | null;
  /** The messages of a ticket in thread order (merge moves them). */
  messagesOf(ticketId: string): Message[];
  /** The next human ticket number; null on the client, where the server assigns it later. */
  nextTicketNumber(): number | null;
}

/** A person at a console. */
export interface Actor {
  id: string;
  tenantId: string;
  role: Role;
  teamIds: readonly string[];
}

/**
 * Something that changes data with no person at a console (an SLA automation, e-mail intake, the
 * admin CLI), named `area:what` (e.g. `automation:sla`). It has no user id and no role, so every
 * permission check and every place that records a person must decide for it explicitly.
 */
export interface SystemActor {
  kind: 'system';
  name: string;
  tenantId: string;
}

export interface MutatorContext {
  actor: Actor | SystemActor;
  /**
   * When the actor acted: the console's clock when the mutation was made (on the server bounded
   * by server/sync/acted-at.ts), the server's clock for a system actor. Not an order: sync orders by version.
   */
  now: number;
  /** True on the server: the result is final. */
  authoritative: boolean;
}
