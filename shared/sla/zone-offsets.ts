/**
 * A time zone's UTC offset over time, learned as spans of constant offset and kept per zone.
 *
 * Every business-time sum needs the offset at the start of each piece and the next instant it
 * changes. Asking Luxon for an offset formats a date through Intl, and finding the next change
 * that way probed once per day of the range: 31 formats per month of open time, for every timer of
 * every ticket. That was four fifths of generating the demo data and of every SLA computation.
 * Offsets change a few times a year, so each span, once found, answers every later question
 * inside it with a binary search over a short array.
 */
import type { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How far a span is followed each way before it is cut (a zone without DST has one endless span). */
const SPAN_LIMIT_MS = 400 * DAY_MS;

interface Span {
  start: number;
  /** Exclusive; the first instant of another offset, or the search limit. */
  end: number;
  offsetMs: number;
}

export class ZoneOffsets {
  private readonly zone: IANAZone;
  /** Sorted by start, not overlapping. */
  private readonly spans: Span[] = [];

  constructor(zone: IANAZone) {
    this.zone = zone;
  }

  offsetAt(t: number): number {
    return this.spanAt(t).offsetMs;
  }

  /** The first instant in (from, to) where the offset differs from the offset at `from`, or `to`. */
  nextChange(from: number, to: number): number {
    let span = this.spanAt(from);
    // A span cut at the search limit continues in the next one when the offset is the same.
    while (span.end < to) {
      const next = this.spanAt(span.end);
      if (next.offsetMs !== span.offsetMs) return span.end;
      span = next;
    }
    return to;
  }

  private spanAt(t: number): Span {
    const i = this.indexAfter(t) - 1;
    const hit = this.spans[i];
    if (hit && t < hit.end) return hit;
    const found = this.discover(t);
    this.spans.splice(i + 1, 0, found);
    return found;
  }

  /** The index of the first span starting after `t`. */
  private indexAfter(t: number): number {
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.spans[mid]!.start <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The span of constant offset around `t`, kept within the neighbours already known. */
  private discover(t: number): Span {
    const offsetMs = this.rawOffset(t);
    const before = this.spans[this.indexAfter(t) - 1];
    const after = this.spans[this.indexAfter(t)];
    const floor = Math.max(t - SPAN_LIMIT_MS, before ? before.end : -Infinity);
    const ceiling = Math.min(t + SPAN_LIMIT_MS, after ? after.start : Infinity);
    return { start: this.edge(t, floor, -1, offsetMs), end: this.edge(t, ceiling, 1, offsetMs), offsetMs };
  }

  /**
   * Walking from `t` toward `limit` a day at a time (zones never change twice within a day), the
   * last instant with `offsetMs` going back, or the first without it going forward; `limit` when
   * the offset holds all the way.
   */
  private edge(t: number, limit: number, direction: 1 | -1, offsetMs: number): number {
    let same = t;
    for (;;) {
      const probe = direction === 1 ? Math.min(same + DAY_MS, limit) : Math.max(same - DAY_MS, limit);
      if (probe === same) return limit;
      if (this.rawOffset(probe) !== offsetMs) {
        // The change lies between `same` and `probe`: halve to the millisecond.
        let inside = same;
        let outside = probe;
        while (Math.abs(outside - inside) > 1) {
          const mid = Math.floor((inside + outside) / 2);
          if (this.rawOffset(mid) === offsetMs) inside = mid;
          else outside = mid;
        }
        return direction === 1 ? outside : inside;
      }
      if (probe === limit) return limit;
      same = probe;
    }
  }

  private rawOffset(t: number): number {
    return this.zone.offset(t) * MINUTE_MS;
  }
}

const byZone = new Map<string, ZoneOffsets>();

/** The one ZoneOffsets of a zone, shared by every calendar in it. */
export function zoneOffsets(zone: IANAZone): ZoneOffsets {
  let offsets = byZone.get(zone.name);
  if (!offsets) byZone.set(zone.name, (offsets = new ZoneOffsets(zone)));
  return offsets;
}
