import { describe, expect, it } from 'vitest';
import { MetricsQuery, type MetricsQueryInput } from './query.ts';
import { resolvePeriod } from './period.ts';

const H = 3_600_000;
const utc = (iso: string) => Date.parse(iso);
const resolve = (q: MetricsQueryInput, now: number) => resolvePeriod(MetricsQuery.parse(q), now);

describe('periods are whole local days in the query time zone', () => {
  it('7 days in New York across the fall-back night: the changeover day lasts 25 hours, the previous 7 days end where these start', () => {
    const p = resolve({ period: '7d', timeZone: 'America/New_York' }, utc('2026-11-04T15:00:00Z'));
    expect(p.current).toEqual({
      firstDate: '2026-10-29',
      lastDate: '2026-11-04',
      start: utc('2026-10-29T04:00:00Z'),
      end: utc('2026-11-05T05:00:00Z'),
    });
    expect(p.previous).toEqual({
      firstDate: '2026-10-22',
      lastDate: '2026-10-28',
      start: utc('2026-10-22T04:00:00Z'),
      end: utc('2026-10-29T04:00:00Z'),
    });
    expect(p.buckets).toHaveLength(7);
    const nov1 = p.buckets.find((b) => b.firstDate === '2026-11-01')!;
    expect(nov1.end - nov1.start).toBe(25 * H);
    // Buckets tile the period with no gap or overlap.
    p.buckets.forEach((b, i) => expect(b.start).toBe(i === 0 ? p.current.start : p.buckets[i - 1]!.end));
    expect(p.buckets.at(-1)!.end).toBe(p.current.end);
  });

  it('today in Shanghai starts at its midnight (16:00 UTC the day before), compared with yesterday', () => {
    const p = resolve({ period: 'today', timeZone: 'Asia/Shanghai' }, utc('2026-12-06T02:00:00Z'));
    expect(p.current).toMatchObject({ firstDate: '2026-12-06', start: utc('2026-12-05T16:00:00Z'), end: utc('2026-12-06T16:00:00Z') });
    expect(p.previous).toMatchObject({ firstDate: '2026-12-05', lastDate: '2026-12-05', start: utc('2026-12-04T16:00:00Z') });
  });

  it('this month across the spring-forward night: the 23-hour day, compared with as many days of last month', () => {
    const p = resolve({ period: 'this_month', timeZone: 'America/New_York' }, utc('2026-03-10T12:00:00Z'));
    expect(p.current).toMatchObject({ firstDate: '2026-03-01', lastDate: '2026-03-10', start: utc('2026-03-01T05:00:00Z') });
    expect(p.current.end).toBe(utc('2026-03-11T04:00:00Z'));
    expect(p.previous).toMatchObject({ firstDate: '2026-02-01', lastDate: '2026-02-10' });
    const mar8 = p.buckets.find((b) => b.firstDate === '2026-03-08')!;
    expect(mar8.end - mar8.start).toBe(23 * H);
  });

  it('a previous month shorter than this one ends at its own last day', () => {
    const p = resolve({ period: 'this_month', timeZone: 'UTC' }, utc('2026-03-31T12:00:00Z'));
    expect(p.previous).toMatchObject({ firstDate: '2026-02-01', lastDate: '2026-02-28' });
  });

  it('this quarter is compared with the same number of days from the start of the last quarter', () => {
    const p = resolve({ period: 'this_quarter', timeZone: 'UTC' }, utc('2026-05-31T12:00:00Z'));
    expect(p.current).toMatchObject({ firstDate: '2026-04-01', lastDate: '2026-05-31' });
    // April (30) + May (31) = 61 days; from 1 January that ends on 2 March.
    expect(p.previous).toMatchObject({ firstDate: '2026-01-01', lastDate: '2026-03-02' });
  });

  it('weeks run Monday to Sunday, the first and last cut at the period', () => {
    const p = resolve({ period: 'custom', from: '2026-11-04', to: '2026-11-17', granularity: 'week', compare: false }, 0);
    expect(p.previous).toBeNull();
    expect(p.buckets.map((b) => [b.firstDate, b.lastDate])).toEqual([
      ['2026-11-04', '2026-11-08'],
      ['2026-11-09', '2026-11-15'],
      ['2026-11-16', '2026-11-17'],
    ]);
  });
});

describe('a query that cannot be computed is refused with the field at fault', () => {
  const issues = (q: unknown) => {
    const r = MetricsQuery.safeParse(q);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  it.each([
    [{ period: 'custom', to: '2026-01-01' }, 'from'],
    [{ period: 'custom', from: '2026-02-01', to: '2026-01-01' }, 'to'],
    [{ period: 'custom', from: '2025-01-01', to: '2026-02-05' }, 'to'],
    [{ period: '7d', from: '2026-01-01' }, 'from'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ period: 'year' }, 'period'],
    [{ cesScale: 5 }, 'cesScale'],
    [{ filters: { channels: ['fax'] } }, 'filters.channels.0'],
    [{ surprise: true }, ''],
  ])('%j', (q, path) => {
    expect(issues(q)).toContain(path);
  });

  it('an empty query is 30 days in UTC per day, compared, FCR by one reply, CES on 1-7', () => {
    expect(MetricsQuery.parse({})).toMatchObject({
      period: '30d',
      timeZone: 'UTC',
      compare: true,
      granularity: 'day',
      fcr: 'one_reply',
      cesScale: 7,
    });
  });
});
