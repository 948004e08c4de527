/**
 * The complaints as the console holds them: the taxonomy (a handful of categories, read whole
 * through the record store, which knows their columns), the facts the review aggregates (complaint
 * tickets only, found by their partial index), the tickets behind a figure, and the comments of
 * low answers a page at a time.
 */
import type { Database } from 'better-sqlite3';
import type { ComplaintTicket, ReviewComment } from '../../../../shared/areas/complaints/channels.ts';
import type { ComplaintCategory } from '../../../../shared/complaints/records.ts';
import {
  complaintReview,
  complaintTicketIds,
  LOW_SCORE,
  reviewSpan,
  type ComplaintFact,
  type ComplaintFigure,
  type ReviewPeriod,
} from '../../../../shared/complaints/review.ts';
import type { CustomerType, FeedbackKind, TicketStatus } from '../../../../shared/domain/enums.ts';
import { decodeCursor, encodeCursor } from '../../repositories/cursor.ts';
import { createRecordStore } from '../../sync/record-store.ts';

interface FactRow {
  id: string;
  created_at: number;
  status: TicketStatus;
  team_id: string;
  complaint_category_id: string;
  root_cause: string | null;
  customer_type: CustomerType | null;
}

interface CommentRow {
  id: string;
  kind: FeedbackKind;
  score: number;
  comment: string;
  created_at: number;
  ticket_id: string | null;
  number: number | null;
  subject: string | null;
  contact_id: string | null;
  contact_name: string | null;
  account_id: string | null;
  account_name: string | null;
}

const COMMENTS_CURSOR = 'complaints:comments';

export function createComplaintsRepository(db: Database) {
  const store = createRecordStore(db);
  const categoryIds = db.prepare('SELECT id FROM complaint_categories ORDER BY position, name COLLATE NOCASE, id').pluck();
  const facts = db.prepare(`
    SELECT t.id, t.created_at, t.status, t.team_id, t.complaint_category_id, t.root_cause, c.customer_type
    FROM tickets t LEFT JOIN contacts c ON c.id = t.requester_id
    WHERE t.complaint_category_id IS NOT NULL AND t.created_at >= ? AND t.created_at < ?`);
  const ticketRow = db.prepare(`
    SELECT t.id, t.number, t.subject, t.status, t.created_at, t.complaint_category_id, t.root_cause, coalesce(c.name, '') AS requester_name
    FROM tickets t LEFT JOIN contacts c ON c.id = t.requester_id WHERE t.id = ?`);
  // The low answers' rule is LOW_SCORE's (shared/complaints/review.ts), written into the query.
  const low = `((f.kind = 'csat' AND f.score <= ${LOW_SCORE.csat}) OR (f.kind = 'ces' AND f.score <= ${LOW_SCORE.ces})
    OR (f.kind = 'nps' AND f.score <= ${LOW_SCORE.nps}))`;
  const commentsSelect = `
    SELECT f.id, f.kind, f.score, f.comment, f.created_at, f.ticket_id, t.number, t.subject,
      f.contact_id, c.name AS contact_name, coalesce(f.account_id, c.account_id) AS account_id, a.name AS account_name
    FROM feedback f
      LEFT JOIN tickets t ON t.id = f.ticket_id
      LEFT JOIN contacts c ON c.id = f.contact_id
      LEFT JOIN accounts a ON a.id = coalesce(f.account_id, c.account_id)
    WHERE ${low} AND trim(f.comment) <> '' AND f.created_at >= ? AND f.created_at < ?`;
  const firstComments = db.prepare(`${commentsSelect} ORDER BY f.created_at DESC, f.id DESC LIMIT ?`);
  const laterComments = db.prepare(
    `${commentsSelect} AND (f.created_at < ? OR (f.created_at = ? AND f.id < ?)) ORDER BY f.created_at DESC, f.id DESC LIMIT ?`,
  );

  function factsOf(query: ReviewPeriod, now: number): ComplaintFact[] {
    const { start, end } = reviewSpan(query, now);
    return (facts.all(start, end) as FactRow[]).map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      status: r.status,
      teamId: r.team_id,
      categoryId: r.complaint_category_id,
      rootCause: r.root_cause,
      customerType: r.customer_type,
    }));
  }

  return {
    categories(): ComplaintCategory[] {
      return (categoryIds.all() as string[]).map((id) => store.get('complaint_category', id)).filter((row) => row !== null);
    },

    review(query: ReviewPeriod, now: number) {
      return complaintReview(factsOf(query, now), query, now);
    },

    tickets(query: ReviewPeriod, figure: ComplaintFigure, limit: number, now: number) {
      const ids = complaintTicketIds(factsOf(query, now), query, figure, now);
      const rows = ids.slice(0, limit).map((id): ComplaintTicket => {
        const r = ticketRow.get(id) as Record<string, unknown>;
        return {
          id,
          number: r.number as number | null,
          subject: r.subject as string,
          status: r.status as TicketStatus,
          createdAt: r.created_at as number,
          categoryId: r.complaint_category_id as string,
          rootCause: r.root_cause as string | null,
          requesterName: r.requester_name as string,
        };
      });
      return { total: ids.length, rows };
    },

    comments(query: ReviewPeriod, cursor: string | null, limit: number, now: number) {
      const { start, end } = reviewSpan(query, now);
      let found: CommentRow[];
      if (cursor === null) found = firstComments.all(start, end, limit + 1) as CommentRow[];
      else {
        const [at, id] = decodeCursor(cursor, COMMENTS_CURSOR, ['number', 'string']) as [number, string];
        found = laterComments.all(start, end, at, at, id, limit + 1) as CommentRow[];
      }
      const page = found.slice(0, limit);
      const last = page.at(-1);
      return {
        rows: page.map((r): ReviewComment => ({
          id: r.id,
          kind: r.kind,
          score: r.score,
          comment: r.comment,
          at: r.created_at,
          ticket: r.ticket_id && r.subject !== null ? { id: r.ticket_id, number: r.number, subject: r.subject } : null,
          contact: r.contact_id && r.contact_name !== null ? { id: r.contact_id, name: r.contact_name } : null,
          account: r.account_id && r.account_name !== null ? { id: r.account_id, name: r.account_name } : null,
        })),
        nextCursor: found.length > limit && last ? encodeCursor(COMMENTS_CURSOR, [last.created_at, last.id]) : null,
      };
    },
  };
}

export type ComplaintsRepository = ReturnType<typeof createComplaintsRepository>;
