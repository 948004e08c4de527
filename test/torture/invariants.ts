/**
 * The invariants of the sync design handout (SYNC.md, 1-12), checked after the faults healed and
 * every outbox drained, from what can be observed: each console's SQLite file, the server's
 * tables, and what each proxy saw the console receive.
 */
import Sqlite from 'better-sqlite3';
import { createRecordStore } from '../../electron/core/sync/record-store.ts';
import type { PullResponse, SyncEntity } from '../../shared/sync/protocol.ts';
import { SYNC_ENTITIES } from '../../shared/sync/protocol.ts';
import { seesScope } from '../../shared/sync/scopes.ts';
import { type Scope, type ScopeKind } from '../../shared/sync/scope-rules.ts';
import type { Console, Person, World } from './world.ts';

/** Core's table of each synced entity (electron/core/sync/record-store.ts). */
const TABLE: Record<SyncEntity, string> = {
  tenant: 'tenants',
  team: 'teams',
  user: 'users',
  account: 'accounts',
  contact: 'contacts',
  ticket: 'tickets',
  message: 'messages',
  ticket_event: 'ticket_events',
  ticket_link: 'ticket_links',
  interaction: 'interactions',
  task: 'tasks',
  feedback: 'feedback',
  business_calendar: 'business_calendars',
  business_calendar_version: 'business_calendar_versions',
  sla_policy: 'sla_policies',
  sla_policy_version: 'sla_policy_versions',
  macro: 'macros',
  kb_article: 'kb_articles',
  saved_view: 'saved_views',
  account_health: 'account_healths',
  health_settings: 'health_settings',
  agent_presence: 'agent_presences',
  presence_event: 'presence_events',
  routing_rule: 'routing_rules',
  shift_template: 'shift_templates',
  shift_week: 'shift_weeks',
  time_off: 'time_offs',
  staffing_assumption: 'staffing_assumptions',
  shift_swap: 'shift_swaps',
  complaint_category: 'complaint_categories',
  complaint_category_name: 'complaint_category_names',
};

export interface Violation {
  invariant: number;
  name: string;
  detail: string;
}

type Dump = Map<string, Record<string, unknown>>;

/** JSON with object keys sorted (jsonb reorders keys). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/** Every synced record in a console's cache, by `entity:id`. */
export function dumpCache(path: string): Dump {
  const db = new Sqlite(path, { readonly: true });
  try {
    const store = createRecordStore(db);
    const out: Dump = new Map();
    for (const entity of SYNC_ENTITIES) {
      const ids = db.prepare(`SELECT id FROM ${TABLE[entity]}`).pluck().all() as string[];
      for (const id of ids) out.set(`${entity}:${id}`, store.get(entity, id) as unknown as Record<string, unknown>);
    }
    return out;
  } finally {
    db.close();
  }
}

export function localState(path: string): { cursor: string | null; outbox: number; issues: { mutation_id: number; kind: string }[] } {
  const db = new Sqlite(path, { readonly: true });
  try {
    return {
      cursor: db.prepare('SELECT cursor FROM sync_state WHERE id = 1').pluck().get() as string | null,
      outbox: db.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
      issues: db.prepare('SELECT mutation_id, kind FROM sync_issues ORDER BY mutation_id').all() as { mutation_id: number; kind: string }[],
    };
  } finally {
    db.close();
  }
}

/** The readable part of an opaque cursor (the server signs it; the test only reads it). */
export function cursorState(cursor: string | null): { v: number; boot: boolean } | null {
  if (!cursor) return null;
  const json = JSON.parse(Buffer.from(cursor.split('.')[0] ?? '', 'base64url').toString('utf8')) as { v: number; boot?: unknown };
  return { v: json.v, boot: json.boot !== undefined };
}

interface ServerRecord {
  entity: SyncEntity;
  id: string;
  scope: string;
  scope_kind: ScopeKind;
  account_scope: string | null;
  data: Record<string, unknown>;
}

/** Whether the person, holding `teams`, sees a scope: the shared scope rule, with the accounts they own. */
function visibleTo(w: World, person: Person, teams: readonly string[], scope: Scope): boolean {
  const ownedAccountIds = w.account.ownerId === person.user.id ? [w.account.id] : [];
  return seesScope({ ...person.user, teamIds: teams, ownedAccountIds }, scope);
}

/** The cache a console must hold: the server's live records in its person's current scopes. */
function expectedCache(w: World, records: ServerRecord[], person: Person): Dump {
  const teams = person.teamHistory.at(-1)!.teams;
  const out: Dump = new Map();
  for (const r of records) {
    const scopes: Scope[] = [{ id: r.scope, kind: r.scope_kind }];
    if (r.account_scope) scopes.push({ id: r.account_scope, kind: 'account' });
    if (scopes.some((s) => visibleTo(w, person, teams, s))) out.set(`${r.entity}:${r.id}`, r.data);
  }
  return out;
}

/** Differences between a cache and what it should be (fields the cache keeps, compared canonically). */
function compare(actual: Dump, expected: Dump, limit = 5): string[] {
  const diffs: string[] = [];
  for (const [key, want] of expected) {
    const have = actual.get(key);
    if (!have) diffs.push(`missing ${key}`);
    else
      for (const field of Object.keys(have))
        if (canonical(have[field]) !== canonical(want[field]))
          diffs.push(`${key}.${field}: cache ${canonical(have[field])} server ${canonical(want[field])}`);
    if (diffs.length >= limit) return diffs;
  }
  for (const key of actual.keys()) if (!expected.has(key)) diffs.push(`extra ${key} (outside its scopes or deleted)`);
  return diffs.slice(0, limit);
}

function compareDumps(a: Dump, b: Dump, limit = 5): string[] {
  const diffs: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [x, y] = [a.get(key), b.get(key)];
    if (!x || !y) diffs.push(`${key} only in the ${x ? 'long-lived' : 'fresh'} console`);
    else if (canonical(x) !== canonical(y)) diffs.push(`${key}: long-lived ${canonical(x)} fresh ${canonical(y)}`);
    if (diffs.length >= limit) break;
  }
  return diffs;
}

/** Pages a console applied: those whose cursor it later asked from (or holds now). */
function appliedPages(c: Console, finalCursor: string | null): Extract<PullResponse, { kind: 'page' }>[] {
  const asked = new Set(c.proxy.pulls.map((p) => p.requestCursor));
  if (finalCursor) asked.add(finalCursor);
  const out: Extract<PullResponse, { kind: 'page' }>[] = [];
  for (const p of c.proxy.pulls) if (p.page.kind === 'page' && !p.broken && asked.has(p.page.cursor)) out.push(p.page);
  return out;
}

export async function checkInvariants(w: World, fresh: Console | null): Promise<Violation[]> {
  const v: Violation[] = [];
  const fail = (invariant: number, name: string, detail: string) => v.push({ invariant, name, detail });
  const { db } = w.cluster;
  const { rows: records } = await db.query<ServerRecord>(
    'SELECT entity, id::text AS id, scope::text AS scope, scope_kind, account_scope::text AS account_scope, data FROM records WHERE tenant_id = $1 AND NOT deleted',
    [w.tenantId],
  );
  const consoles = w.consoles.filter((c) => c !== fresh);

  // 1. Convergence.
  const dumps = new Map<Console, Dump>();
  for (const c of consoles) {
    const dump = dumpCache(c.path);
    dumps.set(c, dump);
    for (const d of compare(dump, expectedCache(w, records, c.person))) fail(1, 'convergence', `${c.name}: ${d}`);
  }

  // 2. Incremental equals fresh.
  if (fresh) {
    const long = consoles.find((c) => c.person === fresh.person);
    if (long)
      for (const d of compareDumps(dumps.get(long)!, dumpCache(fresh.path))) fail(2, 'incremental equals fresh', `${long.name}: ${d}`);
  }

  // 3, 5 and 11. Every queued mutation has one terminal result; refused ones exactly one visible record.
  for (const c of consoles) {
    const local = localState(c.path);
    if (local.outbox) fail(3, 'no lost mutation', `${c.name}: ${local.outbox} mutations still in the outbox`);
    const sent = Math.max(0, ...c.queued.keys());
    const { rows } = await db.query<{ lmid: unknown }>('SELECT last_mutation_id AS lmid FROM clients WHERE id = $1', [c.clientId]);
    const lmid = Number(rows[0]?.lmid ?? 0);
    if (lmid !== sent) fail(5, 'per-client order', `${c.name}: server processed through ${lmid}, the console queued ${sent}`);
    const { rows: refused } = await db.query<{ mutation_id: unknown; status: string }>(
      "SELECT mutation_id, result ->> 'status' AS status FROM mutation_results WHERE client_id = $1 ORDER BY mutation_id",
      [c.clientId],
    );
    const onServer = refused.map((r) => `${Number(r.mutation_id)}:${r.status === 'rejected' ? 'rejection' : 'conflict'}`);
    const seen = local.issues.map((i) => `${i.mutation_id}:${i.kind}`);
    if (onServer.join() !== seen.join())
      fail(
        11,
        'one visible record per conflict or rejection',
        `${c.name}: server refused [${onServer.join(' ')}], console shows [${seen.join(' ')}]`,
      );
    for (const p of c.proxy.pushes) {
      const ids = p.request.mutations.map((m) => m.id);
      if (p.response.results.map((r) => r.id).join() !== ids.join())
        fail(
          3,
          'no lost mutation',
          `${c.name}: a push of [${ids.join()}] was answered for [${p.response.results.map((r) => r.id).join()}]`,
        );
    }
  }

  // 4. Exactly once: counters equal recounts, and every applied message and ticket exists once.
  const messagesByTicket = new Map<string, number>();
  for (const r of records)
    if (r.entity === 'message') messagesByTicket.set(String(r.data.ticketId), (messagesByTicket.get(String(r.data.ticketId)) ?? 0) + 1);
  for (const r of records)
    if (r.entity === 'ticket' && r.data.messageCount !== (messagesByTicket.get(r.id) ?? 0))
      fail(4, 'exactly once', `ticket ${r.id}: messageCount ${String(r.data.messageCount)}, ${messagesByTicket.get(r.id) ?? 0} messages`);
  const live = new Set(records.map((r) => `${r.entity}:${r.id}`));
  for (const c of consoles) {
    const { rows: refused } = await db.query<{ mutation_id: unknown }>('SELECT mutation_id FROM mutation_results WHERE client_id = $1', [
      c.clientId,
    ]);
    const refusedIds = new Set(refused.map((r) => Number(r.mutation_id)));
    for (const [id, m] of c.queued) {
      if (refusedIds.has(id)) continue;
      const args = m.args as { id?: string; ticket?: { id: string } };
      if (m.name === 'message.append' && !live.has(`message:${args.id}`))
        fail(4, 'exactly once', `${c.name} #${id}: applied message ${args.id} is missing`);
      if (m.name === 'ticket.create' && !live.has(`ticket:${args.ticket?.id}`))
        fail(4, 'exactly once', `${c.name} #${id}: applied ticket is missing`);
    }
  }

  // 6 and 7. Applied pages: cursors and the acknowledged mutation id never go back; nor does a row's version.
  for (const c of consoles) {
    const final = localState(c.path).cursor;
    let lastV = -1;
    let lastLmid = -1;
    const versions = new Map<string, number>();
    for (const page of appliedPages(c, final)) {
      const at = cursorState(page.cursor)!;
      if (at.v < lastV) fail(7, 'monotonic', `${c.name}: cursor went back from ${lastV} to ${at.v}`);
      // A page inside a bootstrap vouches for no mutation yet (0: acknowledges nothing, drops nothing).
      if (at.boot && page.lastMutationId !== 0)
        fail(5, 'per-client order', `${c.name}: a bootstrap page before the last acknowledged ${page.lastMutationId}`);
      else if (!at.boot && page.lastMutationId < lastLmid)
        fail(5, 'per-client order', `${c.name}: acknowledged id went back from ${lastLmid} to ${page.lastMutationId}`);
      lastV = Math.max(lastV, at.v);
      lastLmid = Math.max(lastLmid, page.lastMutationId);
      for (const ch of page.changes) {
        const key = `${ch.entity}:${ch.id}`;
        if (ch.op === 'put' && ch.version < (versions.get(key) ?? 0))
          fail(7, 'monotonic', `${c.name}: ${key} delivered at version ${ch.version} after ${versions.get(key)}`);
        versions.set(key, Math.max(ch.version, versions.get(key) ?? 0));
      }
    }
  }

  // 9. Permission safety: every row ever delivered was in the person's scopes at the time.
  const { rows: puts } = await db.query<{ entity: string; id: string; version: unknown; scope: string; scope_kind: ScopeKind }>(
    "SELECT entity, id::text AS id, version, scope::text AS scope, scope_kind FROM changes WHERE tenant_id = $1 AND op = 'put'",
    [w.tenantId],
  );
  // A write has a 'put' under each scope of its record: the delivery is safe if any of them is the person's.
  const scopesAt = new Map<string, Scope[]>();
  for (const p of puts) {
    const at = `${p.entity}:${p.id}@${Number(p.version)}`;
    scopesAt.set(at, [...(scopesAt.get(at) ?? []), { id: p.scope, kind: p.scope_kind }]);
  }
  for (const c of w.consoles) {
    for (const p of c.proxy.pulls) {
      if (p.page.kind !== 'page') continue;
      const teams = new Set(c.person.teamHistory.filter((h) => h.from <= p.t1 && h.until >= p.t0).flatMap((h) => h.teams));
      for (const ch of p.page.changes) {
        if (ch.op !== 'put') continue;
        const scopes = scopesAt.get(`${ch.entity}:${ch.id}@${ch.version}`);
        if (!scopes)
          fail(9, 'permission safety', `${c.name}: received ${ch.entity} ${ch.id}@${ch.version}, which the change log never wrote`);
        else if (!scopes.some((s) => visibleTo(w, c.person, [...teams], s)))
          fail(
            9,
            'permission safety',
            `${c.name}: received ${ch.entity} ${ch.id} of scopes ${scopes.map((s) => `${s.kind} ${s.id}`).join(', ')}, outside its scopes`,
          );
      }
    }
  }

  // 10. Business rules: no closed ticket reopened, nothing added to a closed thread, the rogue refused.
  for (const r of records) {
    if (r.entity === 'ticket_event' && r.data.kind === 'status' && r.data.from === 'closed')
      fail(10, 'business rules', `ticket ${String(r.data.ticketId)} was reopened from closed to ${String(r.data.to)}`);
    if (r.entity === 'ticket' && r.data.mergedIntoId && r.data.status !== 'closed')
      fail(10, 'business rules', `merged ticket ${r.id} is not closed`);
  }
  // "After" in server order (versions), not by timestamps: a message and a close each carry the time
  // their person acted (docs/sync-protocol.md, acted-at time), and offline work may be older than
  // what committed before it.
  const closedAtVersion = new Map<string, number>();
  for (const r of records) {
    if (r.entity !== 'ticket_event') continue;
    const closes = (r.data.kind === 'status' && r.data.to === 'closed') || (r.data.kind === 'merged' && 'into' in Object(r.data.to));
    if (!closes) continue;
    const id = String(r.data.ticketId);
    closedAtVersion.set(id, Math.min(closedAtVersion.get(id) ?? Infinity, Number(r.data.version)));
  }
  for (const r of records) {
    if (r.entity !== 'message' || r.data.kind === 'system') continue;
    const closed = closedAtVersion.get(String(r.data.ticketId));
    if (closed !== undefined && Number(r.data.version) > closed)
      fail(10, 'business rules', `message ${r.id} (${String(r.data.kind)}) was added to ticket ${String(r.data.ticketId)} after it closed`);
  }
  const { rows: rogue } = await db.query<{ mutation_id: unknown; status: string }>(
    "SELECT mutation_id, result ->> 'status' AS status FROM mutation_results WHERE client_id = $1",
    [w.rogue.clientId],
  );
  const rogueResults = new Map(rogue.map((r) => [Number(r.mutation_id), r.status]));
  for (const m of w.rogue.sent)
    if (rogueResults.get(m.id) !== 'rejected') fail(10, 'business rules', `the rogue's ${m.name} (#${m.id}) was not rejected`);

  return v;
}
