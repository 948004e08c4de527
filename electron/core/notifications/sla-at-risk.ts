/**
 * "SLA at risk" notices (docs/sla.md, "Notifications"): when a timer of a ticket assigned to the
 * signed-in person passes its at-risk instant (the policy's share of the budget) while still
 * running, the console shows a desktop notification (`notification.show`, kind `sla_at_risk`),
 * from the cache alone, so offline too. Each timer cycle (ticket, target, cycle start) is told once:
 * it is recorded in sla_at_risk_shown before it is announced, and that table survives a restart. A
 * re-targeted timer (a priority change) is the same cycle, so it is not told again; a new next-reply
 * cycle is new. A timer that turned at risk and breached while the console was closed is not told
 * as at risk (the breach is the news, told by the server's notice). With notifications off, timers
 * at risk are recorded as told and not announced, so turning them on later does not replay the past.
 */
import type { Database } from 'better-sqlite3';
import type { Settings } from '../../../shared/contract/channels.ts';
import type { TicketSla } from '../../../shared/domain/records.ts';
import { SLA_METRICS, type SlaMetric } from '../../../shared/sla/target.ts';
import { slaStateAt } from '../../../shared/sla/ticket-sla.ts';
import type { Emit } from '../sync/data-changed.ts';
import type { Timers } from '../sync/sync-client.ts';
import { defaultSystemLocale, NOTIFICATION_TEXT, notificationLocale, ticketLabel, ticketList } from './text.ts';

/**
 * The longest the watcher sleeps: a ticket's timers computed again (here, or pulled) while it
 * sleeps are looked at within this time even if nobody calls `check()`, and so is a second timer
 * of a ticket whose first one already turned at risk (the ticket's at-risk column is the earliest).
 */
export const SLA_AT_RISK_POLL_MS = 30_000;

export interface SlaAtRiskOptions {
  db: Database;
  now: () => number;
  /** The signed-in person; null: nobody to tell. */
  me: () => string | null;
  settings: () => Settings;
  emit: Emit;
  timers: Timers;
  systemLocale?: () => string;
}

interface Candidate {
  id: string;
  number: number | null;
  subject: string;
  sla: string;
}

interface AtRisk {
  ticketId: string;
  number: number | null;
  subject: string;
  metric: SlaMetric;
  startedAt: number;
}

export function createSlaAtRisk(options: SlaAtRiskOptions) {
  const { db, now, me, settings, emit, timers } = options;
  const systemLocale = options.systemLocale ?? defaultSystemLocale;
  const candidates = db.prepare<[string, number], Candidate>(`
    SELECT id, number, subject, sla FROM tickets
    WHERE assignee_id = ? AND status NOT IN ('solved', 'closed') AND sla_at_risk_at IS NOT NULL AND sla_at_risk_at <= ?
    ORDER BY sla_at_risk_at, id`);
  const upcoming = db
    .prepare<[string, number], number | null>(
      "SELECT min(sla_at_risk_at) FROM tickets WHERE assignee_id = ? AND status NOT IN ('solved', 'closed') AND sla_at_risk_at > ?",
    )
    .pluck();
  const shown = db
    .prepare<[string, string, number], 1>('SELECT 1 FROM sla_at_risk_shown WHERE ticket_id = ? AND metric = ? AND started_at = ?')
    .pluck();
  const markShown = db.prepare('INSERT OR IGNORE INTO sla_at_risk_shown (ticket_id, metric, started_at, shown_at) VALUES (?, ?, ?, ?)');
  // Read and marked in one transaction: two checks racing cannot both take the same timer.
  const take = db.transaction((self: string, at: number): AtRisk[] => {
    const found: AtRisk[] = [];
    for (const row of candidates.all(self, at)) {
      const sla = JSON.parse(row.sla) as TicketSla;
      for (const metric of SLA_METRICS) {
        const timer = sla[metric];
        if (!timer || slaStateAt(timer, at) !== 'at_risk' || shown.get(row.id, metric, timer.startedAt)) continue;
        markShown.run(row.id, metric, timer.startedAt, at);
        found.push({ ticketId: row.id, number: row.number, subject: row.subject, metric, startedAt: timer.startedAt });
      }
    }
    return found;
  });
  let timer: unknown = null;
  let closed = false;

  function announce(found: readonly AtRisk[]): void {
    if (!found.length || !settings().notifications) return;
    const text = NOTIFICATION_TEXT[notificationLocale(settings().locale, systemLocale())];
    // One line per ticket: two of its targets turning at risk together are one piece of news.
    const tickets = [...new Map(found.map((f) => [f.ticketId, f])).values()];
    const [one] = tickets;
    if (tickets.length === 1 && one) {
      emit('notification.show', { kind: 'sla_at_risk', ticketId: one.ticketId, count: 1, ...text.atRiskOne(ticketLabel(one), one.metric) });
      return;
    }
    const words = text.atRiskMany(tickets.length, ticketList(text, tickets));
    emit('notification.show', { kind: 'sla_at_risk', ticketId: null, count: tickets.length, ...words });
  }

  /** Tells what is at risk now, then sleeps until the next at-risk instant (at most SLA_AT_RISK_POLL_MS). */
  function check(): void {
    if (closed) return;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    const self = me();
    const at = now();
    if (self) announce(take(self, at));
    const next = self ? upcoming.get(self, at) : null;
    const wait = next === null || next === undefined ? SLA_AT_RISK_POLL_MS : Math.min(SLA_AT_RISK_POLL_MS, Math.max(0, next - at));
    timer = timers.setTimeout(check, wait);
  }

  return {
    /** Looks now (at start, and when tickets changed), and keeps looking on its timer. */
    check,
    close(): void {
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}

export type SlaAtRisk = ReturnType<typeof createSlaAtRisk>;
