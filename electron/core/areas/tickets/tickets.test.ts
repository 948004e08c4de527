import Sqlite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TicketListRow } from '../../../../shared/contract/channels.ts';
import { PRIORITY_RANK } from '../../../../shared/domain/enums.ts';
import type { TicketSort } from '../../../../shared/domain/records.ts';
import { BUILTIN_VIEWS, builtinView } from '../../../../shared/domain/views.ts';
import { NO_DUE_KEY } from '../../db/migrations/001_initial.ts';
import { call, seededCore } from '../../testing/fixtures.ts';
import { resolveMe } from '../../repositories/ticket-filter.ts';
import { ticketListSql } from './tickets.ts';

type Page = { rows: TicketListRow[]; nextCursor: string | null };
type Directory = { me: { id: string; teamIds: string[] } };

const core = seededCore(1200);
let me: Directory['me'];
beforeAll(async () => {
  me = (await call<Directory>(core, 'directory.get', {})).me;
});

async function walk(input: Record<string, unknown>, limit = 37): Promise<{ rows: TicketListRow[]; pages: number }> {
  const rows: TicketListRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Page = await call<Page>(core, 'tickets.list', { ...input, cursor, limit });
    rows.push(...page.rows);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null && pages < 1000);
  return { rows, pages };
}

const sortKey: Record<TicketSort, (r: TicketListRow) => (number | string)[]> = {
  updated_desc: (r) => [-r.updatedAt, r.id],
  created_desc: (r) => [-r.createdAt, r.id],
  created_asc: (r) => [r.createdAt, r.id],
  priority_desc: (r) => [-PRIORITY_RANK[r.priority], -r.updatedAt, r.id],
  due_asc: (r) => [r.nextDueAt ?? NO_DUE_KEY, r.id],
};

function inOrder(rows: TicketListRow[], sort: TicketSort): boolean {
  const key = sortKey[sort];
  const descendingId = sort !== 'created_asc' && sort !== 'due_asc';
  return rows.every((row, i) => {
    if (i === 0) return true;
    const a = key(rows[i - 1]!);
    const b = key(row);
    for (let k = 0; k < a.length - 1; k++) if (a[k] !== b[k]) return (a[k] as number) < (b[k] as number);
    const [x, y] = [a[a.length - 1] as string, b[b.length - 1] as string];
    return descendingId ? x > y : x < y;
  });
}

describe('tickets.list', () => {
  it.each(['updated_desc', 'created_desc', 'created_asc', 'priority_desc', 'due_asc'] as const)(
    'keyset paging with sort %s visits every ticket exactly once, in order',
    async (sort) => {
      const { rows, pages } = await walk({ sort });
      expect(pages).toBeGreaterThan(30);
      expect(rows).toHaveLength(1200);
      expect(new Set(rows.map((r) => r.id)).size).toBe(1200);
      expect(inOrder(rows, sort)).toBe(true);
    },
  );

  it('pages through a filtered queue without duplicates or gaps', async () => {
    const filter = { statuses: ['open', 'pending'], priorities: ['high', 'urgent'] };
    const all = await walk({ filter }, 200);
    const paged = await walk({ filter }, 7);
    expect(paged.rows.map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
    expect(all.rows.length).toBeGreaterThan(5);
    expect(all.rows.every((r) => ['open', 'pending'].includes(r.status) && ['high', 'urgent'].includes(r.priority))).toBe(true);
  });

  it('applies each filter', async () => {
    const { rows: everything } = await walk({}, 200);
    const sample = everything.find((r) => r.accountId && r.assigneeId && r.tags.length)!;
    const check = async (filter: Record<string, unknown>, predicate: (r: TicketListRow) => boolean) => {
      const { rows } = await walk({ filter }, 200);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBe(everything.filter(predicate).length);
    };
    await check({ types: ['incident'] }, (r) => r.type === 'incident');
    await check({ channels: ['phone', 'chat'] }, (r) => r.channel === 'phone' || r.channel === 'chat');
    await check({ assigneeIds: [sample.assigneeId] }, (r) => r.assigneeId === sample.assigneeId);
    await check({ assigneeIds: [null] }, (r) => r.assigneeId === null);
    await check({ assigneeIds: [sample.assigneeId, null] }, (r) => r.assigneeId === null || r.assigneeId === sample.assigneeId);
    await check({ teamIds: [sample.teamId] }, (r) => r.teamId === sample.teamId);
    await check({ accountIds: [sample.accountId] }, (r) => r.accountId === sample.accountId);
    await check({ requesterIds: [sample.requesterId] }, (r) => r.requesterId === sample.requesterId);
    await check({ customerTypes: ['upset'] }, (r) => r.customerType === 'upset');
    await check({ tags: [sample.tags[0]] }, (r) => r.tags.includes(sample.tags[0]!));
    const mid = everything[600]!.createdAt;
    await check({ createdFrom: mid }, (r) => r.createdAt >= mid);
    await check({ updatedTo: mid }, (r) => r.updatedAt <= mid);
    await check({ assigneeIds: ['me'] }, (r) => r.assigneeId === me.id);
  });

  it('combines a built-in view with the caller filter and uses the view sort', async () => {
    const mine = await walk({ view: 'mine' }, 50);
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.assigneeId === me.id && ['new', 'open', 'pending', 'on_hold'].includes(r.status))).toBe(true);
    const minePending = await walk({ view: 'mine', filter: { statuses: ['pending'] } }, 50);
    expect(minePending.rows.every((r) => r.status === 'pending' && r.assigneeId === me.id)).toBe(true);
    const unassigned = await walk({ view: 'unassigned' }, 50);
    expect(unassigned.rows.every((r) => r.assigneeId === null)).toBe(true);
    expect(inOrder(unassigned.rows, 'created_asc')).toBe(true);
    const myTeams = await walk({ view: 'my_teams' }, 50);
    expect(myTeams.rows.every((r) => me.teamIds.includes(r.teamId))).toBe(true);
    const atRisk = await walk({ view: 'sla_at_risk' }, 50);
    expect(atRisk.rows.length).toBeGreaterThan(0);
    expect(atRisk.rows.every((r) => r.nextDueAt !== null && r.status !== 'pending')).toBe(true);
    expect(inOrder(atRisk.rows, 'due_asc')).toBe(true);
  });

  it('refuses a tampered cursor, or one from another sort, as VALIDATION', async () => {
    const first = await call<Page>(core, 'tickets.list', { limit: 10 });
    const cursor = first.nextCursor!;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    const forged = Buffer.from(JSON.stringify([decoded[0], 'DROP TABLE tickets', decoded[2]])).toString('base64url');
    for (const bad of [cursor.slice(0, -3), forged, 'not a cursor!', Buffer.from('{}').toString('base64url')]) {
      const result = await core.dispatch('tickets.list', { limit: 10, cursor: bad });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    const otherSort = await core.dispatch('tickets.list', { limit: 10, cursor, sort: 'created_asc' });
    expect(otherSort).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('returns a ticket with its thread, authors named, and its events', async () => {
    const { rows } = await call<Page>(core, 'tickets.list', { filter: { statuses: ['closed'] }, limit: 1 });
    const detail = await call<{
      ticket: { id: string; messageCount: number };
      messages: { kind: string; authorType: string; authorName: string | null; createdAt: number }[];
      events: { kind: string }[];
      requester: { id: string };
    }>(core, 'tickets.get', { id: rows[0]!.id });
    expect(detail.ticket.id).toBe(rows[0]!.id);
    expect(detail.messages).toHaveLength(detail.ticket.messageCount);
    expect(detail.messages[0]!.kind).toBe('inbound');
    expect(detail.messages.every((m) => (m.authorType === 'system' ? m.authorName === null : typeof m.authorName === 'string'))).toBe(true);
    expect(detail.messages.map((m) => m.createdAt)).toEqual([...detail.messages.map((m) => m.createdAt)].sort((a, b) => a - b));
    expect(detail.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'status']));
  });
});

describe('inbox query plans', () => {
  // "My tickets" alone is sorted: its rows come from the person's unsolved tickets in the board's
  // copy (a few dozen), which beats walking their assignee index past every ticket they ever solved.
  it('walks an index in sort order for every built-in view and sort, never sorting the whole match set', () => {
    const db = new Sqlite(core.databasePath, { readonly: true });
    try {
      const plans: string[] = [];
      for (const view of BUILTIN_VIEWS) {
        const definition = builtinView(view, Date.now(), me.teamIds);
        for (const sort of [definition.sort, 'updated_desc'] as const) {
          const { sql, params } = ticketListSql({ filter: resolveMe(definition.filter, me.id), sort, cursor: null, limit: 50 });
          const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((p) => p.detail).join('; ');
          plans.push(`${view}/${sort}: ${plan}`);
        }
      }
      const mine = plans.filter((p) => p.startsWith('mine/'));
      expect(mine.every((p) => p.includes('SEARCH b USING PRIMARY KEY (assignee_id=?)') && p.includes('(id=?)'))).toBe(true);
      expect(plans.filter((p) => p.includes('TEMP B-TREE') && !p.startsWith('mine/'))).toEqual([]);
      expect(plans.filter((p) => /SCAN t(?! USING)/.test(p))).toEqual([]);
    } finally {
      db.close();
    }
  });
});
