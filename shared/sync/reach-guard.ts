/**
 * The rule every mutator obeys, whatever its own checks: a person changes only records they may
 * see, and leaves every record they write within their reach. runMutation runs each mutation
 * through this transaction, so a mutator that forgets a visibility check (or a new one written
 * without any) still cannot touch a record in someone else's scope, nor create or move one there
 * (a task handed to a colleague by an agent, feedback filed on a ticket they cannot see).
 *
 * Records are judged by canSeeStored, the very scope rules pull and pokes follow. A record is
 * judged as it was before the mutation first touched it (NOT_FOUND when out of sight: it does not
 * exist for this person) and as it is when the mutation ends (FORBIDDEN: the person may not put it
 * out of their own reach), when every record it hangs off has been written.
 */
import { rejected } from './define-mutator.ts';
import { canSeeStored } from './record-visibility.ts';
import type { Message, TicketEvent } from '../domain/records.ts';
import type { SyncEntity } from './protocol.ts';
import type { Actor, EntityRows, MutatorTx, SystemActor } from './tx.ts';

export class ReachGuardTx implements MutatorTx {
  private readonly inner: MutatorTx;
  private readonly actor: Actor | SystemActor;
  /** The records this mutation has written or deleted, each checked once as it was. */
  private readonly touched = new Map<string, { entity: SyncEntity; id: string }>();

  constructor(inner: MutatorTx, actor: Actor | SystemActor) {
    this.inner = inner;
    this.actor = actor;
  }

  get<E extends SyncEntity>(entity: E, id: string): EntityRows[E] | null {
    return this.inner.get(entity, id);
  }

  put<E extends SyncEntity>(entity: E, row: EntityRows[E]): void {
    this.touch(entity, row.id);
    this.inner.put(entity, row);
  }

  del(entity: SyncEntity, id: string): void {
    this.touch(entity, id);
    this.inner.del(entity, id);
  }

  lastEvent(ticketId: string, kind: TicketEvent['kind']): TicketEvent | null {
    return this.inner.lastEvent(ticketId, kind);
  }

  messagesOf(ticketId: string): Message[] {
    return this.inner.messagesOf(ticketId);
  }

  nextTicketNumber(): number | null {
    return this.inner.nextTicketNumber();
  }

  /** After the mutator returned: every record it wrote is still one the person may see. */
  checkWritten(): void {
    for (const { entity, id } of this.touched.values()) {
      const after = this.inner.get(entity, id);
      if (after && !canSeeStored(this.inner, this.actor, entity, after))
        rejected('FORBIDDEN', `that change would put the ${entity.replace('_', ' ')} out of your reach`);
    }
  }

  private touch(entity: SyncEntity, id: string): void {
    const k = `${entity}:${id}`;
    if (this.touched.has(k)) return;
    const before = this.inner.get(entity, id);
    if (before && !canSeeStored(this.inner, this.actor, entity, before))
      rejected('NOT_FOUND', `that ${entity.replace('_', ' ')} does not exist`);
    this.touched.set(k, { entity, id });
  }
}
