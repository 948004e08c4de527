/**
 * "At risk" falls on the owner's console (docs/health-score.md, Bands): Core computes the live
 * score of each account the signed-in person owns, from the cache (offline too), and keeps what it
 * last saw in `health_watch`. An account seen at 40 or more and now below 40 fell: its owner gets
 * a desktop notification (`notification.show`, kind `health_at_risk`) with the biggest reason, once
 * per fall; a new fall needs the score back at 40 or more first. An account seen for the first
 * time is recorded, not announced: nothing says it was above before. The follow-up task of a fall
 * is opened by the server's daily job (`health.record`), once per fall, so two consoles of the
 * same owner never open two.
 *
 * Looked at a moment after the console opens and after the cache changed (several changes, one
 * look), and every HEALTH_WATCH_MS, since time alone moves a score (a renewal nears, the last call
 * ages).
 */
import { reasonText } from '../../../shared/health/reasons.ts';
import type { HealthRepository } from '../areas/accounts/health.ts';
import { defaultSystemLocale, NOTIFICATION_TEXT, notificationLocale } from './text.ts';
import type { WatcherOptions } from './watcher.ts';

export const HEALTH_WATCH_MS = 10 * 60_000;
/** How long after a change the watch looks: a pull of many pages is one look. */
export const HEALTH_SETTLE_MS = 2_000;
const LISTED = 3;

export interface HealthWatchOptions extends WatcherOptions {
  health: HealthRepository;
}

interface Fall {
  id: string;
  name: string;
  score: number;
  reason: { en: string; zh: string } | null;
}

export function createHealthWatch(options: HealthWatchOptions) {
  const { db, health, now, me, settings, emit, timers } = options;
  const systemLocale = options.systemLocale ?? defaultSystemLocale;
  const owned = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM accounts WHERE owner_id = ? ORDER BY id');
  const seen = db.prepare<[string], { at_risk: number }>('SELECT at_risk FROM health_watch WHERE account_id = ?');
  const keep = db.prepare(
    `INSERT INTO health_watch (account_id, score, at_risk, checked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET score = excluded.score, at_risk = excluded.at_risk, checked_at = excluded.checked_at`,
  );
  // Compared and recorded in one transaction: two looks racing cannot both announce one fall.
  const look = db.transaction((self: string, at: number): Fall[] => {
    const falls: Fall[] = [];
    for (const account of owned.all(self)) {
      const live = health.current(account.id, at);
      // Not computed here (the cache does not hold the account's records): nothing to compare.
      if (!live) continue;
      const atRisk = live.band === 'at_risk';
      const before = seen.get(account.id);
      if (atRisk && before?.at_risk === 0) {
        const biggest = [...live.reasons].sort((a, b) => b.points - a.points)[0];
        falls.push({ id: account.id, name: account.name, score: live.score, reason: biggest ? reasonText(biggest) : null });
      }
      keep.run(account.id, live.score, atRisk ? 1 : 0, at);
    }
    return falls;
  });
  let timer: unknown = null;
  let closed = false;

  function announce(falls: readonly Fall[]): void {
    const [one] = falls;
    if (!one || !settings().notifications) return;
    const locale = notificationLocale(settings().locale, systemLocale());
    const text = NOTIFICATION_TEXT[locale];
    if (falls.length === 1) {
      const reason = one.reason ? (locale === 'zh-CN' ? one.reason.zh : one.reason.en) : null;
      emit('notification.show', {
        kind: 'health_at_risk',
        target: { entity: 'account', id: one.id },
        count: 1,
        ...text.healthFellOne(one.name, one.score, reason),
      });
      return;
    }
    const names = falls.slice(0, LISTED).map((f) => f.name);
    const list = names.join(text.listSeparator);
    const body = falls.length > LISTED ? text.andMore(list, falls.length - LISTED) : list;
    emit('notification.show', { kind: 'health_at_risk', target: null, count: falls.length, ...text.healthFellMany(falls.length, body) });
  }

  function schedule(ms: number): void {
    if (closed) return;
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(check, ms);
  }

  /** Looks now, then again in HEALTH_WATCH_MS. */
  function check(): void {
    if (closed) return;
    // Called directly too: the look it replaces is not needed.
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const self = me();
    if (self) announce(look(self, now()));
    schedule(HEALTH_WATCH_MS);
  }

  return {
    check,
    /** After the console opened: a portfolio of thousands takes a moment, never the opening's. */
    start(): void {
      schedule(HEALTH_SETTLE_MS);
    },
    /** Something the score reads changed: look once things settle. */
    changed(): void {
      schedule(HEALTH_SETTLE_MS);
    },
    close(): void {
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}

export type HealthWatch = ReturnType<typeof createHealthWatch>;
