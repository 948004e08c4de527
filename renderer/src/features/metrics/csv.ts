/**
 * The metrics screen's CSV export: the period's trend (one row per day or week, then the whole
 * period) and the per-agent table. Counts go out beside every rate, so whoever opens the file can
 * recompute the rates; durations are hours, unrounded. RFC 4180: fields with a comma, quote or line
 * break are quoted, lines end with CRLF.
 */
import type { Figures, MetricsReport } from '../../../../shared/metrics/report.ts';

export type HoursKind = 'business' | 'calendar';

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

export const TREND_COLUMNS = [
  'from',
  'to',
  'created',
  'solved',
  'backlog',
  'replies',
  'firstReplyMedianHours',
  'responseMeanHours',
  'fullResolutionMedianHours',
  'fcrFirstContact',
  'fcrSolved',
  'reopened',
  'csatSatisfied',
  'csatRatings',
  'npsPromoters',
  'npsDetractors',
  'npsAnswers',
  'slaMet',
  'slaBreached',
] as const;

function trendRow(from: string, to: string, f: Figures, hours: HoursKind): (string | number | null)[] {
  return [
    from,
    to,
    f.volume.created,
    f.volume.solved,
    f.volume.backlog,
    f.replies,
    f.firstReply[hours].median,
    f.response[hours].mean,
    f.fullResolution[hours].median,
    f.fcr.firstContact,
    f.fcr.solved,
    f.reopen.reopened,
    f.csat.satisfied,
    f.csat.ratings,
    f.nps.promoters,
    f.nps.detractors,
    f.nps.answers,
    f.sla.all.met,
    f.sla.all.breached,
  ];
}

/** `header`: the column titles in the reader's language, in TREND_COLUMNS order. */
export function trendCsv(report: MetricsReport, hours: HoursKind, header: readonly string[]): string {
  return toCsv([
    header,
    ...report.trend.map((b) => trendRow(b.span.firstDate, b.span.lastDate, b.figures, hours)),
    trendRow(report.period.firstDate, report.period.lastDate, report.figures, hours),
  ]);
}

export const AGENT_COLUMNS = [
  'agent',
  'replies',
  'solved',
  'firstReplyMedianHours',
  'csatSatisfied',
  'csatRatings',
  'slaMet',
  'slaBreached',
  'availableHours',
  'breakHours',
] as const;

/** Presence time is kept in milliseconds and shown and exported in hours. */
export const HOUR_MS = 3_600_000;

export function agentsCsv(report: MetricsReport, hours: HoursKind, nameOf: (id: string) => string, header: readonly string[]): string {
  return toCsv([
    header,
    ...report.agents.map((a) => [
      nameOf(a.agentId),
      a.replies,
      a.solved,
      a.firstReply[hours].median,
      a.csat.satisfied,
      a.csat.ratings,
      a.sla.met,
      a.sla.breached,
      a.availableMs / HOUR_MS,
      a.breakMs / HOUR_MS,
    ]),
  ]);
}
