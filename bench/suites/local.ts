/**
 * Local suite: what a person waits for in the console, measured at Core's dispatch (input
 * validation, the query, output validation: what every renderer call pays before transport), each
 * against the raw SQLite statements that do the same work, run on the same database in the same
 * run.
 */
import Sqlite, { type Database } from 'better-sqlite3';
import { BUILTIN_VIEWS, builtinView } from '../../shared/domain/views.ts';
import { type Core, openCore } from '../../electron/core/index.ts';
import { countConditions, resolveMe } from '../../electron/core/repositories/ticket-filter.ts';
import { searchMatch } from '../../electron/core/search/match.ts';
import { accountRoomFigures } from '../account-room.ts';
import { workloadBoardFigure } from '../workload-board.ts';
import { metricsFigures } from '../metrics-report.ts';
import { slaMutationFigure, slaQueueFigures, slaRecomputeFigure } from '../sla.ts';
import type { Dataset } from '../dataset.ts';
import { figure, latency, type Figure } from '../figures.ts';
import { measureInboxPages, PAGE } from '../inbox-page.ts';
import { healthRecompute } from './health.ts';
import { routingDay } from './routing.ts';
import { forecastCoverageFigure } from '../forecast-coverage.ts';
import { percentiles, sampleMany } from '../measure.ts';
import { coldStart } from '../startup.ts';

export interface LocalOptions {
  dataset: Dataset;
  /** Repetitions of each measured sequence. */
  rounds: number;
  /** Pages walked by cursor in the inbox figure. */
  pages: number;
  /** Optimistic actions timed. */
  actions: number;
  sample: () => void;
  log: (line: string) => void;
}

/** Words typed into search, prefix by prefix: common ones match a large share of the messages. */
export const SEARCH_WORDS = [
  { word: 'thanks', kind: 'English, common' },
  { word: 'invoice', kind: 'English, common' },
  { word: 'redirects', kind: 'English, rare' },
  { word: '您好', kind: 'Chinese, common' },
  { word: '退款', kind: 'Chinese, common' },
  { word: '红字发票', kind: 'Chinese, rare' },
] as const;
/**
 * What the search palette asks for on each keystroke (renderer/src/features/palette/use-search.ts):
 * up to this many hits of each kind, grouped. The raw baseline is one MATCH for as many rows.
 */
const HITS_PER_KIND = 6;
const SEARCH_LIMIT = 3 * HITS_PER_KIND;

export async function runLocalSuite(o: LocalOptions): Promise<{ figures: Figure[]; notes: string[] }> {
  // Before this suite holds the file open: each round opens it as a start does.
  o.log('  cold start');
  const start = await coldStart(o.dataset.databasePath, o.rounds);
  // The background integrity check would compete with the figures for the second core.
  const core = openCore({ databasePath: o.dataset.databasePath, transport: 'direct', log: () => {}, integrityCheckDelayMs: null });
  // The baselines run on their own connection, as a bare program would.
  const raw = new Sqlite(o.dataset.databasePath);
  raw.pragma('journal_mode = WAL');
  const figures: Figure[] = [start.figure];
  const notes: string[] = [start.note];
  try {
    o.log('  inbox page');
    figures.push(...(await inboxPage(core, raw, o)));
    o.log('  view counts');
    figures.push(await viewCounts(core, raw, o));
    o.log('  ticket open');
    figures.push(await ticketOpen(core, raw, o));
    o.log('  optimistic action');
    const action = await optimisticAction(core, raw, o);
    if ('pending' in action) notes.push(action.pending);
    else figures.push(action);
    o.log('  search keystrokes');
    figures.push(...(await searchKeystrokes(core, raw, o)));
    o.log('  health of 10,000 accounts');
    figures.push(healthRecompute(Math.max(3, o.rounds), o.dataset.seed));
    o.log('  a simulated day of routing');
    figures.push(...routingDay(o.dataset.seed));
    o.log('  forecast and coverage');
    figures.push(await forecastCoverageFigure(core, raw, o));
    o.log('  workload board');
    figures.push(await workloadBoardFigure(core, raw, o));
    o.log('  service metrics');
    figures.push(...(await metricsFigures(raw, { ...o, databasePath: o.dataset.databasePath })));
    o.log('  portfolio and account timeline');
    figures.push(...(await accountRoomFigures(o)));
    o.log('  SLA queues and a mutation keeping its timers');
    figures.push(...(await slaQueueFigures(core, raw, { ...o, tickets: o.dataset.tickets })));
    figures.push(await slaMutationFigure({ ...o, seed: o.dataset.seed }));
    o.log('  SLA timers recomputed after a calendar edit');
    figures.push(await slaRecomputeFigure(core, raw));
  } finally {
    raw.close();
    core.close();
  }
  return { figures, notes };
}

async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** The first `pages` pages of "All tickets" (most recently updated first), walked by cursor. */
async function walkAll(core: Core, pages: number, between: () => void): Promise<number[]> {
  const samples: number[] = [];
  let cursor: string | null = null;
  for (let p = 0; p < pages; p++) {
    const start = performance.now();
    const page: { nextCursor: string | null } = await call(core, 'tickets.list', { view: 'all', cursor, limit: PAGE });
    samples.push(performance.now() - start);
    between();
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return samples;
}

/**
 * The columns an inbox row shows (the ticket, its requester's, account's and assignee's names),
 * read as a bare program would: one keyset statement, rows left as SQLite returns them. CROSS JOIN
 * keeps tickets the outer loop, so the page is a walk along the updated_at index.
 */
const RAW_PAGE = `
  SELECT t.id, t.number, t.subject, t.status, t.priority, t.type, t.channel, t.requester_id, t.account_id, t.assignee_id,
         t.team_id, t.tags, t.escalation_tier, t.created_at, t.updated_at, t.message_count, t.due_key,
         c.name AS requester_name, c.customer_type, a.name AS account_name, u.name AS assignee_name
  FROM tickets t
  CROSS JOIN contacts c ON c.id = t.requester_id
  LEFT JOIN accounts a ON a.id = t.account_id
  LEFT JOIN users u ON u.id = t.assignee_id`;

export function rawPageStatements(raw: Database) {
  return {
    first: raw.prepare(`${RAW_PAGE} ORDER BY t.updated_at DESC, t.id DESC LIMIT ?`),
    next: raw.prepare(`${RAW_PAGE} WHERE (t.updated_at, t.id) < (?, ?) ORDER BY t.updated_at DESC, t.id DESC LIMIT ?`),
  };
}

/** The same pages as bare keyset SQL. */
function rawKeysetWalk(raw: Database, pages: number, between: () => void): number[] {
  const { first, next } = rawPageStatements(raw);
  const samples: number[] = [];
  let last: { id: string; updated_at: number } | undefined;
  for (let p = 0; p < pages; p++) {
    const start = performance.now();
    const rows = (last ? next.all(last.updated_at, last.id, PAGE) : first.all(PAGE)) as { id: string; updated_at: number }[];
    samples.push(performance.now() - start);
    between();
    last = rows.at(-1);
    if (!last) break;
  }
  return samples;
}

async function inboxPage(core: Core, raw: Database, o: LocalOptions): Promise<Figure[]> {
  await walkAll(core, o.pages, o.sample);
  rawKeysetWalk(raw, o.pages, o.sample);
  const ours: number[] = [];
  const base: number[] = [];
  // Interleaved rounds, so a noisy neighbour hurts both sides alike.
  for (let r = 0; r < o.rounds; r++) {
    ours.push(...(await walkAll(core, o.pages, o.sample)));
    base.push(...rawKeysetWalk(raw, o.pages, o.sample));
  }
  const baseline = { label: `raw keyset SQL, same ${o.pages} pages`, value: latency(percentiles(base)) };
  const everyCase = await measureInboxPages(core, Math.max(1, Math.round(o.rounds / 4)));
  return [
    figure({
      id: 'local.inbox-page',
      label: `inbox page of ${PAGE}, All tickets, pages 1-${o.pages}`,
      value: latency(percentiles(ours)),
      baseline,
    }),
    figure({
      id: 'local.inbox-page-mix',
      label: 'inbox page, every view, sort and filter case',
      value: latency(percentiles(everyCase.flatMap((c) => c.samples))),
      baseline,
      note: 'the cases of bench/inbox-page.ts (views, sorts, filters, deep pages)',
    }),
  ];
}

/** The baseline of the sidebar's counts: a COUNT(*) of each built-in queue's filter, for the cache's person. */
export function rawViewCounts(raw: Database): () => unknown[] {
  const now = Date.now();
  const meId = raw.prepare('SELECT user_id FROM sync_state WHERE id = 1').pluck().get() as string | null;
  const myTeamIds = raw.prepare('SELECT team_id FROM user_teams WHERE user_id = ?').pluck().all(meId) as string[];
  const statements = BUILTIN_VIEWS.map((view) => {
    const { where, params } = countConditions(resolveMe(builtinView(view, now, myTeamIds).filter, meId));
    return { stmt: raw.prepare(`SELECT count(*) FROM tickets t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).pluck(), params };
  });
  return () => statements.map(({ stmt, params }) => stmt.get(...params));
}

/**
 * The sidebar's counts: one views.counts call (every built-in queue and every saved view, from
 * the counts Core keeps on write plus bounded index counts for the time-windowed queues) against
 * the raw SQL a bare program would run, a COUNT(*) of each built-in queue's filter.
 */
async function viewCounts(core: Core, raw: Database, o: LocalOptions): Promise<Figure> {
  const rawCounts = rawViewCounts(raw);
  const ours = await sampleMany(o.rounds * 4, () => call(core, 'views.counts', {}), { warmup: 3, between: o.sample });
  const base = await sampleMany(o.rounds * 4, rawCounts, { warmup: 3, between: o.sample });
  const { saved } = await call<{ saved: Record<string, unknown> }>(core, 'views.counts', {});
  return figure({
    id: 'local.view-counts',
    label: `view counts: all ${BUILTIN_VIEWS.length} built-in queues and ${Object.keys(saved).length} saved views, one views.counts call`,
    value: latency(percentiles(ours)),
    baseline: { label: `raw SQL COUNT(*) of each of the ${BUILTIN_VIEWS.length} built-in queues`, value: latency(percentiles(base)) },
    note: 'ticket_counts (kept by triggers) for status/team/assignee/priority queues; a LIMITed index count for the others',
  });
}

async function ticketOpen(core: Core, raw: Database, o: LocalOptions): Promise<Figure> {
  const id = o.dataset.longThreadTicketId;
  const statements = {
    ticket: raw.prepare('SELECT * FROM tickets WHERE id = ?'),
    contact: raw.prepare('SELECT * FROM contacts WHERE id = ?'),
    account: raw.prepare('SELECT * FROM accounts WHERE id = ?'),
    user: raw.prepare('SELECT id, name, role FROM users WHERE id = ?'),
    team: raw.prepare('SELECT id, name FROM teams WHERE id = ?'),
    messages: raw.prepare('SELECT * FROM messages WHERE ticket_id = ? ORDER BY created_at, id'),
    events: raw.prepare('SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY at, id'),
  };
  const rawOpen = () => {
    const t = statements.ticket.get(id) as { requester_id: string; account_id: string | null; assignee_id: string | null; team_id: string };
    statements.contact.get(t.requester_id);
    if (t.account_id) statements.account.get(t.account_id);
    if (t.assignee_id) statements.user.get(t.assignee_id);
    statements.team.get(t.team_id);
    statements.messages.all(id);
    statements.events.all(id);
  };
  const ours = await sampleMany(o.rounds * 5, () => call(core, 'tickets.get', { id }), { warmup: 3, between: o.sample });
  const base = await sampleMany(o.rounds * 5, rawOpen, { warmup: 3, between: o.sample });
  const detail = await call<{ messages: unknown[] }>(core, 'tickets.get', { id });
  return figure({
    id: 'local.ticket-open',
    label: `ticket open with its thread (${detail.messages.length} messages)`,
    value: latency(percentiles(ours)),
    baseline: { label: 'raw SELECTs of the ticket, people, messages, events', value: latency(percentiles(base)) },
  });
}

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/**
 * An optimistic action as the console performs it: mutations.run (the change, its outbox row and
 * the local effects in one transaction), then the re-query of the inbox page the renderer does on
 * data.changed. The baseline is a bare UPDATE and the bare keyset query of that page.
 */
async function optimisticAction(core: Core, raw: Database, o: LocalOptions): Promise<Figure | { pending: string }> {
  // Tickets the console's person may edit: open ones in their teams.
  const ticketIds = raw
    .prepare(
      `SELECT id FROM tickets WHERE status IN ('new', 'open')
         AND team_id IN (SELECT team_id FROM user_teams WHERE user_id = (SELECT user_id FROM sync_state WHERE id = 1))
       ORDER BY updated_at DESC LIMIT 50`,
    )
    .pluck()
    .all() as string[];
  const run = (i: number) =>
    core.dispatch('mutations.run', { name: 'ticket.update', args: { id: ticketIds[i % ticketIds.length], priority: PRIORITIES[i % 4] } });
  const probe = await run(0);
  if (!probe.ok) {
    return {
      pending: `Optimistic action: not measured, Core's mutations.run is not available yet (${probe.error.code}: ${probe.error.message.slice(0, 120)}).`,
    };
  }
  const action = async (i: number) => {
    const result = await run(i);
    if (!result.ok) throw new Error(`mutations.run: ${result.error.message}`);
    await call(core, 'tickets.list', { view: 'all', limit: PAGE });
  };
  const update = raw.prepare('UPDATE tickets SET priority = ?, updated_at = ? WHERE id = ?');
  const { first } = rawPageStatements(raw);
  const rawAction = (i: number) => {
    update.run(PRIORITIES[i % 4], Date.now(), ticketIds[i % ticketIds.length]);
    first.all(PAGE);
  };
  const ours = await sampleMany(o.actions, action, { warmup: 5, between: o.sample });
  const base = await sampleMany(o.actions, rawAction, { warmup: 5, between: o.sample });
  return figure({
    id: 'local.optimistic-action',
    label: 'optimistic action: mutations.run + inbox re-query',
    value: latency(percentiles(ours)),
    baseline: { label: 'raw UPDATE + raw keyset first page', value: latency(percentiles(base)) },
    note: "ticket.update (priority) on recently updated open tickets of the console's teams",
  });
}

/** Every prefix a person types on the way to `word` ("r", "re", … or 红, 红字, …). */
const prefixes = (word: string) => Array.from({ length: [...word].length }, (_, i) => [...word].slice(0, i + 1).join(''));

async function searchKeystrokes(core: Core, raw: Database, o: LocalOptions): Promise<Figure[]> {
  const rawMatch = raw.prepare('SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?');
  const perKind = new Map<string, { ours: number[]; base: number[] }>();
  const rounds = Math.max(2, Math.round(o.rounds / 2));
  for (const { word, kind } of SEARCH_WORDS) {
    const keystrokes = prefixes(word);
    const entry = perKind.get(kind) ?? { ours: [], base: [] };
    perKind.set(kind, entry);
    for (let r = 0; r <= rounds; r++) {
      const ours = await sampleMany(
        keystrokes.length,
        (i) => call(core, 'search.query', { q: keystrokes[i], perKind: true, limit: HITS_PER_KIND }),
        {
          between: o.sample,
        },
      );
      const base = await sampleMany(
        keystrokes.length,
        (i) => {
          const match = searchMatch(keystrokes[i] ?? '');
          if (match) rawMatch.all(match, SEARCH_LIMIT);
        },
        { between: o.sample },
      );
      // Round 0 warms the statements and the index pages.
      if (r === 0) continue;
      entry.ours.push(...ours);
      entry.base.push(...base);
    }
  }
  const all = [...perKind.values()];
  const words = SEARCH_WORDS.map((w) => w.word).join(', ');
  return [
    figure({
      id: 'local.search-keystroke',
      label: `search keystroke over ${o.dataset.messages.toLocaleString('en')} messages, every prefix, grouped as the palette shows it`,
      value: latency(percentiles(all.flatMap((e) => e.ours))),
      baseline: { label: `raw FTS5 MATCH … LIMIT ${SEARCH_LIMIT}`, value: latency(percentiles(all.flatMap((e) => e.base))) },
      note: `words typed: ${words}`,
    }),
    ...[...perKind].map(([kind, e]) =>
      figure({
        id: `local.search-keystroke.${kind.toLowerCase().replace(/[^a-z]+/g, '-')}`,
        label: `search keystroke, ${kind} words`,
        value: latency(percentiles(e.ours)),
        baseline: { label: 'raw FTS5 MATCH', value: latency(percentiles(e.base)) },
      }),
    ),
  ];
}
