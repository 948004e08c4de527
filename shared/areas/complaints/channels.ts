/**
 * The complaints area's channels: the tenant's complaint taxonomy (everyone files complaints under
 * it) and, for supervisors and admins, the complaint review computed by Core from the local cache
 * (so offline too) with the pure functions of shared/complaints/review.ts. Anyone else asking for
 * the review is refused with FORBIDDEN.
 */
import { z } from 'zod';
import { Cursor, Limit, Page, Text, type ChannelMap } from '../../contract/building-blocks.ts';
import { ComplaintCategory } from '../../complaints/records.ts';
import { ComplaintFigure, ComplaintReview, ReviewPeriod } from '../../complaints/review.ts';
import { FeedbackKind, TicketStatus } from '../../domain/enums.ts';
import { Id, Timestamp } from '../../domain/records.ts';

const Named = z.object({ id: Id, name: Text });

export const ComplaintTicket = z.object({
  id: Id,
  number: z.number().int().positive().nullable(),
  subject: Text,
  status: TicketStatus,
  createdAt: Timestamp,
  categoryId: Id,
  rootCause: Text.nullable(),
  requesterName: Text,
});
export type ComplaintTicket = z.infer<typeof ComplaintTicket>;

/** A low answer's comment with what it is about. */
export const ReviewComment = z.object({
  id: Id,
  kind: FeedbackKind,
  score: z.number().int(),
  comment: Text,
  at: Timestamp,
  ticket: z.object({ id: Id, number: z.number().int().positive().nullable(), subject: Text }).nullable(),
  contact: Named.nullable(),
  account: Named.nullable(),
});
export type ReviewComment = z.infer<typeof ReviewComment>;

export const complaintsChannels = {
  /** Every category in order (ascending position), deactivated ones included. */
  'complaints.categories': { input: z.object({}).strict(), output: z.array(ComplaintCategory) },
  /** Complaints by category over the period, the top categories by team and by customer type. */
  'complaints.review': { input: ReviewPeriod, output: ComplaintReview },
  /** The complaints one figure of the review counts, newest first (at most `limit`, with the total). */
  'complaints.tickets': {
    input: z.strictObject({ query: ReviewPeriod, figure: ComplaintFigure, limit: Limit(500, 200) }),
    output: z.object({ total: z.number().int().nonnegative(), rows: z.array(ComplaintTicket) }),
  },
  /** The comments of the period's low CSAT, CES and NPS answers, newest first, a page at a time. */
  'complaints.comments': {
    input: z.strictObject({ query: ReviewPeriod, cursor: Cursor, limit: Limit(200, 50) }),
    output: Page(ReviewComment),
  },
} as const satisfies ChannelMap;
