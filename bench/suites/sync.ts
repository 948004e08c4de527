/**
 * Sync suite: Core's sync client against a server in a child process (bench/sync-server.ts, PGlite
 * in memory seeded with the server's demo tenant), over loopback.
 *
 * - bootstrap: a Core signs in (as the demo supervisor, who sees every team) and fills an empty
 *   cache; baseline: the same rows bulk-inserted into an empty cache with prepared INSERTs.
 * - push: mutations queued while the server is unreachable, then sent until all are acknowledged;
 *   baseline: a raw multi-row upsert of the same ticket records in the server's database (the median of three).
 * - propagation, idle consoles, fan-out: lightweight consoles (bench/lite-console.ts).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import type { SyncStatus } from '../../shared/contract/channels.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol.ts';
import { type Core, openCore } from '../../electron/core/index.ts';
import { amount, figure, latency, rate, type Figure } from '../figures.ts';
import { openLiteConsole, pullToHead, type Session, signIn } from '../lite-console.ts';
import { percentiles, type Timing } from '../measure.ts';
import { SERVER_V8_FLAGS } from '../../server/v8-flags.ts';

const SERVER_SCRIPT = fileURLToPath(new URL('../sync-server.ts', import.meta.url));
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
/** Closed tickets cannot be edited; the mutations go to unsolved ones. */
const OPEN = ['new', 'open', 'pending', 'on_hold'];
const OPEN_SQL = OPEN.map((s) => `'${s}'`).join(', ');
/** Tables a bootstrap fills, for the row count and the bulk-insert baseline. */
const CACHE_TABLES = ['tenants', 'teams', 'users', 'user_teams', 'accounts', 'contacts', 'tickets', 'messages', 'ticket_events'];

export interface SyncOptions {
  /** Tickets in the server's demo tenant. */
  tickets: number;
  seed: number;
  /** Mutations queued offline, then pushed. */
  queued: number;
  /** Messages edited on the server while the console is offline, then caught up on. */
  catchUp: number;
  /** Console counts of the propagation figures. */
  crowds: number[];
  /** Mutations per second, and for how long, in each propagation figure. */
  perSecond: number;
  seconds: number;
  idleConsoles: number;
  idleSeconds: number;
  /** Runs of the push and of each propagation figure: the figure is the median run, the note gives each. */
  runs: number;
  /** Why Core's sync client cannot be measured yet (it has not landed), or null when it can. */
  coreSyncPending: string | null;
  log: (line: string) => void;
}

interface Ready {
  /** 'postgres' or 'pglite'. */
  store: string;
  url: string;
  password: string;
  users: { email: string; role: string }[];
  tickets: number;
  messages: number;
  seedMs: number;
  /** The server process's RSS once it listened, before any request. */
  rssMb: number;
}

/** A fork of bench/sync-server.ts and its request/answer channel. */
async function forkServer(
  args: string[],
  first: string,
): Promise<{
  hello: Record<string, unknown>;
  ask: (type: string, body?: object) => Promise<Record<string, unknown>>;
  child: ChildProcess;
}> {
  const child = fork(SERVER_SCRIPT, args, {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // The V8 flags of `npm run server` (package.json), so the server is measured as it is run.
    execArgv: ['--expose-gc', ...SERVER_V8_FLAGS],
  });
  const waiting = new Map<number, (answer: Record<string, unknown>) => void>();
  let nextId = 1;
  const hello = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the sync server (${args[0]}) exited (${code}) before it was ready`)));
    child.on('message', (m: Record<string, unknown>) => {
      if (m.type === first) resolve(m);
      else waiting.get(m.id as number)?.(m);
    });
  });
  child.removeAllListeners('exit');
  const ask = (type: string, body: object = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (answer) => {
        waiting.delete(id);
        if (answer.error) reject(new Error(String(answer.error)));
        else resolve(answer);
      });
      child.send({ id, type, ...body });
    });
  return { hello, ask, child };
}

/**
 * The server child process. With PostgreSQL a first process seeds the database and exits, and the
 * server runs in a second one that never held the seeder's rows: its RSS is the server's own.
 */
async function startServerProcess(
  tickets: number,
  seed: number,
): Promise<{ ready: Ready; ask: (type: string, body?: object) => Promise<Record<string, unknown>>; child: ChildProcess }> {
  const args = [String(tickets), String(seed)];
  if (!process.env.DATABASE_URL) {
    const served = await forkServer(['serve', ...args], 'ready');
    return { ready: served.hello as unknown as Ready, ask: served.ask, child: served.child };
  }
  const seeded = await forkServer(['seed', ...args], 'seeded');
  const served = await forkServer(['serve', ...args, String(seeded.hello.schema)], 'ready');
  const ready = { ...seeded.hello, ...served.hello, seedMs: seeded.hello.elapsedMs } as unknown as Ready;
  return { ready, ask: served.ask, child: served.child };
}

export async function runSyncSuite(o: SyncOptions): Promise<{ figures: Figure[]; notes: string[]; tickets: number }> {
  o.log(
    `  server: seeding ${o.tickets.toLocaleString('en')} demo tickets (child process, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
  );
  const server = await startServerProcess(o.tickets, o.seed);
  const { ready } = server;
  const email = (role: string) => ready.users.find((u) => u.role === role)?.email ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-sync-'));
  const figures: Figure[] = [];
  const notes: string[] = [
    `Sync: server in a child process (${ready.store === 'postgres' ? 'PostgreSQL on this machine, a schema of its own, seeded by another process beforehand' : 'PGlite in memory, seeded by the server process itself'}, the server's demo tenant: ${ready.tickets.toLocaleString('en')} tickets, ${ready.messages.toLocaleString('en')} messages, seeded in ${(ready.seedMs / 1000).toFixed(0)} s); a "console" in the propagation, idle and fan-out figures is a lightweight sync client in the bench process (bench/lite-console.ts): one live WebSocket and its own pull cursor; a poke carrying the changes from exactly its cursor is applied as is (as Core does), any other poke makes it pull until the server has nothing more; they share one signed-in agent device session. Latency is from the moment a supervisor's push is sent to the moment a console has the changed ticket (from a poke or a pull).`,
  ];
  try {
    if (o.coreSyncPending) notes.push(`Sync: bootstrap and the push of queued mutations are pending: ${o.coreSyncPending}.`);
    else {
      o.log('  bootstrap and push through Core');
      figures.push(...(await coreFigures(o, ready, email('supervisor'), dir, server.ask)));
    }

    const receivers = await signIn(ready.url, email('agent'), ready.password, uuidv7());
    const sender = await signIn(ready.url, email('supervisor'), ready.password, uuidv7());
    const head = await pullToHead(receivers, null);
    const tickets = [...head.tickets]
      .filter(([, row]) => OPEN.includes(String(row.status)))
      .map(([id, row]) => ({ id, priority: String(row.priority) }));
    const pusher = createPusher(sender);
    let cursor = head.cursor;
    // The idle consoles come before the crowds: what 1,000 sockets add to the server's memory is
    // then not hidden by memory the 500-console crowd left behind (the figures keep their order).
    o.log(`  ${o.idleConsoles} idle consoles`);
    const idle = await idleAndFanOut(receivers, cursor, tickets, pusher, o, server.ask, ready.rssMb);
    for (const crowd of o.crowds) {
      o.log(`  propagation, ${crowd} consoles at ${o.perSecond} mutations/s for ${o.seconds} s`);
      const runs: (Awaited<ReturnType<typeof propagation>> & { timing: Timing; delivered: number })[] = [];
      for (let run = 0; run < o.runs; run++) {
        cursor = (await pullToHead(receivers, cursor)).cursor;
        const r = await propagation(receivers, cursor, crowd, tickets, pusher, o, server.ask);
        runs.push({ ...r, timing: percentiles(r.latencies), delivered: r.latencies.length - r.missing });
      }
      // The run whose p99 is the median: the figure's latencies are that run's own.
      const result = medianRun(runs, (r) => r.timing.p99);
      const delivered = result.delivered;
      const failed = runs.reduce((n, r) => n + r.failedPulls, 0);
      const retried = failed ? `; ${failed.toLocaleString('en')} pulls failed and were tried again` : '';
      const superseded = runs.reduce((n, r) => n + r.superseded, 0);
      const later = superseded ? `; ${superseded.toLocaleString('en')} deliveries came as a later change of their ticket` : '';
      const missing = result.missing
        ? `; ${result.missing.toLocaleString('en')} of ${(crowd * o.perSecond * o.seconds).toLocaleString('en')} deliveries had not arrived ${o.seconds + 10} s after sending began${result.unsent ? ` (${result.unsent} mutations were still waiting to be pushed)` : ''}; each counts with its wait until then (a lower bound)`
        : '';
      figures.push(
        figure({
          id: `sync.propagation-${crowd}`,
          label: `propagation console -> server -> ${crowd} console${crowd === 1 ? '' : 's'}, ${o.perSecond} mutations/s`,
          value: latency(result.timing),
          note: `${runsNote(runs, (r) => `p50 ${r.timing.p50.toFixed(1)} / p99 ${r.timing.p99.toFixed(1)} ms`)}${missing}${retried}${later}`,
        }),
        // The server's own CPU (its process), apart from the simulated consoles' (this process):
        // on a machine with few cores the consoles compete with the server they measure.
        figure({
          id: `sync.propagation-${crowd}-server-cpu`,
          label: `propagation to ${crowd} console${crowd === 1 ? '' : 's'}: server CPU per delivered change`,
          value: amount(delivered ? (result.serverCpuMs * 1000) / delivered : 0, 'µs'),
          note: `the median run by latency (${runsNote(runs, (r) => `${r.delivered ? ((r.serverCpuMs * 1000) / r.delivered).toFixed(1) : '-'} µs`)}): ${delivered.toLocaleString('en')} deliveries in ${(result.windowMs / 1000).toFixed(1)} s: the server used ${((result.serverCpuMs / result.windowMs) * 100).toFixed(0)} % of a core (${result.serverCpuMs > 0 ? Math.round((delivered / result.serverCpuMs) * 1000).toLocaleString('en') : '-'} deliveries per second of one core), the consoles and the sender ${((result.consolesCpuMs / result.windowMs) * 100).toFixed(0)} % of a core`,
        }),
      );
    }
    figures.push(...idle);
  } finally {
    // A clean exit (rather than a kill) lets the server flush what it was asked to record, such as
    // a CPU profile under NODE_OPTIONS=--cpu-prof; a server that does not stop in time is killed.
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    // A server stuck in its shutdown (sockets that never finish closing) must not hold the run.
    const patience = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
    await Promise.race([server.ask('stop').catch(() => {}), patience]);
    await Promise.race([exited, patience]);
    server.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  return { figures, notes, tickets: ready.tickets };
}

/** Bootstrap and the offline push, through Core's own sync client. */
async function coreFigures(
  o: SyncOptions,
  ready: Ready,
  email: string,
  dir: string,
  ask: (type: string, body?: object) => Promise<Record<string, unknown>>,
): Promise<Figure[]> {
  let offline = false;
  const gatedFetch: typeof fetch = (input, init) =>
    offline ? Promise.reject(new TypeError('fetch failed: offline (benchmark)')) : fetch(input, init);
  const databasePath = join(dir, 'console.db');
  const core = openCore({
    databasePath,
    transport: 'direct',
    log: () => {},
    sync: { serverUrl: ready.url, deviceName: 'bench', fetch: gatedFetch },
  });
  try {
    const t0 = performance.now();
    const signedIn = await core.dispatch('session.signIn', { serverUrl: ready.url, email, password: ready.password });
    if (!signedIn.ok) throw new Error(`session.signIn: ${signedIn.error.code} ${signedIn.error.message}`);
    // A bootstrap takes minutes per 100k tickets here: allow half an hour before calling it stuck.
    await waitForStatus(core, (s) => s.lastSyncedAt !== null && s.connection === 'online', 30 * 60_000);
    const bootstrapMs = performance.now() - t0;
    const rows = countRows(databasePath);
    const baselineMs = bulkInsertBaseline(databasePath, join(dir, 'baseline.db'));

    // The push, `o.runs` times: each run queues its mutations offline again, pushes them, and
    // times the raw upsert of the same tickets right after (RAW_UPSERTS times).
    const pushes: { ms: number; rawMs: number; raws: number[]; serverCpuMs: number; queued: number; tickets: number }[] = [];
    for (let run = 0; run < o.runs; run++) {
      const ids = new Sqlite(databasePath, { readonly: true })
        .prepare(`SELECT id, priority FROM tickets WHERE status IN (${OPEN_SQL}) ORDER BY id LIMIT ?`)
        .all(o.queued) as { id: string; priority: string }[];
      offline = true;
      for (let i = 0; i < o.queued; i++) {
        const t = ids[i % ids.length] as { id: string; priority: string };
        const next = PRIORITIES[(PRIORITIES.indexOf(t.priority as (typeof PRIORITIES)[number]) + 1 + Math.floor(i / ids.length)) % 4];
        const r = await core.dispatch('mutations.run', { name: 'ticket.update', args: { id: t.id, priority: next } });
        if (!r.ok) throw new Error(`mutations.run: ${r.error.code} ${r.error.message}`);
      }
      const queued = (await status(core)).pendingMutations;
      offline = false;
      const serverCpu0 = Number((await ask('cpu')).cpuMicros);
      const p0 = performance.now();
      await core.dispatch('sync.now', {});
      await waitForStatus(core, (s) => s.pendingMutations === 0);
      const ms = performance.now() - p0;
      const serverCpuMs = (Number((await ask('cpu')).cpuMicros) - serverCpu0) / 1000;
      // The raw upsert's commit waits for the disk, which on these machines varies several-fold from
      // one commit to the next: its median of three is the run's baseline, not one draw.
      const ticketIds = [...new Set(ids.map((t) => t.id))];
      const raws: number[] = [];
      for (let i = 0; i < RAW_UPSERTS; i++) raws.push(Number((await ask('upsert', { ticketIds })).ms));
      pushes.push({ ms, rawMs: medianRun(raws, (r) => r), raws, serverCpuMs, queued, tickets: ids.length });
    }
    const push = medianRun(pushes, (r) => r.ms / r.rawMs);

    // Catch-up: the console is away while the server's messages change, then pulls them all.
    offline = true;
    const changed = await ask('change', { rows: o.catchUp });
    offline = false;
    const c0 = performance.now();
    // A round the poke started while offline may still be failing: sync.now then returns with
    // its error, and the next one pulls.
    for (let tries = 0; ; tries++) {
      const r = await core.dispatch('sync.now', {});
      if (!r.ok) throw new Error(`sync.now: ${r.error.code} ${r.error.message}`);
      if ((r.value as SyncStatus).lastError === null) break;
      if (tries === 3) throw new Error(`catch-up: ${JSON.stringify((r.value as SyncStatus).lastError)}`);
    }
    const catchUpMs = performance.now() - c0;
    const edited = new Sqlite(databasePath, { readonly: true })
      .prepare("SELECT count(*) FROM messages WHERE body LIKE '% (edited)'")
      .pluck()
      .get() as number;
    if (edited !== Number(changed.rows)) throw new Error(`catch-up: ${edited} of ${String(changed.rows)} edited messages arrived`);
    const baselineRate = rate(rows, baselineMs, 'rows/s');
    return [
      figure({
        id: 'sync.bootstrap',
        label: `bootstrap from the server over loopback (${rows.toLocaleString('en')} rows)`,
        value: rate(rows, bootstrapMs, 'rows/s'),
        baseline: { label: 'raw SQLite bulk insert of the same rows and their search index', value: baselineRate },
        note: `${(bootstrapMs / 1000).toFixed(1)} s from session.signIn to the first completed sync`,
      }),
      figure({
        id: 'sync.catch-up',
        label: `catch-up apply of ${edited.toLocaleString('en')} changed rows`,
        value: rate(edited, catchUpMs, 'rows/s'),
        baseline: { label: 'raw SQLite bulk insert rate of the bootstrap figure', value: baselineRate },
        note: `messages edited on the server (${Number(changed.versions).toLocaleString('en')} tenant versions) while the console was offline; ${(catchUpMs / 1000).toFixed(1)} s from sync.now until the pull reached the head`,
      }),
      figure({
        id: 'sync.push-10k',
        label: `${push.queued.toLocaleString('en')} queued mutations pushed until acknowledged`,
        value: amount(push.ms, 'ms'),
        baseline: { label: 'raw multi-row upsert of the same ticket records (median of 3)', value: amount(push.rawMs, 'ms') },
        scale: push.queued,
        note: `ticket.update (priority) queued offline on ${push.tickets.toLocaleString('en')} tickets; ${runsNote(pushes, (r) => `${r.ms.toFixed(0)} ms, ${(r.ms / r.rawMs).toFixed(1)}x raw (raw ${r.raws.map((x) => x.toFixed(0)).join('/')} ms), server CPU ${r.serverCpuMs.toFixed(0)} ms`)} (the rest of the time is PostgreSQL and Core)`,
      }),
    ];
  } finally {
    core.close();
  }
}

/** Raw upserts per push run; the run's baseline is their median. */
const RAW_UPSERTS = 3;

/** The run at the median of `key` (the lower middle one of an even count). */
function medianRun<T>(runs: readonly T[], key: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** How many runs the figure is the median of, and each run as `describe` puts it. */
function runsNote<T>(runs: readonly T[], describe: (run: T) => string): string {
  return runs.length === 1 ? `one run: ${describe(runs[0]!)}` : `median of ${runs.length} runs: ${runs.map(describe).join('; ')}`;
}

async function status(core: Core): Promise<SyncStatus> {
  const r = await core.dispatch('sync.status', {});
  if (!r.ok) throw new Error(`sync.status: ${r.error.message}`);
  return r.value as SyncStatus;
}

/** Resolves when Core's sync status satisfies `done`, checked now and on every sync.changed event. */
function waitForStatus(core: Core, done: (s: SyncStatus) => boolean, timeoutMs = 600_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('timed out waiting for the sync status')), timeoutMs);
    let unsubscribe = () => {};
    const finish = (err?: Error) => {
      clearTimeout(timer);
      unsubscribe();
      if (err) reject(err);
      else resolve();
    };
    const check = () => status(core).then((s) => done(s) && finish(), finish);
    unsubscribe = core.subscribe((name) => {
      if (name === 'sync.changed') void check();
    });
    void check();
  });
}

function countRows(databasePath: string): number {
  const db = new Sqlite(databasePath, { readonly: true });
  try {
    return CACHE_TABLES.reduce((n, table) => n + (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number), 0);
  } finally {
    db.close();
  }
}

/**
 * Copies the bootstrapped rows, and their search index, into an empty cache (same schema, via
 * openCore) with prepared INSERTs, 5,000 per transaction.
 */
function bulkInsertBaseline(sourcePath: string, targetPath: string): number {
  openCore({ databasePath: targetPath, transport: 'direct', log: () => {} }).close();
  const source = new Sqlite(sourcePath, { readonly: true });
  const target = new Sqlite(targetPath);
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = NORMAL');
  target.pragma('foreign_keys = OFF');
  try {
    const tables = CACHE_TABLES.map((table) => {
      const rows = source.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][];
      const columns = source
        .prepare(`SELECT * FROM ${table} LIMIT 0`)
        .columns()
        .map((c) => c.name);
      const writable = (target.pragma(`table_xinfo(${table})`) as { name: string; hidden: number }[])
        .filter((c) => c.hidden === 0)
        .map((c) => c.name);
      const keep = columns.map((c, i) => (writable.includes(c) ? i : -1)).filter((i) => i >= 0);
      const insert = target.prepare(
        `INSERT INTO ${table} (${keep.map((i) => columns[i]).join(', ')}) VALUES (${keep.map(() => '?').join(', ')})`,
      );
      return { rows: rows.map((r) => keep.map((i) => r[i])), insert };
    });
    // The search index is part of what a bootstrap writes, so the baseline writes it too.
    tables.push({
      rows: source.prepare('SELECT * FROM search_docs').raw().all() as unknown[][],
      insert: target.prepare('INSERT INTO search_docs VALUES (?, ?, ?, ?, ?)'),
    });
    for (const index of ['search_index', 'directory_index'])
      tables.push({
        rows: source.prepare(`SELECT rowid, kind, title, body FROM ${index}`).raw().all() as unknown[][],
        insert: target.prepare(`INSERT INTO ${index} (rowid, kind, title, body) VALUES (?, ?, ?, ?)`),
      });
    const start = performance.now();
    for (const { rows, insert } of tables) {
      for (let from = 0; from < rows.length; from += 5000) {
        target.transaction(() => {
          for (const row of rows.slice(from, from + 5000)) insert.run(row);
        })();
      }
    }
    return performance.now() - start;
  } finally {
    source.close();
    target.close();
  }
}

/**
 * The sender console's pushes, raw protocol: one mutation per push with ids 1, 2, 3 …, each sent
 * after the previous one is answered, as a client must (ids arrive in order or the server answers
 * 409). `settled` resolves when every push so far is answered and rejects if one failed; `drop`
 * abandons the pushes still waiting (their ids are reused), for a figure that ran out of time.
 */
function createPusher(s: Session) {
  let id = 0;
  let lastSent = 0;
  let chain: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  let dropping = false;
  let dropped = 0;
  const send = async (mutation: { id: number; name: string; args: unknown }) => {
    if (dropping) {
      dropped++;
      return;
    }
    const res = await fetch(`${s.serverUrl}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.session.accessToken}` },
      body: JSON.stringify({
        clientId: s.clientId,
        schemaVersion: SYNC_SCHEMA_VERSION,
        mutations: [{ ...mutation, clientTime: Date.now() }],
      }),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`push failed: HTTP ${res.status} ${body}`);
    lastSent = mutation.id;
  };
  const settled = async () => {
    await chain;
    if (failure) throw failure;
  };
  return {
    push(name: string, args: unknown): void {
      const mutation = { id: ++id, name, args };
      chain = chain.then(() => (failure ? undefined : send(mutation))).catch((err: unknown) => void (failure ??= err));
    },
    settled,
    /** Abandons the queued pushes; returns how many were never sent. */
    async drop(): Promise<number> {
      dropping = true;
      await settled();
      dropping = false;
      id = lastSent;
      const count = dropped;
      dropped = 0;
      return count;
    },
  };
}

type Pusher = ReturnType<typeof createPusher>;

/** The next priority of a ticket, remembered so every mutation really changes it. */
function nextPriority(t: { priority: string }): string {
  t.priority = PRIORITIES[(PRIORITIES.indexOf(t.priority as (typeof PRIORITIES)[number]) + 1) % 4] as string;
  return t.priority;
}

async function propagation(
  receivers: Session,
  cursor: string,
  crowd: number,
  tickets: { id: string; priority: string }[],
  pusher: Pusher,
  o: SyncOptions,
  ask: (type: string, body?: object) => Promise<Record<string, unknown>>,
): Promise<{
  latencies: number[];
  missing: number;
  unsent: number;
  failedPulls: number;
  /** Deliveries that came as a later change of the same ticket. */
  superseded: number;
  serverCpuMs: number;
  consolesCpuMs: number;
  windowMs: number;
}> {
  const total = o.perSecond * o.seconds;
  if (tickets.length * 3 < total)
    throw new Error(`${total} mutations need ${Math.ceil(total / 3)} tickets in the agent's view, there are ${tickets.length}`);
  // Each ticket changes at most three times per figure, so (ticket, priority) names one mutation.
  const sentAt = new Map<string, number>();
  /** Each ticket's mutations (as keys) in the order they were sent. */
  const sentKeys = new Map<string, string[]>();
  let superseded = 0;
  const latencies: number[] = [];
  const expected = total * crowd;
  let resolveAll: () => void = () => {};
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const seenBy: Set<string>[] = [];
  const consoles = Array.from({ length: crowd }, () => {
    const seen = new Set<string>();
    seenBy.push(seen);
    return openLiteConsole(receivers, cursor, (id, row) => {
      const keys = sentKeys.get(id) ?? [];
      const upTo = keys.indexOf(`${id}:${String(row.priority)}`);
      // A row carries the ticket as it is now: a console that pulls after two changes of one
      // ticket gets only the later one, and has the earlier one (superseded) at the same moment.
      for (const key of keys.slice(0, upTo + 1)) {
        if (seen.has(key)) continue;
        seen.add(key);
        if (key !== keys[upTo]) superseded++;
        latencies.push(performance.now() - sentAt.get(key)!);
      }
      if (latencies.length === expected) resolveAll();
    });
  });
  try {
    await Promise.all(consoles.map((c) => c.ready));
    const serverBefore = Number((await ask('cpu')).cpuMicros);
    const consolesBefore = process.cpuUsage();
    const start = performance.now();
    for (let k = 0; k < total; k++) {
      const due = start + (k * 1000) / o.perSecond;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      const t = tickets[k % tickets.length] as { id: string; priority: string };
      const priority = nextPriority(t);
      sentAt.set(`${t.id}:${priority}`, performance.now());
      sentKeys.set(t.id, [...(sentKeys.get(t.id) ?? []), `${t.id}:${priority}`]);
      pusher.push('ticket.update', { id: t.id, priority });
    }
    // Everything must have arrived within 10 s after the last mutation was due; what has not is reported missing.
    await Promise.race([all, new Promise((r) => setTimeout(r, Math.max(0, start + (o.seconds + 10) * 1000 - performance.now())))]);
    const deadline = performance.now();
    const consolesCpu = process.cpuUsage(consolesBefore);
    const serverCpuMs = (Number((await ask('cpu')).cpuMicros) - serverBefore) / 1000;
    const unsent = await pusher.drop();
    const missing = expected - latencies.length;
    // A delivery that never came counts with the time it had been waiting at the deadline: a lower
    // bound, so the percentiles never look better than what happened.
    for (const [key, at] of sentAt) for (const seen of seenBy) if (!seen.has(key)) latencies.push(deadline - at);
    return {
      latencies,
      missing,
      unsent,
      failedPulls: consoles.reduce((n, c) => n + c.failedPulls(), 0),
      superseded,
      serverCpuMs,
      consolesCpuMs: (consolesCpu.user + consolesCpu.system) / 1000,
      windowMs: deadline - start,
    };
  } finally {
    for (const c of consoles) c.close();
  }
}

/**
 * Idle consoles: connected, caught up, nothing happening; the server's RSS and CPU over a quiet
 * window (baseline: the same server process just before the consoles connected, after the earlier
 * figures; both after a garbage collection). Then one change, and the time until every console has it.
 */
async function idleAndFanOut(
  receivers: Session,
  cursor: string,
  tickets: { id: string; priority: string }[],
  pusher: Pusher,
  o: SyncOptions,
  ask: (type: string, body?: object) => Promise<Record<string, unknown>>,
  startRssMb: number,
): Promise<Figure[]> {
  const before = await ask('stats');
  const target = tickets[0] as { id: string; priority: string };
  let key = '';
  let sentAt = 0;
  const arrivals: number[] = [];
  let resolveAll: () => void = () => {};
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const consoles = Array.from({ length: o.idleConsoles }, () =>
    openLiteConsole(receivers, cursor, (id, row) => {
      if (!key || `${id}:${String(row.priority)}` !== key) return;
      arrivals.push(performance.now() - sentAt);
      if (arrivals.length === o.idleConsoles) resolveAll();
    }),
  );
  try {
    await Promise.all(consoles.map((c) => c.ready));
    const s1 = await ask('stats');
    const w1 = performance.now();
    await new Promise((r) => setTimeout(r, o.idleSeconds * 1000));
    const s2 = await ask('stats');
    const cpuPercent = ((Number(s2.cpuMicros) - Number(s1.cpuMicros)) / 1000 / (performance.now() - w1)) * 100;

    const priority = nextPriority(target);
    key = `${target.id}:${priority}`;
    sentAt = performance.now();
    pusher.push('ticket.update', { id: target.id, priority });
    await pusher.settled();
    await Promise.race([all, new Promise((r) => setTimeout(r, 30_000))]);
    const idleBaseline = { label: 'the same server with no console connected', value: amount(Number(before.rssMb), 'MB') };
    return [
      figure({
        id: 'sync.idle-rss',
        label: `${o.idleConsoles} idle consoles: server RSS`,
        value: amount(Number(s2.rssMb), 'MB'),
        baseline: idleBaseline,
        scale: o.idleConsoles,
        note: `the consoles added ${(Number(s2.rssMb) - Number(before.rssMb)).toFixed(1)} MB (${(((Number(s2.rssMb) - Number(before.rssMb)) * 1024) / o.idleConsoles).toFixed(0)} KB each); the server process had ${startRssMb.toFixed(0)} MB when it began listening, and its V8 heap is ${Number(s2.heapMb).toFixed(0)} MB`,
      }),
      figure({
        id: 'sync.idle-cpu',
        label: `${o.idleConsoles} idle consoles: server CPU over ${o.idleSeconds} s`,
        value: amount(cpuPercent, '% of a core'),
      }),
      figure({
        id: 'sync.fan-out',
        label: `fan-out of one change to ${o.idleConsoles} consoles`,
        value: latency(percentiles(arrivals)),
        note:
          arrivals.length < o.idleConsoles
            ? `${o.idleConsoles - arrivals.length} consoles had not received it after 30 s`
            : `the last console had it after ${Math.max(...arrivals).toFixed(0)} ms`,
      }),
    ];
  } finally {
    for (const c of consoles) c.close();
  }
}
