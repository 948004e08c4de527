/**
 * Service levels in the console (docs/sla.md), two figures:
 *
 * - A ticket mutation with its SLA timers kept up to date (Core computes the ticket's snapshot
 *   again from its event log after every change) against the same mutation on a copy of the same
 *   cache without SLA policies, where no timer is computed: what keeping the timers costs.
 *   Issue 13's target: p95 at most 1.5x.
 * - The "SLA at risk" and "Breached" queues' first page in due order over the suite's dataset,
 *   through Core's dispatch, against the bare SQL of the same filter and order. Issue 13's target:
 *   p95 at most 5 ms over 1M tickets.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite, { type Database } from 'better-sqlite3';
import { builtinView } from '../shared/domain/views.ts';
import { type Core, openCore, seedDemo } from '../electron/core/index.ts';
import { countConditions, resolveMe } from '../electron/core/repositories/ticket-filter.ts';
import { figure, latency, type Figure } from './figures.ts';
import { PAGE } from './inbox-page.ts';
import { percentiles, sampleMany } from './measure.ts';

/** The mutation figure's own cache: enough tickets for realistic event logs, small enough to seed in seconds. */
export const SLA_MUTATION_TICKETS = 2_000;
const NOW = Date.UTC(2026, 2, 10, 15, 30);
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Open tickets the console's person may edit, with a policy covering them (they have timers). */
function editableTickets(raw: Database): string[] {
  return raw
    .prepare(
      `SELECT id FROM tickets WHERE status IN ('new', 'open') AND sla IS NOT NULL
         AND team_id IN (SELECT team_id FROM user_teams WHERE user_id = (SELECT user_id FROM sync_state WHERE id = 1))
       ORDER BY updated_at DESC LIMIT 50`,
    )
    .pluck()
    .all() as string[];
}

export async function slaMutationFigure(o: { actions: number; seed: number; sample: () => void }): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-sla-'));
  const withTimers = join(dir, 'with.db');
  const without = join(dir, 'without.db');
  const seeding = openCore({ databasePath: withTimers, transport: 'direct', now: () => NOW, log: () => {}, integrityCheckDelayMs: null });
  seedDemo(seeding, { tickets: SLA_MUTATION_TICKETS, seed: o.seed, now: NOW });
  seeding.close();
  copyFileSync(withTimers, without);
  const bare = new Sqlite(without);
  const ticketIds = editableTickets(bare);
  // No policy: the refresher finds none to apply and computes no timer (it still reads the ticket's log).
  bare.exec('DELETE FROM sla_policies');
  bare.close();

  const cores = [withTimers, without].map((path) =>
    openCore({ databasePath: path, transport: 'direct', now: () => NOW, log: () => {}, integrityCheckDelayMs: null }),
  );
  try {
    const measure = (core: Core) =>
      sampleMany(
        o.actions,
        (i) =>
          call(core, 'mutations.run', {
            name: 'ticket.update',
            args: { id: ticketIds[i % ticketIds.length], priority: PRIORITIES[i % 4] },
          }),
        // A first round over every ticket: without policies, each snapshot is cleared once first.
        { warmup: ticketIds.length, between: o.sample },
      );
    const [ours, base] = [await measure(cores[0]!), await measure(cores[1]!)];
    return figure({
      id: 'local.sla-mutation',
      label: `ticket mutation keeping its SLA timers, ${SLA_MUTATION_TICKETS.toLocaleString('en')}-ticket cache`,
      value: latency(percentiles(ours)),
      baseline: { label: 'the same mutation on a copy without SLA policies (no timers computed)', value: latency(percentiles(base)) },
      note: 'mutations.run ticket.update (priority: re-targets every running timer) on open tickets of the console’s teams',
    });
  } finally {
    for (const core of cores) core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "SLA at risk" and "Breached", first page in due order, through Core and as bare SQL. */
export async function slaQueueFigures(
  core: Core,
  raw: Database,
  o: { rounds: number; tickets: number; sample: () => void },
): Promise<Figure[]> {
  const meId = raw.prepare('SELECT user_id FROM sync_state WHERE id = 1').pluck().get() as string | null;
  const myTeamIds = raw.prepare('SELECT team_id FROM user_teams WHERE user_id = ?').pluck().all(meId) as string[];
  const figures: Figure[] = [];
  for (const view of ['sla_at_risk', 'sla_breached'] as const) {
    // Prepared once, at this run's now: a bare program would not compile the statement per page.
    const { where, params } = countConditions(resolveMe(builtinView(view, Date.now(), myTeamIds).filter, meId));
    const statement = raw.prepare(`SELECT t.* FROM tickets t WHERE ${where.join(' AND ')} ORDER BY t.due_key, t.id LIMIT ${PAGE}`);
    const bareFirstPage = () => statement.all(...params);
    const ours = await sampleMany(o.rounds * 10, () => call(core, 'tickets.list', { view, limit: PAGE }), { warmup: 3, between: o.sample });
    const base = await sampleMany(o.rounds * 10, bareFirstPage, { warmup: 3, between: o.sample });
    const name = view === 'sla_at_risk' ? '“SLA at risk”' : '“Breached”';
    figures.push(
      figure({
        id: view === 'sla_at_risk' ? 'local.sla-at-risk-queue' : 'local.sla-breached-queue',
        label: `${name} queue, first page of ${PAGE} in due order, ${o.tickets.toLocaleString('en')} tickets`,
        value: latency(percentiles(ours)),
        baseline: { label: 'raw SQL: the same filter, ORDER BY due_key, id LIMIT 50', value: latency(percentiles(base)) },
      }),
    );
  }
  return figures;
}
