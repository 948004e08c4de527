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

export interface Actor {
  id: string;
  tenantId: string;
  role: Role;
  teamIds: readonly string[];
}

export interface MutatorContext {
  actor: Actor;
  /** Server time when authoritative; the client's clock when optimistic. */
  now: number;
  /** True on the server: the result is final. */
  authoritative: boolean;
}
