/**
 * The sync client's local side, all synchronous SQLite: the outbox written in the same
 * transaction as the optimistic change, pulled pages applied in one transaction with the cursor
 * (restore pre-images, apply, drop what the server processed, replay the rest), push results
 * recorded, and the sync issues the person sees. The network side is in sync-client.ts.
 */
import type { Database } from 'better-sqlite3';
import type { SyncIssue } from '../../../shared/contract/channels.ts';
import { AppError, type ErrorPayload } from '../../../shared/contract/errors.ts';
import type { Role } from '../../../shared/domain/enums.ts';
import { uuidv7 } from '../../../shared/ids.ts';
import { WITHDRAWN_MUTATION } from '../../../shared/areas/sync/mutators.ts';
import { mutationIdFactory, runMutation, subjectOf } from '../../../shared/sync/mutators.ts';
import type { ConflictDetail, Mutation, PullResponse, SyncEntity } from '../../../shared/sync/protocol.ts';
import type { MutationResult } from '../../../shared/sync/protocol.ts';
import type { Actor } from '../../../shared/sync/tx.ts';
import { createRecordStore, SYNCED_TABLES } from './record-store.ts';
import { createOptimisticBase, createSqliteTx, touch, type Touched } from './sqlite-tx.ts';
import { createTicketSlaRefresher } from '../areas/tickets/ticket-sla.ts';
import { createSlaRecomputeJob } from '../areas/sla/sla-recompute.ts';

export type Page = Extract<PullResponse, { kind: 'page' }>;

export interface Receipt {
  /** Null: not queued (a conflict the caller asked to hear about before anything is sent). */
  mutationId: number | null;
  outcome: 'applied' | 'conflict';
  conflicts: ConflictDetail[];
}

/** What to do with a mutation whose optimistic run already conflicts with the cache. */
export type OnConflict = 'queue' | 'discard';

/** Thrown inside the transaction to roll a discarded mutation back; carries its conflicts out. */
class Discarded {
  readonly conflicts: ConflictDetail[];
  constructor(conflicts: ConflictDetail[]) {
    this.conflicts = conflicts;
  }
}

/** The person as the server described them at sign-in. */
export interface SessionUser {
  id: string;
  tenantId: string;
  name: string;
  email: string;
  role: string;
  teamIds: string[];
}

export interface SyncIdentity {
  clientId: string;
  userId: string | null;
  tenantId: string | null;
  serverUrl: string | null;
  cursor: string | null;
  lastPulledAt: number | null;
  sessionUser: SessionUser | null;
  rememberedEmail: string | null;
}

interface OutboxRow {
  mutation_id: number;
  name: string;
  args: string;
  created_at: number;
}

interface IssueRow {
  id: string;
  kind: 'conflict' | 'rejection';
  mutation_id: number;
  mutation_name: string;
  args: string;
  entity: SyncEntity | null;
  entity_id: string | null;
  conflicts: string;
  error: string | null;
  created_at: number;
}

export function createLocalSync(db: Database) {
  const store = createRecordStore(db);
  const base = createOptimisticBase(db, store);
  const sla = createTicketSlaRefresher(db, store);
  const slaRecompute = createSlaRecomputeJob(db, sla);

  const identity = db.prepare<[], Record<string, unknown>>('SELECT * FROM sync_state WHERE id = 1');
  const appendOutbox = db.prepare('INSERT INTO outbox (name, args, created_at, not_before) VALUES (?, ?, ?, ?)');
  const allPending = db.prepare<[], OutboxRow>('SELECT mutation_id, name, args, created_at FROM outbox ORDER BY mutation_id');
  // In id order, up to the first entry still held for undo: nothing overtakes a held change.
  const unsent = db.prepare<[number, number, number], OutboxRow>(
    `SELECT mutation_id, name, args, created_at FROM outbox
      WHERE status = 'pending' AND mutation_id >= ?
        AND mutation_id < coalesce((SELECT min(mutation_id) FROM outbox WHERE status = 'pending' AND not_before > ?), 9e18)
      ORDER BY mutation_id LIMIT ?`,
  );
  const heldRow = db.prepare<[number, number], OutboxRow>(
    "SELECT mutation_id, name, args, created_at FROM outbox WHERE mutation_id = ? AND status = 'pending' AND not_before > ?",
  );
  const withdrawRow = db.prepare('UPDATE outbox SET name = ?, args = ?, not_before = 0 WHERE mutation_id = ?');
  const nextRelease = db
    .prepare<[number], number | null>("SELECT min(not_before) FROM outbox WHERE status = 'pending' AND not_before > ?")
    .pluck();
  const outboxRow = db.prepare<[number], OutboxRow>('SELECT mutation_id, name, args, created_at FROM outbox WHERE mutation_id = ?');
  const markSent = db.prepare("UPDATE outbox SET status = 'sent' WHERE mutation_id <= ? AND status = 'pending'");
  const markUnsentFrom = db.prepare("UPDATE outbox SET status = 'pending' WHERE mutation_id >= ?");
  const dropThrough = db.prepare('DELETE FROM outbox WHERE mutation_id <= ?');
  const outboxCount = db.prepare('SELECT count(*) FROM outbox').pluck();
  const setCursor = db.prepare('UPDATE sync_state SET cursor = ?, last_pulled_at = coalesce(?, last_pulled_at) WHERE id = 1');
  const insertIssue = db.prepare(
    `INSERT INTO sync_issues (id, kind, mutation_id, mutation_name, args, entity, entity_id, conflicts, error, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mutation_id) DO NOTHING`,
  );
  const issues = db.prepare<[], IssueRow & { number: number | null; subject: string | null; account: string | null }>(
    `SELECT i.*, t.number, t.subject, a.name AS account FROM sync_issues i
       LEFT JOIN tickets t ON i.entity = 'ticket' AND t.id = i.entity_id
       LEFT JOIN accounts a ON i.entity = 'account' AND a.id = i.entity_id
      ORDER BY i.created_at, i.mutation_id`,
  );
  const issue = db.prepare<[string], IssueRow>('SELECT * FROM sync_issues WHERE id = ?');
  const deleteIssue = db.prepare('DELETE FROM sync_issues WHERE id = ?');
  const issueCount = db.prepare('SELECT count(*) FROM sync_issues').pluck();
  const remember = db.prepare(
    'UPDATE sync_state SET server_url = ?, user_id = ?, tenant_id = ?, session_user = ?, remembered_email = ? WHERE id = 1',
  );
  const forget = db.prepare('UPDATE sync_state SET session_user = NULL WHERE id = 1');

  function readIdentity(): SyncIdentity {
    const r = identity.get() as Record<string, unknown>;
    return {
      clientId: r.client_id as string,
      userId: (r.user_id as string | null) ?? null,
      tenantId: (r.tenant_id as string | null) ?? null,
      serverUrl: (r.server_url as string | null) ?? null,
      cursor: (r.cursor as string | null) ?? null,
      lastPulledAt: (r.last_pulled_at as number | null) ?? null,
      sessionUser: r.session_user ? (JSON.parse(r.session_user as string) as SessionUser) : null,
      rememberedEmail: (r.remembered_email as string | null) ?? null,
    };
  }

  /** Who mutations run as: the signed-in person's cached user row, else what sign-in said. */
  function actor(): Actor {
    const id = readIdentity();
    const user = id.userId ? store.get('user', id.userId) : null;
    if (user) return { id: user.id, tenantId: user.tenantId, role: user.role, teamIds: user.teamIds };
    if (id.sessionUser)
      return {
        id: id.sessionUser.id,
        tenantId: id.sessionUser.tenantId,
        role: id.sessionUser.role as Role,
        teamIds: id.sessionUser.teamIds,
      };
    throw new AppError('UNAUTHORIZED', 'nobody is signed in on this console');
  }

  /** Runs one queued mutation again on top of server state; a refusal now leaves it to the server. */
  function replay(row: OutboxRow, who: Actor, clientId: string, touched: Touched): void {
    try {
      db.transaction(() => {
        const tx = createSqliteTx(db, store, base, touched);
        runMutation(tx, row.name, JSON.parse(row.args), {
          actor: who,
          now: row.created_at,
          authoritative: false,
          newId: mutationIdFactory(clientId, row.mutation_id),
        });
        sla.refresh(touched, (ticket) => tx.put('ticket', ticket));
      })();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }

  return {
    store,
    slaRecompute,
    identity: readIdentity,
    actor,

    /**
     * mutations.run: queue the mutation and apply it optimistically, in one transaction. A refusal
     * (AppError) rolls both back and reaches the caller: nothing is queued. A conflict with what
     * the cache already holds is queued (the server decides, and the person resolves it under
     * sync issues) unless the caller asks to discard it: then nothing is queued or applied and the
     * caller gets the conflict at once (a reply written without having seen the newest messages).
     */
    run(name: string, args: unknown, now: number, touched: Touched, onConflict: OnConflict = 'queue', holdMs = 0): Receipt {
      try {
        return db.transaction((): Receipt => {
          const who = actor();
          const mutationId = Number(appendOutbox.run(name, JSON.stringify(args), now, holdMs > 0 ? now + holdMs : 0).lastInsertRowid);
          const tx = createSqliteTx(db, store, base, touched);
          const outcome = runMutation(tx, name, args, {
            actor: who,
            now,
            authoritative: false,
            newId: mutationIdFactory(readIdentity().clientId, mutationId),
          });
          const conflicts = outcome?.conflicts ?? [];
          if (conflicts.length && onConflict === 'discard') throw new Discarded(conflicts);
          // The timers follow the change at once, offline too: a reply stops the first-reply clock.
          sla.refresh(touched, (ticket) => tx.put('ticket', ticket));
          // A calendar or policy edit: every open ticket's timers follow, in the background.
          slaRecompute.requestIfRulesChanged(touched);
          return { mutationId, outcome: conflicts.length ? 'conflict' : 'applied', conflicts };
        })();
      } catch (err) {
        if (!(err instanceof Discarded)) throw err;
        touched.clear();
        return { mutationId: null, outcome: 'conflict', conflicts: err.conflicts };
      }
    },

    /**
     * One pulled page, in one transaction with its cursor: server state back under the optimistic
     * rows, the page's changes on top (a row older than the one held is skipped), processed
     * mutations dropped, the rest replayed. Readers see the state before or after, never between.
     */
    /**
     * Applies consecutive pages in one transaction with the last page's cursor. Pending mutations
     * are replayed once for the whole run of pages, not once per page: after a long offline spell
     * the server's pages acknowledge the queue a batch at a time, and replaying the rest of the
     * queue after each page would cost the square of its length. `mostlyNew` (a bootstrap)
     * inserts a row without reading first, falling back to the comparison when it exists.
     */
    applyPages(pages: readonly Page[], now: number, touched: Touched, options?: { mostlyNew: boolean }): void {
      const last = pages.at(-1);
      if (!last) return;
      // In a bootstrap most rows are new: a put first tries a plain insert, and only a row that
      // exists (a page redone after a resume, a record a replayed mutation created) is looked up.
      const mostlyNew = options?.mostlyNew ?? false;
      db.transaction(() => {
        base.restore(touched);
        for (const page of pages)
          for (const change of page.changes) {
            if (!(mostlyNew && change.op === 'put' && store.insertNew(change.entity, change.row as never, change.version))) {
              const held = store.versionOf(change.entity, change.id);
              if (held !== null && held > change.version) continue;
              if (change.op === 'del') {
                if (held !== null) store.del(change.entity, change.id);
              } else {
                // The change's version is the row's (ticket events carry none).
                const row = change.entity === 'ticket_event' ? change.row : { ...change.row, version: change.version };
                store.put(change.entity, row as never);
              }
            }
            touch(touched, change.entity, change.id);
          }
        // The server's snapshots arrive with its tickets; computing them again here covers what a
        // page brings without its ticket. A bootstrap's tickets all come with theirs.
        if (!mostlyNew) sla.refresh(touched, (ticket) => store.put('ticket', ticket, { changesOnly: true }));
        // A pulled calendar or policy edit; a bootstrap's tickets come computed by the server.
        if (!mostlyNew) slaRecompute.requestIfRulesChanged(touched);
        dropThrough.run(Math.max(...pages.map((p) => p.lastMutationId)));
        setCursor.run(last.cursor, last.more ? null : now);
        const pending = allPending.all();
        if (pending.length) {
          const who = actor();
          const clientId = readIdentity().clientId;
          for (const row of pending) replay(row, who, clientId, touched);
        }
      })();
    },

    /** `reset`: empty the synced tables and the cursor; the outbox and issues stay. */
    resetCache(): void {
      db.transaction(() => {
        for (const table of SYNCED_TABLES) db.prepare(`DELETE FROM ${table}`).run();
        db.prepare('DELETE FROM optimistic_base').run();
        setCursor.run(null, null);
      })();
    },

    /**
     * Up to `limit` mutations the server has not processed yet, from `from` on, in id order,
     * stopping before the first one still held for undo at `now`.
     */
    unsent(from: number, limit: number, now: number): Mutation[] {
      return unsent
        .all(from, now, limit)
        .map((r) => ({ id: r.mutation_id, name: r.name, args: JSON.parse(r.args), clientTime: r.created_at }));
    },

    /**
     * Undo of a change still held in the outbox: its effects leave the cache (server state back
     * under the optimistic rows, the rest of the queue replayed, as after a pulled page) and its
     * entry becomes a withdrawn marker that keeps the id sequence whole. A change that is no
     * longer held (its window passed, so it may be on the wire) cannot be undone: CONFLICT.
     */
    withdraw(mutationId: number, now: number, touched: Touched): void {
      db.transaction(() => {
        const row = heldRow.get(mutationId, now);
        if (!row) throw new AppError('CONFLICT', 'that change has already left this console (or was never held)');
        const subject = subjectOf(row.name, JSON.parse(row.args));
        if (subject?.entity !== 'ticket') throw new AppError('INTERNAL', `a held ${row.name} is not about a ticket`);
        base.restore(touched);
        withdrawRow.run(WITHDRAWN_MUTATION, JSON.stringify({ ticketId: subject.id }), mutationId);
        const who = actor();
        const clientId = readIdentity().clientId;
        for (const pending of allPending.all()) replay(pending, who, clientId, touched);
      })();
    },

    /** When the first change held for undo is released (null: none is held at `now`). */
    nextRelease: (now: number): number | null => nextRelease.get(now) ?? null,

    /** The server processed everything through `lastMutationId`; conflicts and rejections become issues. */
    recordPush(results: readonly MutationResult[], lastMutationId: number, now: number): number {
      let added = 0;
      db.transaction(() => {
        markSent.run(lastMutationId);
        for (const r of results) {
          if (r.status !== 'rejected' && r.status !== 'conflict') continue;
          const row = outboxRow.get(r.id);
          if (!row) continue;
          const args = JSON.parse(row.args) as unknown;
          const subject = subjectOf(row.name, args);
          const first = r.status === 'conflict' ? r.conflicts[0] : undefined;
          added += insertIssue.run(
            uuidv7(),
            r.status === 'conflict' ? 'conflict' : 'rejection',
            r.id,
            row.name,
            row.args,
            first?.entity ?? subject?.entity ?? null,
            first?.entityId ?? subject?.id ?? null,
            JSON.stringify(r.status === 'conflict' ? r.conflicts : []),
            r.status === 'rejected' ? JSON.stringify(r.error) : null,
            now,
          ).changes;
        }
      })();
      return added;
    },

    /** 409: the server expects `expected` next; everything before it was processed. */
    recordGap(expected: number): void {
      db.transaction(() => {
        markSent.run(expected - 1);
        markUnsentFrom.run(expected);
      })();
    },

    /** Binds this cache to the person and server (the binding outlives sign-out; only a wipe ends it). */
    rememberSession(serverUrl: string, user: SessionUser, email: string): void {
      remember.run(serverUrl, user.id, user.tenantId, JSON.stringify(user), email);
    },

    /** Signed out: the next start asks for the password again. */
    forgetSession(): void {
      forget.run();
    },

    pendingCount: () => outboxCount.get() as number,
    issueCount: () => issueCount.get() as number,

    issues(): SyncIssue[] {
      return issues.all().map((r) => ({
        id: r.id,
        kind: r.kind,
        mutationId: r.mutation_id,
        mutationName: r.mutation_name,
        entity: r.entity,
        entityId: r.entity_id,
        title: r.subject !== null ? (r.number !== null ? `#${r.number} ${r.subject}` : r.subject) : r.account,
        conflicts: JSON.parse(r.conflicts) as ConflictDetail[],
        error: r.error ? (JSON.parse(r.error) as ErrorPayload) : null,
        createdAt: r.created_at,
      }));
    },

    issue(id: string): (IssueRow & { parsedArgs: unknown; details: ConflictDetail[] }) | null {
      const r = issue.get(id);
      return r ? { ...r, parsedArgs: JSON.parse(r.args), details: JSON.parse(r.conflicts) as ConflictDetail[] } : null;
    },

    closeIssue(id: string): void {
      deleteIssue.run(id);
    },

    /** Whether the cache holds nothing anyone could lose: no records and nothing queued. */
    isEmpty(): boolean {
      const records = db
        .prepare('SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM tickets) + (SELECT count(*) FROM users)')
        .pluck();
      return (records.get() as number) === 0 && (outboxCount.get() as number) === 0;
    },
  };
}

export type LocalSync = ReturnType<typeof createLocalSync>;
