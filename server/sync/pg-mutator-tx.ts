/**
 * The server's MutatorTx. Mutators are synchronous (the same code runs over SQLite in Core), and
 * Postgres is not: so a mutation runs against rows already read, and when it needs one it has not
 * got, the read throws NeedsRows, the runner fetches the rows and runs the mutation again from
 * the start. Mutators are deterministic in their reads, ids and clock, so the final run is the
 * one that would have happened with direct reads. Writes stay in memory until the whole batch
 * (a push's, or another commit's: commit.ts) is flushed by applyWrites in the commit's transaction.
 */
import { AppError, type ErrorPayload } from '../../shared/contract/errors.ts';
import type { Message, TicketEvent } from '../../shared/domain/records.ts';
import { mutationIdFactory, runMutation, type MutatorOutcome } from '../../shared/sync/mutators.ts';
import type { SyncEntity } from '../../shared/sync/protocol.ts';
import type { EntityRows, MutatorContext, MutatorTx } from '../../shared/sync/tx.ts';
import type { Queryable } from '../store/db.ts';
import { BY_KEY, key, type Row, type Write } from './record-writer.ts';
import type { RecordScopes, ScopeKind } from '../../shared/sync/scope-rules.ts';
import { TICKET_CHILDREN } from './scopes.ts';
import { inLogOrder, inThreadOrder } from '../../shared/domain/log-order.ts';
import { copyJson } from '../../shared/json-copy.ts';

/**
 * What a mutation asked for that the batch has not read: one record, or a ticket's children (its
 * messages and events), or only its events (what the SLA clock reads: no message bodies).
 */
type Need = { kind: 'row'; entity: SyncEntity; id: string } | { kind: 'children' | 'events'; ticketId: string };

class NeedsRows {
  readonly need: Need;
  constructor(need: Need) {
    this.need = need;
  }
}

/** Dry runs before a batch runs for real: enough for every mutator's chain of reads (ticket, then account, …). */
const MAX_PLANNING_PASSES = 6;

/** What one commit has read and written so far, shared by the batch's mutations. */
export class Batch {
  /** Rows as they are in the database (null: absent or deleted). */
  readonly stored: Map<string, Row | null>;
  /** Rows written by mutations of this batch that were applied. */
  readonly written = new Map<string, Write>();
  /** Tickets whose messages and events have all been read into `stored`, with their keys. */
  readonly childrenRead: Map<string, string[]>;
  /** Tickets whose events have all been read into `stored` (with or without their messages), with their keys. */
  readonly eventsRead: Map<string, string[]>;
  /**
   * The scopes of the live rows in `stored`, as read: the record writer's state before the batch's
   * writes (record-writer.ts `applyWrites`), which it then need not read again.
   */
  readonly placed: Map<string, RecordScopes>;
  readonly q: Queryable;
  readonly tenantId: string;
  nextTicketNumber: number;

  /** `reads`: what another batch has read, shared (a dry run adds to the reads of the real one). */
  constructor(
    q: Queryable,
    tenantId: string,
    nextTicketNumber: number,
    reads?: Pick<Batch, 'stored' | 'childrenRead' | 'eventsRead' | 'placed'>,
  ) {
    this.q = q;
    this.tenantId = tenantId;
    this.nextTicketNumber = nextTicketNumber;
    this.stored = reads?.stored ?? new Map();
    this.childrenRead = reads?.childrenRead ?? new Map();
    this.eventsRead = reads?.eventsRead ?? new Map();
    this.placed = reads?.placed ?? new Map();
  }

  private keep(r: PlacedRow): string {
    const k = key(r.entity, r.id);
    this.stored.set(k, r.data);
    this.placed.set(k, { home: { id: r.scope, kind: r.scope_kind }, account: r.account_scope });
    return k;
  }

  /** Reads what `needs` name: the records in one query by primary key, the tickets' children in another. */
  async load(needs: readonly Need[]): Promise<void> {
    const rows = new Map<string, { entity: SyncEntity; id: string }>();
    const tickets = new Set<string>();
    const eventsOnly = new Set<string>();
    for (const n of needs) {
      if (n.kind === 'row' && !this.stored.has(key(n.entity, n.id))) rows.set(key(n.entity, n.id), n);
      if (n.kind === 'children' && !this.childrenRead.has(n.ticketId)) tickets.add(n.ticketId);
      if (n.kind === 'events' && !this.eventsRead.has(n.ticketId)) eventsOnly.add(n.ticketId);
    }
    for (const id of tickets) eventsOnly.delete(id);
    if (rows.size) {
      const wanted = [...rows.values()];
      const { rows: found } = await this.q.query<PlacedRow>(
        `SELECT r.entity, r.id::text AS id, r.data, ${PLACE}
           FROM unnest($2::text[], $3::uuid[]) AS w (entity, id)
           CROSS JOIN LATERAL (${BY_KEY}) r
          WHERE NOT r.deleted`,
        [this.tenantId, wanted.map((w) => w.entity), wanted.map((w) => w.id)],
      );
      // Absent or deleted records are remembered as such, so nobody asks for them again.
      for (const k of rows.keys()) this.stored.set(k, null);
      for (const r of found) this.keep(r);
    }
    if (tickets.size) await this.loadChildren([...tickets], TICKET_CHILDREN, this.childrenRead);
    if (eventsOnly.size) await this.loadChildren([...eventsOnly], ['ticket_event'], null);
  }

  /** Every row of `entities` belonging to the tickets `ids`; their keys go to `read` (all) and `eventsRead` (the events). */
  private async loadChildren(ids: string[], entities: readonly string[], read: Map<string, string[]> | null): Promise<void> {
    const { rows: children } = await this.q.query<PlacedRow>(
      `SELECT entity, id::text AS id, data, ${PLACE} FROM records r
        WHERE tenant_id = $1 AND entity = ANY($2::text[]) AND data ->> 'ticketId' = ANY($3::text[]) AND NOT deleted`,
      [this.tenantId, entities, ids],
    );
    for (const id of ids) {
      read?.set(id, []);
      this.eventsRead.set(id, []);
    }
    for (const r of children) {
      const k = this.keep(r);
      const ticketId = String(r.data.ticketId);
      read?.get(ticketId)?.push(k);
      if (r.entity === 'ticket_event') this.eventsRead.get(ticketId)?.push(k);
    }
  }

  /**
   * Reads up front what the batch's mutations will ask for, in a few set-based queries instead of
   * one query (and one re-run) per record. Each pass runs every mutation dry, against what has been
   * read so far and the earlier mutations' dry writes; a mutation that reaches a row not read yet
   * stops there and names it. The pass's names are read together, and the next pass gets further
   * (a ticket first, then its account, then its events). Whatever planning misses (a read that
   * depends on a mutation the dry run could not finish) is still read on demand by the real run.
   *
   * A pass in which no mutation needed anything ran every mutation, in order, over the same reads
   * the real run would have (mutators are deterministic): on a batch that has run nothing yet its
   * writes become the batch's, and its runs are returned (one per mutation, for `settle`) instead
   * of running each mutation once more. Null: the real run is still to do.
   */
  async prefetch(mutations: readonly BatchMutation[], ctx: MutatorContext): Promise<TriedRun[] | null> {
    for (let pass = 0; pass < MAX_PLANNING_PASSES; pass++) {
      const dry = new Batch(this.q, this.tenantId, this.nextTicketNumber, this);
      const needs: Need[] = [];
      const runs: TriedRun[] = [];
      for (const m of mutations) {
        const run = tryRun(dry, m, ctx);
        if (run.kind === 'needs') needs.push(run.need);
        else runs.push(run);
      }
      if (!needs.length) {
        if (this.written.size) return null;
        for (const [k, w] of dry.written) this.written.set(k, w);
        this.nextTicketNumber = dry.nextTicketNumber;
        return runs;
      }
      await this.load(needs);
    }
    return null;
  }

  /** Every ticket this batch has read or written: the record writer needs their teams. */
  tickets(): Map<string, Row | null> {
    const out = new Map<string, Row | null>();
    for (const [k, row] of this.stored) if (k.startsWith('ticket:')) out.set(k.slice(7), row);
    for (const w of this.written.values()) if (w.entity === 'ticket') out.set(w.id, w.row);
    return out;
  }
}

/** A live record as read, with its scopes. */
interface PlacedRow {
  entity: string;
  id: string;
  data: Row;
  scope: string;
  scope_kind: ScopeKind;
  account_scope: string | null;
}
const PLACE = 'r.scope::text AS scope, r.scope_kind, r.account_scope::text AS account_scope';

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
    if (!found) throw new NeedsRows({ kind: 'row', entity, id });
    return row as EntityRows[E] | null;
  }

  put<E extends SyncEntity>(entity: E, row: EntityRows[E]): void {
    this.pending.set(key(entity, row.id), { entity, id: row.id, row: copyJson(row) as unknown as Row });
  }

  del(entity: SyncEntity, id: string): void {
    this.pending.set(key(entity, id), { entity, id, row: null });
  }

  /** The current rows of one entity that belong to a ticket, with this batch's writes on top. */
  private childrenOf(entity: 'message' | 'ticket_event', ticketId: string): Row[] {
    const read = this.batch.childrenRead.get(ticketId);
    if (!read) throw new NeedsRows({ kind: 'children', ticketId });
    const prefix = `${entity}:`;
    const rows = new Map<string, Row | null>();
    // The ticket's own keys, not every row read: a batch of replies reads many threads.
    for (const k of read) if (k.startsWith(prefix)) rows.set(k, this.batch.stored.get(k) ?? null);
    for (const [k, w] of this.batch.written) if (k.startsWith(prefix)) rows.set(k, w.row);
    for (const [k, w] of this.pending) if (k.startsWith(prefix)) rows.set(k, w.row);
    return [...rows.values()].filter((r): r is Row => r !== null && r.ticketId === ticketId);
  }

  lastEvent(ticketId: string, kind: TicketEvent['kind']): TicketEvent | null {
    const events = (this.childrenOf('ticket_event', ticketId) as unknown as TicketEvent[]).filter((e) => e.kind === kind);
    return events.sort(inLogOrder).at(-1) ?? null;
  }

  messagesOf(ticketId: string): Message[] {
    return (this.childrenOf('message', ticketId) as unknown as Message[]).sort(inThreadOrder);
  }

  nextTicketNumber(): number {
    return this.batch.nextTicketNumber + this.numbersTaken++;
  }
}

export type MutationRun = { kind: 'done'; outcome: MutatorOutcome } | { kind: 'rejected'; error: ErrorPayload };

export interface BatchMutation {
  clientId: string;
  id: number;
  name: string;
  args: unknown;
  /** When the person acted (acted-at.ts); the mutator's clock. Absent: the commit's own time. */
  actedAt?: number;
}

/** Bounds the read-and-retry loop: a mutator reads a handful of records, never hundreds. */
const MAX_RUNS = 200;

/**
 * One run of a mutation over what the batch has read. Applied and conflicting mutations keep their
 * writes (a conflict may apply part of the change); rejected ones leave no trace; one that reached
 * a row not read yet leaves none either and names the row.
 */
/** A run that finished: done, rejected, or a mutator's bug (settle() turns it into a rejection). */
export type TriedRun = MutationRun | { kind: 'bug'; err: unknown };

function tryRun(batch: Batch, m: BatchMutation, ctx: MutatorContext): TriedRun | { kind: 'needs'; need: Need } {
  const tx = new OverlayTx(batch);
  let outcome: MutatorOutcome;
  try {
    outcome = runMutation(tx, m.name, m.args, { ...ctx, now: m.actedAt ?? ctx.now, newId: mutationIdFactory(m.clientId, m.id) });
  } catch (err) {
    if (err instanceof NeedsRows) return { kind: 'needs', need: err.need };
    if (err instanceof AppError) return { kind: 'rejected', error: err.toPayload() };
    return { kind: 'bug', err };
  }
  for (const [k, w] of tx.pending) batch.written.set(k, w);
  batch.nextTicketNumber += tx.numbersTaken;
  return { kind: 'done', outcome };
}

/**
 * Runs one mutation in the batch, reading what it asks for that the batch has not read yet. A
 * mutator that throws something other than an AppError has a bug: it is rejected as INTERNAL
 * rather than retried forever, and `onBug` logs it.
 */
export async function runInBatch(batch: Batch, m: BatchMutation, ctx: MutatorContext, onBug: (err: unknown) => void): Promise<MutationRun> {
  for (let run = 0; run < MAX_RUNS; run++) {
    const result = tryRun(batch, m, ctx);
    if (result.kind === 'needs') {
      await batch.load([result.need]);
      continue;
    }
    return settle(result, m, onBug);
  }
  throw new Error(`mutation ${m.name} needed more than ${MAX_RUNS} reads`);
}

/** A finished run's result: a mutator's bug is logged through `onBug` and rejected as INTERNAL. */
export function settle(run: TriedRun, m: BatchMutation, onBug: (err: unknown) => void): MutationRun {
  if (run.kind !== 'bug') return run;
  onBug(run.err);
  return { kind: 'rejected', error: { code: 'INTERNAL', message: `the server could not apply ${m.name}; the details are in its log` } };
}
