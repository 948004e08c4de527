/** Locale-aware formatting of dates, relative times, numbers and money, all through Intl. */
import type { Locale } from '../../../shared/domain/enums.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Formatters {
  number(value: number): string;
  percent(share: number): string;
  dateTime(at: number): string;
  date(at: number): string;
  /** Month and day only ("Dec 1", "12月1日"), where the year is plain from around it (a chart's axis). */
  shortDate(at: number): string;
  /** The time of day on a 24-hour clock: "17:00". */
  time(at: number): string;
  /** A day of the week and time within the coming days: "Tue 09:00" ("周二 09:00"). */
  weekdayTime(at: number): string;
  /** The date with its weekday ("Mon, Dec 7, 2026"), for planning by the day. */
  weekdayDate(at: number): string;
  /** A 'YYYY-MM-DD' calendar date, shown as that day wherever the person is. */
  calendarDate(date: string): string;
  /** "3 hours ago", "in 20 minutes": relative to `now`. */
  relative(at: number, now: number): string;
  /** A short span such as "40m", "11h", "3d" ("11小时"), for tight places like SLA badges. */
  duration(ms: number): string;
  /** Money kept as integer minor units (cents, fen), shown in its currency. */
  currency(minor: number, currency: string): string;
}

/** A value made on first use and kept: an Intl object costs far more to make than to use. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export function createFormatters(locale: Locale): Formatters {
  const numberFormat = lazy(() => new Intl.NumberFormat(locale));
  const percentFormat = lazy(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }));
  const dateTimeFormat = lazy(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));
  const dateFormat = lazy(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }));
  const shortDateFormat = lazy(() => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }));
  const timeFormat = lazy(() => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
  const weekdayTimeFormat = lazy(
    () => new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  );
  const weekdayDateFormat = lazy(
    () => new Intl.DateTimeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }),
  );
  const calendarFormat = lazy(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
  const relativeFormat = lazy(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const durationFormats = new Map<string, Intl.NumberFormat>();
  const currencyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>();

  return {
    number: (value) => numberFormat().format(value),
    percent: (share) => percentFormat().format(share),
    dateTime: (at) => dateTimeFormat().format(at),
    date: (at) => dateFormat().format(at),
    shortDate: (at) => shortDateFormat().format(at),
    time: (at) => timeFormat().format(at),
    weekdayTime: (at) => weekdayTimeFormat().format(at),
    weekdayDate: (at) => weekdayDateFormat().format(at),
    calendarDate: (date) => calendarFormat().format(Date.parse(`${date}T00:00:00Z`)),
    relative(at, now) {
      const diff = at - now;
      const size = Math.abs(diff);
      if (size < MINUTE) return relativeFormat().format(0, 'second');
      if (size < HOUR) return relativeFormat().format(Math.round(diff / MINUTE), 'minute');
      if (size < DAY) return relativeFormat().format(Math.round(diff / HOUR), 'hour');
      if (size < 30 * DAY) return relativeFormat().format(Math.round(diff / DAY), 'day');
      if (size < 365 * DAY) return relativeFormat().format(Math.round(diff / (30 * DAY)), 'month');
      return relativeFormat().format(Math.round(diff / (365 * DAY)), 'year');
    },
    duration(ms) {
      const size = Math.abs(ms);
      const [value, unit] =
        size < HOUR
          ? [Math.max(1, Math.round(size / MINUTE)), 'minute']
          : size < DAY
            ? [Math.round(size / HOUR), 'hour']
            : [Math.round(size / DAY), 'day'];
      let format = durationFormats.get(unit);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' });
        durationFormats.set(unit, format);
      }
      return format.format(value);
    },
    currency(minor, currency) {
      let entry = currencyFormats.get(currency);
      if (!entry) {
        entry = {
          format: new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }),
          digits: new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2,
        };
        currencyFormats.set(currency, entry);
      }
      return entry.format.format(minor / 10 ** entry.digits);
    },
  };
}
