/**
 * The server's MutatorTx. Mutators are synchronous (the same code runs over SQLite in Core), and
 * Postgres is not: so a mutation runs against rows already read, and when it needs one it has not
 * got, the read throws NeedsRows, the runner fetches the rows and runs the mutation again from
 * the start. Mutators are deterministic in their reads, ids and clock, so the final run is the
 * one that would have happened with direct reads. Writes stay in memory until the whole push
 * batch is flushed by applyWrites, in the same transaction as the client's last mutation id.
 */
import { AppError, type ErrorPayload } from '../../shared/contract/errors.ts';
import type { Message, TicketEvent } from '../../shared/domain/records.ts';
import { mutationIdFactory, runMutation, type MutatorOutcome } from '../../shared/sync/mutators.ts';
import { SYNC_ENTITIES, type SyncEntity } from '../../shared/sync/protocol.ts';
import type { EntityRows, MutatorContext, MutatorTx } from '../../shared/sync/tx.ts';
import type { Queryable } from '../store/db.ts';
import { key, type Row, type Write } from './record-writer.ts';
import { TICKET_CHILDREN } from './scopes.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every UUID-shaped string in a mutation's arguments, however deep. */
function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return UUID.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(idsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(idsIn);
  return [];
}

class NeedsRows {
  readonly load: () => Promise<void>;
  constructor(load: () => Promise<void>) {
    this.load = load;
  }
}

/** What one push transaction has read and written so far, shared by the batch's mutations. */
export class Batch {
  /** Rows as they are in the database (null: absent or deleted). */
  readonly stored = new Map<string, Row | null>();
  /** Rows written by mutations of this batch that were applied. */
  readonly written = new Map<string, Write>();
  /** Tickets whose messages and events have all been read into `stored`. */
  readonly childrenRead = new Set<string>();
  readonly q: Queryable;
  readonly tenantId: string;
  nextTicketNumber: number;

  constructor(q: Queryable, tenantId: string, nextTicketNumber: number) {
    this.q = q;
    this.tenantId = tenantId;
    this.nextTicketNumber = nextTicketNumber;
  }

  async readRow(entity: SyncEntity, id: string): Promise<void> {
    const { rows } = await this.q.query<{ data: Row }>(
      'SELECT data FROM records WHERE tenant_id = $1 AND entity = $2 AND id = $3 AND NOT deleted',
      [this.tenantId, entity, id],
    );
    this.stored.set(key(entity, id), rows[0]?.data ?? null);
  }

  async readChildren(ticketId: string): Promise<void> {
    const { rows } = await this.q.query<{ entity: string; id: string; data: Row }>(
      "SELECT entity, id, data FROM records WHERE tenant_id = $1 AND entity = ANY($2::text[]) AND data ->> 'ticketId' = $3 AND NOT deleted",
      [this.tenantId, TICKET_CHILDREN, ticketId],
    );
    for (const r of rows) this.stored.set(key(r.entity, r.id), r.data);
    this.childrenRead.add(ticketId);
  }

  /**
   * Reads up front what a batch's mutations will ask for: every record their arguments name, the
   * accounts of those tickets (visibility checks read them), and the tickets' messages and events
   * (guards and merges read them). Three queries instead of one per record, each followed by a
   * re-run of the mutation; anything missed is still read on demand.
   */
  async prefetch(args: readonly unknown[]): Promise<void> {
    const ids = [...new Set(args.flatMap(idsIn))];
    const named = await this.readMany(ids);
    const tickets = named.filter((r) => r.entity === 'ticket');
    const accountIds = tickets.map((t) => t.data.accountId).filter((id): id is string => typeof id === 'string');
    await this.readMany([...new Set(accountIds)].filter((id) => !this.stored.has(key('account', id))));
    const ticketIds = tickets.map((t) => t.id).filter((id) => !this.childrenRead.has(id));
    if (!ticketIds.length) return;
    const { rows } = await this.q.query<{ entity: string; id: string; data: Row }>(
      "SELECT entity, id::text AS id, data FROM records WHERE tenant_id = $1 AND entity = ANY($2::text[]) AND data ->> 'ticketId' = ANY($3::text[]) AND NOT deleted",
      [this.tenantId, TICKET_CHILDREN, ticketIds],
    );
    for (const r of rows) this.stored.set(key(r.entity, r.id), r.data);
    for (const id of ticketIds) this.childrenRead.add(id);
  }

  private async readMany(ids: readonly string[]): Promise<{ entity: string; id: string; data: Row }[]> {
    if (!ids.length) return [];
    const { rows } = await this.q.query<{ entity: string; id: string; data: Row }>(
      'SELECT entity, id::text AS id, data FROM records WHERE tenant_id = $1 AND entity = ANY($2::text[]) AND id = ANY($3::uuid[]) AND NOT deleted',
      [this.tenantId, SYNC_ENTITIES, ids],
    );
    for (const r of rows) this.stored.set(key(r.entity, r.id), r.data);
    return rows;
  }

  /** Every ticket this batch has read or written: the record writer needs their teams. */
  tickets(): Map<string, Row | null> {
    const out = new Map<string, Row | null>();
    for (const [k, row] of this.stored) if (k.startsWith('ticket:')) out.set(k.slice(7), row);
    for (const w of this.written.values()) if (w.entity === 'ticket') out.set(w.id, w.row);
    return out;
  }
}

class OverlayTx implements MutatorTx {
  readonly pending = new Map<string, Write>();
  numbersTaken = 0;
  private readonly batch: Batch;

  constructor(batch: Batch) {
    this.batch = batch;
  }

  private lookup(k: string): { found: boolean; row: Row | null } {
    const mine = this.pending.get(k) ?? this.batch.written.get(k);
    if (mine) return { found: true, row: mine.row };
    if (this.batch.stored.has(k)) return { found: true, row: this.batch.stored.get(k) ?? null };
    return { found: false, row: null };
  }

  get<E extends SyncEntity>(entity: E, id: string): EntityRows[E] | null {
    const { found, row } = this.lookup(key(entity, id));
    if (!found) throw new NeedsRows(() => this.batch.readRow(entity, id));
    return row as EntityRows[E] | null;
  }

  put<E extends SyncEntity>(entity: E, row: EntityRows[E]): void {
    this.pending.set(key(entity, row.id), { entity, id: row.id, row: structuredClone(row) as unknown as Row });
  }

  del(entity: SyncEntity, id: string): void {
    this.pending.set(key(entity, id), { entity, id, row: null });
  }

  /** The current rows of one entity that belong to a ticket, with this batch's writes on top. */
  private childrenOf(entity: 'message' | 'ticket_event', ticketId: string): Row[] {
    if (!this.batch.childrenRead.has(ticketId)) throw new NeedsRows(() => this.batch.readChildren(ticketId));
    const prefix = `${entity}:`;
    const rows = new Map<string, Row | null>();
    for (const [k, row] of this.batch.stored) if (k.startsWith(prefix)) rows.set(k, row);
    for (const [k, w] of this.batch.written) if (k.startsWith(prefix)) rows.set(k, w.row);
    for (const [k, w] of this.pending) if (k.startsWith(prefix)) rows.set(k, w.row);
    return [...rows.values()].filter((r): r is Row => r !== null && r.ticketId === ticketId);
  }

  lastEvent(ticketId: string, kind: TicketEvent['kind']): TicketEvent | null {
    const events = (this.childrenOf('ticket_event', ticketId) as unknown as TicketEvent[]).filter((e) => e.kind === kind);
    return events.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)).at(-1) ?? null;
  }

  messagesOf(ticketId: string): Message[] {
    return (this.childrenOf('message', ticketId) as unknown as Message[]).sort(
      (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
    );
  }

  nextTicketNumber(): number {
    return this.batch.nextTicketNumber + this.numbersTaken++;
  }
}

export type MutationRun = { kind: 'done'; outcome: MutatorOutcome } | { kind: 'rejected'; error: ErrorPayload };

/** Bounds the read-and-retry loop: a mutator reads a handful of records, never hundreds. */
const MAX_RUNS = 200;

/**
 * Runs one mutation in the batch. Applied and conflicting mutations keep their writes (a conflict
 * may apply part of the change); rejected ones leave no trace but their consumed id. A mutator
 * that throws something other than an AppError has a bug: it is rejected as INTERNAL rather than
 * retried forever, and `onBug` logs it.
 */
export async function runInBatch(
  batch: Batch,
  m: { clientId: string; id: number; name: string; args: unknown },
  ctx: MutatorContext,
  onBug: (err: unknown) => void,
): Promise<MutationRun> {
  for (let run = 0; run < MAX_RUNS; run++) {
    const tx = new OverlayTx(batch);
    let outcome: MutatorOutcome;
    try {
      outcome = runMutation(tx, m.name, m.args, { ...ctx, newId: mutationIdFactory(m.clientId, m.id) });
    } catch (err) {
      if (err instanceof NeedsRows) {
        await err.load();
        continue;
      }
      if (err instanceof AppError) return { kind: 'rejected', error: err.toPayload() };
      onBug(err);
      return { kind: 'rejected', error: { code: 'INTERNAL', message: `the server could not apply ${m.name}; the details are in its log` } };
    }
    for (const [k, w] of tx.pending) batch.written.set(k, w);
    batch.nextTicketNumber += tx.numbersTaken;
    return { kind: 'done', outcome };
  }
  throw new Error(`mutation ${m.name} needed more than ${MAX_RUNS} reads`);
}
