/**
 * A MutatorTx over plain maps: the reference store the mutators are specified against. The
 * mutator tests run on it, and the sync torture test uses it as the model the real stores must
 * agree with.
 */
import type { Message, TicketEvent } from '../domain/records.ts';
import type { SyncEntity } from './protocol.ts';
import type { EntityRows, MutatorTx } from './tx.ts';
import { inLogOrder, inThreadOrder } from '../domain/log-order.ts';
import { copyJson } from '../json-copy.ts';

export class MemoryTx implements MutatorTx {
  readonly tables = new Map<SyncEntity, Map<string, unknown>>();
  private ticketNumber: number | null;

  /** `firstTicketNumber` null behaves like a client (numbers come later from the server). */
  constructor(firstTicketNumber: number | null = 1) {
    this.ticketNumber = firstTicketNumber;
  }

  private table(entity: SyncEntity): Map<string, unknown> {
    let t = this.tables.get(entity);
    if (!t) this.tables.set(entity, (t = new Map()));
    return t;
  }

  get<E extends SyncEntity>(entity: E, id: string): EntityRows[E] | null {
    return (this.table(entity).get(id) as EntityRows[E] | undefined) ?? null;
  }

  put<E extends SyncEntity>(entity: E, row: EntityRows[E]): void {
    this.table(entity).set(row.id, copyJson(row));
  }

  del(entity: SyncEntity, id: string): void {
    this.table(entity).delete(id);
  }

  all<E extends SyncEntity>(entity: E): EntityRows[E][] {
    return [...this.table(entity).values()] as EntityRows[E][];
  }

  lastEvent(ticketId: string, kind: TicketEvent['kind']): TicketEvent | null {
    const events = this.all('ticket_event').filter((e) => e.ticketId === ticketId && e.kind === kind);
    return events.sort(inLogOrder).at(-1) ?? null;
  }

  messagesOf(ticketId: string): Message[] {
    return this.all('message')
      .filter((m) => m.ticketId === ticketId)
      .sort(inThreadOrder);
  }

  nextTicketNumber(): number | null {
    if (this.ticketNumber === null) return null;
    return this.ticketNumber++;
  }
}
