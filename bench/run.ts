/**
 * The benchmark suite: `npm run bench` (full) and `npm run bench:quick` (the small smoke run CI
 * executes: it proves every suite runs and produces figures, and asserts nothing about speed).
 *
 *   node bench/run.ts [--quick] [--tickets 10000|100000|1000000] [--seed 42] [--suite local,server,ui,sync,history]
 *                     [--sync-tickets N]  (the sync server's demo tenant; 10,000 in a full run)
 *
 * Prints a table, writes bench/results/<timestamp>.json and, after a full run of every suite,
 * docs/benchmarks.md (unless a suite crashed). Exits non-zero only when a suite crashed.
 */
import { parseArgs } from 'node:util';
import { openCore } from '../electron/core/index.ts';
import { buildRenderer } from './build-renderer.ts';
import { type Dataset, prepareDataset } from './dataset.ts';
import { type Figure, SUITES, type SuiteName, type SuiteResult } from './figures.ts';
import { describeMachine } from './machine.ts';
import { trackPeakRss } from './memory.ts';
import { type RunReport, terminalTable, writeDoc, writeJson } from './report.ts';
import { runLocalSuite } from './suites/local.ts';
import { runHistorySuite } from './suites/history.ts';
import { runServerSuite } from './suites/server.ts';
import { runSyncSuite } from './suites/sync.ts';
import { runUiSuite } from './suites/ui.ts';
import { judge } from './targets.ts';

const SIZES = [10_000, 100_000, 1_000_000];
const QUICK_TICKETS = 2000;
/**
 * The sync suite's server tenant in a full run, unless --sync-tickets says otherwise: bootstrapping
 * a console from a 100k-ticket server took longer than ten minutes here (see docs/benchmarks.md).
 */
const FULL_SYNC_TICKETS = 10_000;

/** How much each suite does: the quick run does just enough to produce every figure. */
const SCALE = {
  quick: {
    ...{ rounds: 3, pages: 10, actions: 50, requests: 2000, concurrency: 8, loadMs: 5000, navigations: 2, wheelSteps: 10, opens: 2 },
    history: { serverTickets: 300, threads: 20 },
    sync: {
      tickets: 300,
      queued: 200,
      catchUp: 1000,
      crowds: [1, 5, 20],
      perSecond: 50,
      seconds: 1,
      idleConsoles: 50,
      idleSeconds: 2,
      runs: 1,
    },
  },
  full: {
    ...{
      rounds: 20,
      pages: 40,
      actions: 500,
      requests: 20_000,
      concurrency: 32,
      loadMs: 15_000,
      navigations: 10,
      wheelSteps: 100,
      opens: 10,
    },
    /** The thread server's tenant: 20,000 tickets seed in PGlite in about a minute. */
    history: { serverTickets: 20_000, threads: 200 },
    sync: {
      tickets: FULL_SYNC_TICKETS,
      queued: 10_000,
      catchUp: 100_000,
      crowds: [1, 50, 500],
      perSecond: 50,
      seconds: 5,
      idleConsoles: 1000,
      idleSeconds: 10,
      /** Issue 17: every sync figure from at least three runs, judged on the median. */
      runs: 3,
    },
  },
};

function parseOptions() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      tickets: { type: 'string' },
      seed: { type: 'string', default: '42' },
      suite: { type: 'string', default: SUITES.join(',') },
      'sync-tickets': { type: 'string' },
    },
  });
  const suites = values.suite.split(',').map((s) => s.trim());
  const unknown = suites.filter((s) => !(SUITES as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown suite ${unknown.join(', ')}; choose from ${SUITES.join(', ')}`);
  const tickets = values.tickets === undefined ? (values.quick ? QUICK_TICKETS : 100_000) : Number(values.tickets);
  if (!values.quick && !SIZES.includes(tickets)) throw new Error(`--tickets must be one of ${SIZES.join(', ')}, not ${values.tickets}`);
  if (values.quick && (!Number.isInteger(tickets) || tickets < 1))
    throw new Error(`--tickets must be a positive whole number, not ${values.tickets}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not ${values.seed}`);
  const syncTickets = values['sync-tickets'] === undefined ? undefined : Number(values['sync-tickets']);
  if (syncTickets !== undefined && (!Number.isInteger(syncTickets) || syncTickets < 100))
    throw new Error(`--sync-tickets must be a whole number of at least 100, not ${values['sync-tickets']}`);
  return { quick: values.quick, tickets, seed, syncTickets, suites: suites as SuiteName[] };
}

/** Null when Core answers the session channels (its sync client has landed), else why not. */
async function coreSyncPending(): Promise<string | null> {
  const core = openCore({ databasePath: ':memory:', transport: 'direct', log: () => {} });
  try {
    const session = await core.dispatch('session.get', {});
    return session.ok ? null : `Core's sync client has not landed (session.get answers ${session.error.code})`;
  } finally {
    core.close();
  }
}

/** The command as a person would type it again; the database address itself is not printed. */
function commandLine(quick: boolean): string {
  const extra = process.argv.slice(2).filter((a) => a !== '--quick');
  const env = process.env.DATABASE_URL ? 'DATABASE_URL=<a local PostgreSQL> ' : '';
  return `${env}npm run ${quick ? 'bench:quick' : 'bench'}${extra.length ? ` -- ${extra.join(' ')}` : ''}`;
}

async function main() {
  const options = parseOptions();
  const scale = options.quick ? SCALE.quick : SCALE.full;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  // Described before the run: the load average then tells how busy the neighbours were.
  const machine = describeMachine();
  const log = (line: string) => console.log(line);
  const notes: string[] = [];
  const suites: SuiteResult[] = [];

  let dataset: Dataset | null = null;
  let syncTickets = 0;
  if (options.suites.some((s) => s === 'local' || s === 'ui' || s === 'history'))
    dataset = prepareDataset(options.tickets, options.seed, log);
  if (options.suites.includes('ui')) await buildRenderer(log);
  const needDataset = () => {
    if (!dataset) throw new Error('no dataset');
    return dataset;
  };

  for (const name of SUITES.filter((s) => options.suites.includes(s))) {
    log(`${name} suite`);
    const peak = trackPeakRss();
    const t0 = performance.now();
    const result = (status: SuiteResult['status'], figures: Figure[], reason?: string): SuiteResult => ({
      suite: name,
      status,
      ...(reason ? { reason } : {}),
      figures,
      peakRssMb: peak.stop(),
      elapsedMs: performance.now() - t0,
    });
    try {
      let out: { figures: Figure[]; notes: string[]; tickets?: number } | null = null;
      if (name === 'local') out = await runLocalSuite({ dataset: needDataset(), ...scale, sample: peak.sample, log });
      if (name === 'server')
        out = await runServerSuite({ requests: scale.requests, concurrency: scale.concurrency, maxMs: scale.loadMs, log });
      if (name === 'ui') out = await runUiSuite({ dataset: needDataset(), ...scale, log });
      if (name === 'sync') {
        const tickets = options.syncTickets ?? scale.sync.tickets;
        out = await runSyncSuite({ ...scale.sync, tickets, seed: options.seed, coreSyncPending: await coreSyncPending(), log });
      }
      if (name === 'history') out = await runHistorySuite({ dataset: needDataset(), ...scale.history, seed: options.seed, log });
      if (!out) throw new Error(`no suite named ${name}`);
      suites.push(result('ran', out.figures));
      notes.push(...out.notes);
      if (out.tickets !== undefined) syncTickets = out.tickets;
    } catch (err) {
      const reason = err instanceof Error ? (err.stack ?? err.message) : String(err);
      suites.push(result('failed', [], reason.split('\n')[0]));
      console.error(`${name} suite crashed:\n${reason}`);
    }
  }

  const report: RunReport = {
    startedAt,
    command: commandLine(options.quick),
    quick: options.quick,
    machine,
    dataset: dataset && {
      tickets: dataset.tickets,
      messages: dataset.messages,
      seed: dataset.seed,
      seeded: dataset.seeded,
      seedMs: dataset.seedMs,
      fold: dataset.fold,
    },
    suites,
    notes,
    verdicts: judge(suites, { local: dataset?.tickets ?? 0, ui: dataset?.tickets ?? 0, history: dataset?.tickets ?? 0, sync: syncTickets }),
    elapsedMs: performance.now() - started,
  };
  console.log('\n' + terminalTable(report));
  const jsonPath = writeJson(report);
  console.log(`\nresults: ${jsonPath.slice(jsonPath.indexOf('bench/results/'))}`);
  const crashed = suites.filter((s) => s.status === 'failed').map((s) => s.suite);
  // The doc holds the latest complete full run: a run with a crashed suite does not replace it.
  if (!options.quick && options.suites.length === SUITES.length && crashed.length === 0) {
    await writeDoc(report);
    console.log('docs/benchmarks.md updated');
  }
  const empty = suites.filter((s) => s.status === 'ran' && s.figures.length === 0).map((s) => s.suite);
  if (crashed.length || empty.length) {
    console.error(`failed: ${[...crashed, ...empty.map((s) => `${s} (no figures)`)].join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
