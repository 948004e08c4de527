/**
 * POST /sync/pull: the changes a client has not seen, in version order, filtered to its scopes,
 * all read in one REPEATABLE READ snapshot (scopes, changes, rows and last mutation id agree).
 */
import { AppError } from '../../shared/contract/errors.ts';
import { SYNC_ENTITIES, type PullRequest, type PullResponse, type SyncEntity } from '../../shared/sync/protocol.ts';
import { loadUser } from '../auth/actor.ts';
import type { Session } from '../auth/service.ts';
import { int, type Db, type Queryable } from '../store/db.ts';
import { decodeCursor, encodeCursor, type BootstrapProgress, type CursorState } from './cursor.ts';
import { checkSchemaVersion } from './schema-version.ts';
import { clientScopes, loadViewer, scopeCondition, type ClientScopes } from './scopes.ts';

export interface PullDeps {
  db: Db;
  secret: Buffer;
}

/**
 * A RowChange as pull serves it: `row` is the record's stored JSON text (`data::text`), passed
 * through as it is. Parsing every row's jsonb into objects only to serialize them again was a
 * large share of the server's work per bootstrap page (docs/sync-protocol.md, Performance).
 */
export type RawRowChange =
  | { op: 'put'; entity: SyncEntity; id: string; version: number; row: string }
  | { op: 'del'; entity: SyncEntity; id: string; version: number };

/** A PullResponse whose rows are JSON text: `pullResponseJson` writes it as the body. */
export type RawPullResponse =
  (Omit<Extract<PullResponse, { kind: 'page' }>, 'changes'> & { changes: RawRowChange[] }) | Extract<PullResponse, { kind: 'reset' }>;

/** The JSON body of a pull answer: the PullResponse the wire format defines, rows spliced in as stored. */
export function pullResponseJson(r: RawPullResponse): string {
  if (r.kind === 'reset') return JSON.stringify(r);
  const parts: string[] = [];
  for (const c of r.changes) {
    const head = `{"op":"${c.op}","entity":${JSON.stringify(c.entity)},"id":${JSON.stringify(c.id)},"version":${c.version}`;
    parts.push(c.op === 'put' ? `${head},"row":${c.row}}` : `${head}}`);
  }
  return `{"kind":"page","changes":[${parts.join(',')}],"cursor":${JSON.stringify(r.cursor)},"lastMutationId":${r.lastMutationId},"more":${r.more}}`;
}

export async function pull(deps: PullDeps, session: Session, req: PullRequest): Promise<RawPullResponse> {
  if (req.clientId !== session.clientId) throw new AppError('FORBIDDEN', 'the access token belongs to another client');
  checkSchemaVersion(req.schemaVersion);
  const given = req.cursor === null ? null : decodeCursor(deps.secret, req.cursor);

  return deps.db.transaction(async (q): Promise<RawPullResponse> => {
    const user = await loadUser(q, session.userId);
    if (!user?.active) throw new AppError('UNAUTHORIZED', 'this session has ended; sign in again');
    const scopes = clientScopes(await loadViewer(q, user));
    const { rows: clocks } = await q.query<{ version: unknown; pruned_through: unknown }>(
      'SELECT version, pruned_through FROM tenant_clock WHERE tenant_id = $1',
      [session.tenantId],
    );
    const head = int(clocks[0]?.version ?? 0);
    const prunedThrough = int(clocks[0]?.pruned_through ?? 0);

    if (given && given.s !== scopes.tag) return { kind: 'reset', reason: 'the teams or role of this person changed' };
    // A bootstrap starts at the head: its rows are at least that new, and changes after it follow.
    const state: CursorState = given ?? { v: head, s: scopes.tag, boot: { phase: 0, entity: 0, after: null } };
    if (state.v < prunedThrough) return { kind: 'reset', reason: 'the cursor is older than the change log keeps' };
    if (state.v > head) throw new AppError('VALIDATION', 'the sync cursor is ahead of this server');

    const page = state.boot
      ? await bootstrapPage(q, session, scopes, state.boot, req.limit)
      : await changesPage(q, session.tenantId, scopes, state.v, head, req.limit);
    const next: CursorState = page.boot ? { v: state.v, s: scopes.tag, boot: page.boot } : { v: page.reached ?? state.v, s: scopes.tag };
    return {
      kind: 'page',
      changes: page.changes,
      cursor: encodeCursor(deps.secret, next),
      lastMutationId: await deliveredThrough(q, session.clientId, page.boot ? null : (page.reached ?? state.v)),
      more: page.more,
    };
  }, 'repeatable read');
}

/**
 * The last mutation id whose effects the pages so far have delivered: as of `version` once the
 * client holds everything up to it. A bootstrap that is not complete (`version` null) has
 * delivered only some entities, so it vouches for no mutation yet (0): a console re-bootstrapping
 * with queued mutations must not drop one whose effects are in a page still to come.
 */
async function deliveredThrough(q: Queryable, clientId: string, version: number | null): Promise<number> {
  if (version === null) return 0;
  const { rows } = await q.query<{ lmid: unknown }>(
    'SELECT coalesce(max(last_mutation_id), 0) AS lmid FROM client_progress WHERE client_id = $1 AND version <= $2',
    [clientId, version],
  );
  return int(rows[0]?.lmid ?? 0);
}

interface Page {
  changes: RawRowChange[];
  more: boolean;
  /** Incremental: the version this page brings the client to. */
  reached?: number;
  /** Bootstrap: where the next page starts; absent once the bootstrap is complete. */
  boot?: BootstrapProgress;
}

interface ChangeRow {
  version: unknown;
  seq: number;
  entity: SyncEntity;
  id: string;
  op: 'put' | 'del';
  row_version: unknown;
  deleted: boolean | null;
  /** The stored JSON text (`data::text`), when the row is still at the entry's version. */
  data: string | null;
}

/**
 * Change-log entries after `after`, whole versions only. A 'put' whose record has moved on since
 * is skipped: the later entry carries the row (or, if it left the scopes, the 'del' does).
 */
async function changesPage(
  q: Queryable,
  tenantId: string,
  scopes: ClientScopes,
  after: number,
  head: number,
  limit: number,
): Promise<Page> {
  // Only a row still at the entry's version is sent (toChanges): the text of one that has moved on
  // (a ticket changed at every push of a queue) is neither made nor carried.
  const select = `SELECT c.version, c.seq, c.entity, c.id, c.op, r.version AS row_version, r.deleted,
                         CASE WHEN r.version = c.version THEN r.data::text END AS data
                    FROM changes c LEFT JOIN records r ON r.tenant_id = c.tenant_id AND r.entity = c.entity AND r.id = c.id
                   WHERE c.tenant_id = $1 AND ${scopeCondition('c', scopes, '$2', 'changes')}`;
  const { rows } = await q.query<ChangeRow>(`${select} AND c.version > $3 ORDER BY c.version, c.seq LIMIT $4`, [
    tenantId,
    scopes.ids,
    after,
    limit,
  ]);
  if (rows.length < limit) return { changes: toChanges(rows), more: false, reached: head };

  const last = rows[rows.length - 1] as ChangeRow;
  const lastVersion = int(last.version);
  const { rows: rest } = await q.query<ChangeRow>(`${select} AND c.version = $3 AND c.seq > $4 ORDER BY c.seq`, [
    tenantId,
    scopes.ids,
    lastVersion,
    last.seq,
  ]);
  const { rows: beyond } = await q.query(
    `SELECT 1 FROM changes c WHERE c.tenant_id = $1 AND ${scopeCondition('c', scopes, '$2', 'changes')} AND c.version > $3 LIMIT 1`,
    [tenantId, scopes.ids, lastVersion],
  );
  return beyond.length
    ? { changes: toChanges([...rows, ...rest]), more: true, reached: lastVersion }
    : { changes: toChanges([...rows, ...rest]), more: false, reached: head };
}

/** A record in two of the client's scopes has an entry under each: it is sent once. */
function toChanges(rows: ChangeRow[]): RawRowChange[] {
  const out: RawRowChange[] = [];
  const sent = new Set<string>();
  for (const r of rows) {
    const version = int(r.version);
    const once = `${r.op}:${r.entity}:${r.id}:${version}`;
    if (sent.has(once)) continue;
    sent.add(once);
    if (r.op === 'del') out.push({ op: 'del', entity: r.entity, id: r.id, version });
    else if (r.data && !r.deleted && int(r.row_version) === version)
      out.push({ op: 'put', entity: r.entity, id: r.id, version, row: r.data });
  }
  return out;
}

const OPEN_TICKET = "(entity = 'ticket' AND data ->> 'assigneeId' = $3 AND data ->> 'status' NOT IN ('solved', 'closed'))";

/**
 * The current rows in the client's scopes, in keyset pages: the person's own open tickets first,
 * then every entity, parents before children. Each page is a fresh snapshot; rows that change
 * meanwhile are newer than the bootstrap's start version and come again with the changes after it.
 */
async function bootstrapPage(
  q: Queryable,
  session: Session,
  scopes: ClientScopes,
  progress: BootstrapProgress,
  limit: number,
): Promise<Page> {
  const changes: RawRowChange[] = [];
  let at: BootstrapProgress = progress;
  for (;;) {
    const entity = at.phase === 0 ? 'ticket' : SYNC_ENTITIES[at.entity];
    // Every entity sent: the bootstrap is complete; the changes since its start come next.
    if (entity === undefined) return { changes, more: true };
    const want = limit - changes.length;
    const which = at.phase === 0 ? OPEN_TICKET : `NOT coalesce(${OPEN_TICKET}, false)`;
    const { rows } = await q.query<{ id: string; version: unknown; data: string }>(
      `SELECT id, version, data::text AS data FROM records r
        WHERE tenant_id = $1 AND entity = $4 AND NOT deleted AND ${scopeCondition('r', scopes, '$2', 'records')} AND (${which})
          AND ($5::uuid IS NULL OR id > $5::uuid)
        ORDER BY id LIMIT $6`,
      [session.tenantId, scopes.ids, session.userId, entity, at.after, want],
    );
    for (const r of rows) changes.push({ op: 'put', entity, id: r.id, version: int(r.version), row: r.data });
    const lastId = rows.at(-1)?.id;
    if (rows.length === want && lastId) return { changes, more: true, boot: { ...at, after: lastId } };
    at = at.phase === 0 ? { phase: 1, entity: 0, after: null } : { phase: 1, entity: at.entity + 1, after: null };
  }
}
