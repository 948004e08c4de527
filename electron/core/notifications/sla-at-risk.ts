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
import type { SlaMetric } from '../../../shared/sla/target.ts';
import { defaultSystemLocale, NOTIFICATION_TEXT, notificationLocale, ticketLabel, ticketList } from './text.ts';
import type { WatcherOptions } from './watcher.ts';

/**
 * The longest the watcher sleeps: a ticket's timers computed again (here, or pulled) while it
 * sleeps are looked at within this time even if nobody calls `check()`, and so is a second timer
 * of a ticket whose first one already turned at risk (the ticket's at-risk column is the earliest).
 */
export const SLA_AT_RISK_POLL_MS = 30_000;

export type SlaAtRiskOptions = WatcherOptions;

interface AtRiskRow {
  id: string;
  number: number | null;
  subject: string;
  metric: SlaMetric;
  started_at: number;
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
  // The timers at risk now and not yet told, found by SQLite in the snapshot's JSON (the same rule
  // as slaStateAt: running, at or past its at-risk instant, not past due), so a check costs little
  // however many of the person's tickets were already told. The person's unsolved tickets come
  // from the board's copy (Core migration 023, keyed by assignee first): walking their tickets in
  // \`tickets\` passed every ticket they ever solved (90,000 for an agent of the 1M bench cache, half
  // a second at every check, and a check follows every change of a ticket).
  const atRisk = db.prepare<{ self: string; at: number }, AtRiskRow>(`
    SELECT t.id, t.number, t.subject, m.metric, json_extract(t.sla, '$.' || m.metric || '.startedAt') AS started_at
    FROM board_tickets b JOIN tickets t ON t.id = b.id
    CROSS JOIN (SELECT 'firstReply' AS metric UNION ALL SELECT 'nextReply' UNION ALL SELECT 'resolution') m
    WHERE b.assignee_id = :self AND b.sla_at_risk_at <= :at
      AND json_extract(t.sla, '$.' || m.metric || '.state') = 'running'
      AND json_extract(t.sla, '$.' || m.metric || '.atRiskAt') <= :at
      AND coalesce(json_extract(t.sla, '$.' || m.metric || '.dueAt') >= :at, 1)
      AND NOT EXISTS (
        SELECT 1 FROM sla_at_risk_shown s
        WHERE s.ticket_id = t.id AND s.metric = m.metric AND s.started_at = json_extract(t.sla, '$.' || m.metric || '.startedAt'))
    ORDER BY b.sla_at_risk_at, t.id, m.metric`);
  const upcoming = db
    .prepare<[string, number], number | null>('SELECT min(sla_at_risk_at) FROM board_tickets WHERE assignee_id = ? AND sla_at_risk_at > ?')
    .pluck();
  const markShown = db.prepare('INSERT OR IGNORE INTO sla_at_risk_shown (ticket_id, metric, started_at, shown_at) VALUES (?, ?, ?, ?)');
  // Read and marked in one transaction: two checks racing cannot both take the same timer.
  const take = db.transaction((self: string, at: number): AtRisk[] => {
    const rows = atRisk.all({ self, at });
    for (const r of rows) markShown.run(r.id, r.metric, r.started_at, at);
    return rows.map((r) => ({ ticketId: r.id, number: r.number, subject: r.subject, metric: r.metric, startedAt: r.started_at }));
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
      emit('notification.show', {
        kind: 'sla_at_risk',
        target: { entity: 'ticket', id: one.ticketId },
        count: 1,
        ...text.atRiskOne(ticketLabel(one), one.metric),
      });
      return;
    }
    const words = text.atRiskMany(tickets.length, ticketList(text, tickets));
    emit('notification.show', { kind: 'sla_at_risk', target: null, count: tickets.length, ...words });
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
    /** Looks now (at start), and keeps looking on its timer. */
    check,
    /**
     * Looks as soon as the current work is done (tickets changed): off the path of the change
     * itself, and many changes in a row (a pulled page, a bulk edit) make one look.
     */
    soon(): void {
      if (closed) return;
      if (timer !== null) timers.clearTimeout(timer);
      timer = timers.setTimeout(check, 0);
    },
    close(): void {
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}

export type SlaAtRisk = ReturnType<typeof createSlaAtRisk>;
