/**
 * The complaint review (docs/metrics.md, "Complaint review"): complaints by category over a
 * period cut per day or week, the top categories by team and by customer type, solved complaints
 * without a root cause, and which customer answers count as low. Pure functions over plain facts,
 * run by Core over its cache; the period and its buckets are the service metrics' own
 * (shared/metrics/period.ts), so a day or a week here is the same one as on the metrics screen.
 *
 * A complaint counts in the period its ticket was created in: the customer complained then, even
 * if an agent filed it as a complaint later. A ticket whose mark was taken off is no complaint.
 */
import { z } from 'zod';
import { AppError } from '../contract/errors.ts';
import { CustomerType, type Role } from '../domain/enums.ts';
import { CalendarDate, Id } from '../domain/records.ts';
import type { FeedbackKind, TicketStatus } from '../domain/enums.ts';
import { MetricsQuery } from '../metrics/query.ts';
import { resolvePeriod, type Span } from '../metrics/period.ts';
import { overseesAll } from '../sync/scopes.ts';

/** Who may read the review: the people who oversee every team (as for the service metrics). */
export function assertMayReviewComplaints(role: Role | null): void {
  if (role === null || !overseesAll(role))
    throw new AppError('FORBIDDEN', 'the complaint review is for supervisors and admins: ask one to share it with you');
}

const { period, from, to, timeZone, granularity } = MetricsQuery.shape;

/**
 * The review's period: the metrics query's period fields, checked by the metrics query's own
 * rules (a custom period's dates, its length, a known time zone), so both screens accept the same.
 */
export const ReviewPeriod = z.strictObject({ period, from, to, timeZone, granularity }).superRefine((q, ctx) => {
  const checked = MetricsQuery.safeParse({ ...q, compare: false });
  if (!checked.success)
    for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
export type ReviewPeriod = z.infer<typeof ReviewPeriod>;

/**
 * Which complaints a figure counts: every condition given holds (none: every complaint of the
 * period). The review's numbers and the tickets behind each come from this one rule.
 */
export const ComplaintFigure = z
  .strictObject({
    categoryId: Id.optional(),
    /** The index of a day or week of the period (ComplaintReview.buckets). */
    bucket: z.number().int().nonnegative().optional(),
    teamId: Id.optional(),
    /** The requester's customer type; null: a requester with none. */
    customerType: CustomerType.nullable().optional(),
    /** Solved (or closed) with no root cause recorded. */
    noRootCause: z.literal(true).optional(),
  })
  .default({});
export type ComplaintFigure = z.infer<typeof ComplaintFigure>;

/** What the review reads of each complaint ticket. */
export interface ComplaintFact {
  id: string;
  createdAt: number;
  status: TicketStatus;
  teamId: string;
  categoryId: string;
  rootCause: string | null;
  customerType: CustomerType | null;
}

const CategoryCount = z.object({ categoryId: Id, count: z.number().int().nonnegative() });

const Group = z.object({ total: z.number().int().nonnegative(), categories: z.array(CategoryCount) });

export const ComplaintReview = z.object({
  firstDate: CalendarDate,
  lastDate: CalendarDate,
  total: z.number().int().nonnegative(),
  /** Every category with a complaint in the period, most complaints first. */
  categories: z.array(
    CategoryCount.extend({
      /** Of those, solved or closed. */
      solved: z.number().int().nonnegative(),
      /** Of the solved ones, without a root cause. */
      noRootCause: z.number().int().nonnegative(),
    }),
  ),
  /** The period per day or week, each with its complaints per category. */
  buckets: z.array(
    z.object({
      firstDate: CalendarDate,
      lastDate: CalendarDate,
      total: z.number().int().nonnegative(),
      categories: z.array(CategoryCount),
    }),
  ),
  byTeam: z.array(Group.extend({ teamId: Id })),
  byCustomerType: z.array(Group.extend({ customerType: CustomerType.nullable() })),
});
export type ComplaintReview = z.infer<typeof ComplaintReview>;

const isSolved = (status: TicketStatus) => status === 'solved' || status === 'closed';

/** The bucket an instant falls in (buckets are in time order and cover the period without gaps). */
function bucketOf(buckets: readonly Span[], at: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (buckets[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Placed {
  fact: ComplaintFact;
  bucket: number;
}

/** The period's complaints, each with its bucket; only what had happened by `now`. */
function placed(facts: Iterable<ComplaintFact>, query: ReviewPeriod, now: number) {
  const resolved = resolvePeriod({ ...query, compare: false }, now);
  const { start, end } = resolved.current;
  const out: Placed[] = [];
  for (const fact of facts)
    if (fact.createdAt >= start && fact.createdAt < end && fact.createdAt <= now)
      out.push({ fact, bucket: bucketOf(resolved.buckets, fact.createdAt) });
  return { resolved, complaints: out };
}

function matches({ fact, bucket }: Placed, figure: ComplaintFigure): boolean {
  return (
    (figure.categoryId === undefined || fact.categoryId === figure.categoryId) &&
    (figure.bucket === undefined || bucket === figure.bucket) &&
    (figure.teamId === undefined || fact.teamId === figure.teamId) &&
    (figure.customerType === undefined || fact.customerType === figure.customerType) &&
    (figure.noRootCause === undefined || (isSolved(fact.status) && fact.rootCause === null))
  );
}

/** Counts per category, most first (ties by id, so the order is stable). */
function ranked(counts: Map<string, number>): { categoryId: string; count: number }[] {
  return [...counts]
    .map(([categoryId, count]) => ({ categoryId, count }))
    .sort((a, b) => b.count - a.count || (a.categoryId < b.categoryId ? -1 : 1));
}

function grouped<K>(complaints: readonly Placed[], key: (f: ComplaintFact) => K) {
  const groups = new Map<K, Map<string, number>>();
  for (const { fact } of complaints) {
    const k = key(fact);
    const counts = groups.get(k) ?? new Map<string, number>();
    counts.set(fact.categoryId, (counts.get(fact.categoryId) ?? 0) + 1);
    groups.set(k, counts);
  }
  return [...groups]
    .map(([k, counts]) => ({ key: k, total: [...counts.values()].reduce((a, b) => a + b, 0), categories: ranked(counts) }))
    .sort((a, b) => b.total - a.total || String(a.key).localeCompare(String(b.key)));
}

export function complaintReview(facts: Iterable<ComplaintFact>, query: ReviewPeriod, now: number): ComplaintReview {
  const { resolved, complaints } = placed(facts, query, now);
  const perCategory = new Map<string, { count: number; solved: number; noRootCause: number }>();
  const perBucket = resolved.buckets.map(() => new Map<string, number>());
  for (const { fact, bucket } of complaints) {
    const c = perCategory.get(fact.categoryId) ?? { count: 0, solved: 0, noRootCause: 0 };
    c.count++;
    if (isSolved(fact.status)) {
      c.solved++;
      if (fact.rootCause === null) c.noRootCause++;
    }
    perCategory.set(fact.categoryId, c);
    const b = perBucket[bucket]!;
    b.set(fact.categoryId, (b.get(fact.categoryId) ?? 0) + 1);
  }
  const order = ranked(new Map([...perCategory].map(([id, c]) => [id, c.count])));
  return {
    firstDate: resolved.current.firstDate,
    lastDate: resolved.current.lastDate,
    total: complaints.length,
    categories: order.map(({ categoryId }) => ({ categoryId, ...perCategory.get(categoryId)! })),
    buckets: resolved.buckets.map((span, i) => {
      const categories = ranked(perBucket[i]!);
      return { firstDate: span.firstDate, lastDate: span.lastDate, total: categories.reduce((a, c) => a + c.count, 0), categories };
    }),
    byTeam: grouped(complaints, (f) => f.teamId).map(({ key, ...g }) => ({ teamId: key, ...g })),
    byCustomerType: grouped(complaints, (f) => f.customerType).map(({ key, ...g }) => ({ customerType: key, ...g })),
  };
}

/** The ids of the period's complaints a figure counts, newest first. */
export function complaintTicketIds(facts: Iterable<ComplaintFact>, query: ReviewPeriod, figure: ComplaintFigure, now: number): string[] {
  return placed(facts, query, now)
    .complaints.filter((p) => matches(p, figure))
    .sort((a, b) => b.fact.createdAt - a.fact.createdAt || (a.fact.id < b.fact.id ? 1 : -1))
    .map((p) => p.fact.id);
}

/**
 * The highest score that counts as a low answer, per kind: CSAT 1-2 (of 1-5), CES 1-3 (of 1-7),
 * NPS 0-6 (the detractors). The review lists the comments of low answers.
 */
export const LOW_SCORE: Readonly<Record<FeedbackKind, number>> = { csat: 2, ces: 3, nps: 6 };

export function isLowAnswer(f: { kind: FeedbackKind; score: number }): boolean {
  return f.score <= LOW_SCORE[f.kind];
}

/** The instants the review's period covers, for a query of the comments by time. */
export function reviewSpan(query: ReviewPeriod, now: number): { start: number; end: number } {
  const { start, end } = resolvePeriod({ ...query, compare: false }, now).current;
  return { start, end: Math.min(end, now + 1) };
}
