import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../../shared/metrics/compute.ts';
import { AGENT_COLUMNS, agentsCsv, toCsv, TREND_COLUMNS, trendCsv } from './csv.ts';

/** A strict RFC 4180 reader, written apart from the writer, to read the export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('the CSV export', () => {
  it('quotes what needs quoting and ends every line with CRLF', () => {
    const text = toCsv([['a,b', 'say "hi"', 'two\nlines', 3, null]]);
    expect(text).toBe('"a,b","say ""hi""","two\nlines",3,\r\n');
    expect(parseCsv(text)).toEqual([['a,b', 'say "hi"', 'two\nlines', '3', '']]);
  });

  it('has a row per day and a total row whose counts are the sum of the days', () => {
    const now = Date.parse('2026-06-30T12:00:00Z');
    const report = computeMetrics({ tickets: [], events: [], feedback: [], presence: [], calendars: new Map() }, { period: '7d' }, now);
    const rows = parseCsv(trendCsv(report, 'business', TREND_COLUMNS));
    expect(rows[0]).toEqual([...TREND_COLUMNS]);
    expect(rows).toHaveLength(1 + 7 + 1);
    expect(rows.at(-1)!.slice(0, 2)).toEqual(['2026-06-24', '2026-06-30']);
    expect(parseCsv(agentsCsv(report, 'calendar', (id) => id, AGENT_COLUMNS))).toEqual([[...AGENT_COLUMNS]]);
  });
});
