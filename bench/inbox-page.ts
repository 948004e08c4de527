/**
 * Inbox page latency over a large cache: `node bench/inbox-page.ts --tickets 100000`.
 *
 * Seeds (or reuses) the cached demo database (bench/dataset.ts), then times the `tickets.list` handler
 * through dispatch (input validation, query, output validation: what the UI pays per page) for a
 * page of 50 across the built-in views, every sort, filters and deep pages reached by cursor,
 * and the raw keyset SQL of the plainest case as a baseline. Target: p95 < 5 ms at 100k tickets.
 */
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import { BUILTIN_VIEWS } from '../shared/domain/views.ts';
import { TicketSort } from '../shared/domain/records.ts';
import { type Core, openCore } from '../electron/core/index.ts';
import { prepareDataset } from './dataset.ts';
import { formatTiming, percentiles, time, type Timing } from './measure.ts';

export const PAGE = 50;

export interface InboxCase {
  label: string;
  input: Record<string, unknown>;
  /** How many pages to walk by cursor (each page timed). */
  pages: number;
}

export function inboxCases(): InboxCase[] {
  return [
    ...BUILTIN_VIEWS.map((view) => ({ label: `view ${view}`, input: { view }, pages: 1 })),
    ...TicketSort.options.map((sort) => ({ label: `all, sort ${sort}`, input: { sort }, pages: 1 })),
    { label: 'status open, priority_desc', input: { filter: { statuses: ['open'] }, sort: 'priority_desc' }, pages: 1 },
    { label: 'tag billing', input: { filter: { tags: ['billing'] } }, pages: 1 },
    {
      label: 'customer type upset, unsolved',
      input: { filter: { customerTypes: ['upset'], statuses: ['new', 'open', 'pending', 'on_hold'] } },
      pages: 1,
    },
    { label: 'urgent+high in my teams', input: { view: 'my_teams', filter: { priorities: ['urgent', 'high'] } }, pages: 1 },
    { label: 'deep: all updated_desc, pages 1-40', input: {}, pages: 40 },
    { label: 'deep: my_teams, pages 1-20', input: { view: 'my_teams' }, pages: 20 },
    { label: 'deep: all created_asc, pages 1-40', input: { sort: 'created_asc' }, pages: 40 },
  ];
}

/** Times each case `rounds` times; every page of a multi-page case is one sample. */
export async function measureInboxPages(core: Core, rounds: number): Promise<{ label: string; timing: Timing; samples: number[] }[]> {
  const results: { label: string; timing: Timing; samples: number[] }[] = [];
  for (const c of inboxCases()) {
    const samples: number[] = [];
    for (let r = 0; r < rounds; r++) {
      let cursor: string | null = null;
      for (let p = 0; p < c.pages; p++) {
        let next: string | null = null;
        samples.push(
          await time(async () => {
            const result = await core.dispatch('tickets.list', { ...c.input, cursor, limit: PAGE });
            if (!result.ok) throw new Error(`${c.label}: ${result.error.message}`);
            next = (result.value as { nextCursor: string | null }).nextCursor;
          }),
        );
        if (next === null) break;
        cursor = next;
      }
    }
    results.push({ label: c.label, timing: percentiles(samples), samples });
  }
  return results;
}

/** The same first-and-deeper pages of "all, most recently updated" as bare keyset SQL. */
export async function measureRawKeyset(databasePath: string, rounds: number, pages: number): Promise<Timing> {
  const db = new Sqlite(databasePath, { readonly: true });
  const first = db.prepare('SELECT id, updated_at FROM tickets ORDER BY updated_at DESC, id DESC LIMIT ?');
  const next = db.prepare('SELECT id, updated_at FROM tickets WHERE (updated_at, id) < (?, ?) ORDER BY updated_at DESC, id DESC LIMIT ?');
  const samples: number[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      let last: { id: string; updated_at: number } | undefined;
      for (let p = 0; p < pages; p++) {
        samples.push(
          await time(() => {
            const rows = (last ? next.all(last.updated_at, last.id, PAGE) : first.all(PAGE)) as { id: string; updated_at: number }[];
            last = rows[rows.length - 1];
          }),
        );
      }
    }
  } finally {
    db.close();
  }
  return percentiles(samples);
}

async function main() {
  const { values } = parseArgs({
    options: {
      tickets: { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '20' },
      seed: { type: 'string', default: '42' },
    },
  });
  const rounds = Number(values.rounds);
  const dataset = prepareDataset(Number(values.tickets), Number(values.seed), (line) => console.log(line));
  const core = openCore({ databasePath: dataset.databasePath, transport: 'direct' });
  try {
    // A warm-up round: the first run of each statement pays for preparing it and for cold pages.
    await measureInboxPages(core, 1);
    console.log(`tickets.list through dispatch, page of ${PAGE}, ${rounds} rounds:`);
    const results = await measureInboxPages(core, rounds);
    for (const r of results) console.log('  ' + formatTiming(r.label, r.timing));
    const all = percentiles(results.flatMap((r) => r.samples));
    console.log('  ' + formatTiming('every page of every case', all));
    const raw = await measureRawKeyset(dataset.databasePath, rounds, 40);
    console.log('  ' + formatTiming('raw keyset SQL, all updated_desc, 40 pages', raw));
    const handler = results.find((r) => r.label.startsWith('deep: all updated_desc'))?.timing;
    if (handler) console.log(`  handler / raw SQL at p95 (same pages): ${(handler.p95 / raw.p95).toFixed(1)}x`);
    const worst = results.reduce((a, b) => (b.timing.p95 > a.timing.p95 ? b : a));
    console.log(
      `\np95 over every page: ${all.p95.toFixed(3)} ms -> ${all.p95 < 5 ? 'PASS' : 'FAIL'} (target < 5 ms at ${dataset.tickets.toLocaleString('en')} tickets)`,
    );
    console.log(`slowest case at p95: ${worst.label}, ${worst.timing.p95.toFixed(3)} ms`);
  } finally {
    core.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
