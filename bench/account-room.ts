/**
 * The account manager's room (docs/accounts.md): the portfolio's first rows over 2,000 accounts
 * of one manager (all of them, and those whose health fell, over 400-day histories), and an account timeline's first page over 10,000 entries, each through Core's
 * dispatch against the bare SQL that reads the same rows. Its own small cache, so the figures do
 * not depend on the demo data's proportions.
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Sqlite from 'better-sqlite3';
import { openCore } from '../electron/core/index.ts';
import { figure, latency, type Figure } from './figures.ts';
import { percentiles, sampleMany } from './measure.ts';

export const PORTFOLIO_ACCOUNTS = 2_000;
export const TIMELINE_ENTRIES = 10_000;
/** Days of health history per account: the most the daily job keeps. */
const HISTORY_DAYS = 400;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10);
const id = (kind: number, n: number) => `01900000-0000-7000-8${kind}00-${n.toString(16).padStart(12, '0')}`;

export async function accountRoomFigures(o: { rounds: number; sample: () => void }): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-accounts-'));
  const path = join(dir, 'accounts.db');
  const core = openCore({ databasePath: path, transport: 'direct', now: () => NOW, log: () => {} });
  const raw = new Sqlite(path);
  try {
    const tenant = id(0, 0);
    const manager = id(1, 0);
    raw.transaction(() => {
      raw
        .prepare(
          `INSERT INTO users (id, tenant_id, name, email, role, skills, capacity, locale, active, created_at, updated_at)
           VALUES (?, ?, 'Grace Kim', 'grace@example.com', 'account_manager', '[]', 0, 'en', 1, ?, ?)`,
        )
        .run(manager, tenant, NOW, NOW);
      raw.prepare('UPDATE sync_state SET user_id = ?').run(manager);
      const account = raw.prepare(
        `INSERT INTO accounts (id, tenant_id, name, domain, tier, lifecycle_stage, owner_id, renewal_date, annual_value_minor, currency, health_score, notes, created_at, updated_at)
         VALUES (?, ?, ?, NULL, 'premium', 'active', ?, ?, ?, 'USD', ?, '', ?, ?)`,
      );
      for (let n = 0; n < PORTFOLIO_ACCOUNTS; n++) {
        const renewal = new Date(NOW + ((n * 37) % 400) * DAY).toISOString().slice(0, 10);
        account.run(id(2, n), tenant, `Account ${n}`, manager, renewal, (n * 7919) % 1_000_000, n % 101, NOW, NOW);
      }
      const interaction = raw.prepare(
        `INSERT INTO interactions (id, tenant_id, account_id, contact_id, ticket_id, kind, summary, occurred_at, author_id, created_at, updated_at)
         VALUES (?, ?, ?, NULL, NULL, ?, 'Checked in', ?, ?, ?, ?)`,
      );
      const kinds = ['call', 'meeting', 'email', 'note'];
      for (let n = 0; n < TIMELINE_ENTRIES; n++) {
        const at = NOW - n * 3_600_000;
        interaction.run(id(3, n), tenant, id(2, 0), kinds[n % 4], at, manager, at, at);
      }
      // One call on every other account, so each row has a last contact to find.
      for (let n = 1; n < PORTFOLIO_ACCOUNTS; n++) interaction.run(id(4, n), tenant, id(2, n), 'call', NOW - n * 60_000, manager, NOW, NOW);
      // Every account with the longest daily history kept (400 days); every tenth lost 10 points or more in its last week.
      const health = raw.prepare(
        `INSERT INTO account_healths (id, tenant_id, account_id, score, band, reasons, day, history, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'watch', '[]', ?, ?, 1, ?, ?)`,
      );
      for (let n = 0; n < PORTFOLIO_ACCOUNTS; n++) {
        const history = Array.from({ length: HISTORY_DAYS }, (_, d) => ({
          day: new Date(NOW - (HISTORY_DAYS - 1 - d) * DAY).toISOString().slice(0, 10),
          score: n % 10 === 0 && d >= HISTORY_DAYS - 7 ? 40 + (n % 7) : 60 + ((n + d) % 9),
        }));
        const last = history.at(-1)!;
        health.run(id(2, n), tenant, id(2, n), last.score, last.day, JSON.stringify(history), NOW, NOW);
      }
    })();

    const call = async (channel: string, input: unknown) => {
      const result = await core.dispatch(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    };
    const portfolioInput = { owner: 'me', sort: 'renewal', today: '2026-03-10', limit: 100 };
    const rawPortfolio = raw.prepare(
      `SELECT a.*, (SELECT max(occurred_at) FROM interactions i WHERE i.account_id = a.id) AS last_contact
       FROM accounts a WHERE a.owner_id = ? ORDER BY a.renewal_date, a.id LIMIT 100`,
    );
    const fellInput = { ...portfolioInput, healthFell: true };
    const rawFell = raw.prepare(
      `SELECT a.* FROM accounts a JOIN account_healths h ON h.id = a.id
       WHERE a.owner_id = ? AND h.score <= 50 ORDER BY a.renewal_date, a.id LIMIT 100`,
    );
    const timelineInput = { accountId: id(2, 0), limit: 30 };
    const rawTimeline = raw.prepare('SELECT * FROM interactions WHERE account_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 30');
    const measure = async (ours: () => Promise<void>, bare: () => unknown) => ({
      ours: percentiles(await sampleMany(o.rounds * 10, ours, { warmup: 3, between: o.sample })),
      base: percentiles(await sampleMany(o.rounds * 10, bare, { warmup: 3, between: o.sample })),
    });
    const portfolio = await measure(
      () => call('accounts.portfolio', portfolioInput),
      () => rawPortfolio.all(manager),
    );
    const fell = await measure(
      () => call('accounts.portfolio', fellInput),
      () => rawFell.all(manager),
    );
    const timeline = await measure(
      () => call('accounts.timeline', timelineInput),
      () => rawTimeline.all(id(2, 0)),
    );
    return [
      figure({
        id: 'local.portfolio-first-rows',
        label: `portfolio first 100 rows, ${PORTFOLIO_ACCOUNTS.toLocaleString('en')} accounts of one manager, by renewal`,
        value: latency(portfolio.ours),
        baseline: { label: 'raw SQL: the accounts by renewal with their last contact', value: latency(portfolio.base) },
      }),
      figure({
        id: 'local.portfolio-health-fell',
        label: `portfolio "Health fell" first 100 rows, ${PORTFOLIO_ACCOUNTS.toLocaleString('en')} accounts with ${HISTORY_DAYS}-day histories`,
        value: latency(fell.ours),
        baseline: { label: 'raw SQL: the accounts by renewal whose stored score is low', value: latency(fell.base) },
      }),
      figure({
        id: 'local.timeline-first-page',
        label: `account timeline first page of 30, ${TIMELINE_ENTRIES.toLocaleString('en')} entries`,
        value: latency(timeline.ours),
        baseline: { label: 'raw SQL: the newest 30 interactions of the account', value: latency(timeline.base) },
      }),
    ];
  } finally {
    raw.close();
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
