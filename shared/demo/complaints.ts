/**
 * The demo organization's complaints: a default taxonomy, and some tickets marked as complaints
 * with a category and, once solved, a root cause, written as the ticket events live work writes
 * (ticket.markComplaint, ticket.setRootCause). Every draw comes from the ticket's aside stream,
 * so every other record of a seed stays as it was before complaints existed.
 */
import type { Locale } from '../domain/enums.ts';
import type { Feedback, Ticket, TicketEvent } from '../domain/records.ts';
import { nameClaimId, type ComplaintCategory, type ComplaintCategoryName } from '../complaints/records.ts';
import { deterministicId } from '../ids.ts';
import type { Random } from './random.ts';

type CategoryKey = 'billing' | 'slow' | 'defect' | 'unhelpful' | 'delivery' | 'privacy';

const TAXONOMY: readonly { key: CategoryKey; name: string; description: string }[] = [
  { key: 'billing', name: 'Billing error', description: 'Charged the wrong amount, twice, or after cancelling.' },
  { key: 'slow', name: 'Slow response', description: 'The customer waited too long for an answer or a fix.' },
  { key: 'defect', name: 'Product defect', description: 'Something in the product is broken or does not work as described.' },
  { key: 'unhelpful', name: 'Unhelpful answer', description: 'The answer did not solve the problem or missed the question.' },
  { key: 'delivery', name: 'Delivery problem', description: 'An order or shipment arrived late, damaged or not at all.' },
  { key: 'privacy', name: 'Data and privacy', description: 'Personal data shown, shared or kept against the customer’s wishes.' },
];

export function demoCategoryId(tenantId: string, key: CategoryKey): string {
  return deterministicId('demo-complaint-category', tenantId, key);
}

/** The default taxonomy, in order, with the name each holds. */
export function demoComplaintCategories(
  tenantId: string,
  createdAt: number,
): { categories: ComplaintCategory[]; names: ComplaintCategoryName[] } {
  const base = { tenantId, version: 0, createdAt, updatedAt: createdAt };
  const categories = TAXONOMY.map((c, position) => ({
    ...base,
    id: demoCategoryId(tenantId, c.key),
    name: c.name,
    description: c.description,
    position,
    active: true,
  }));
  const names = categories.map((c) => ({ ...base, id: nameClaimId(tenantId, c.name), categoryId: c.id }));
  return { categories, names };
}

/** Root causes as an agent writes them, in the customer's language (the agent answers in it). */
const ROOT_CAUSES: Record<CategoryKey, Record<Locale, string[]>> = {
  billing: {
    en: ['The renewal ran twice after a plan change.', 'Tax was applied to an exempt account.'],
    'zh-CN': ['更换套餐后续费被重复扣款。', '免税账户被错误计税。'],
  },
  slow: {
    en: ['The ticket sat unassigned over the weekend.', 'We waited on the vendor without telling the customer.'],
    'zh-CN': ['工单在周末无人分配。', '等待供应商期间没有告知客户进展。'],
  },
  defect: {
    en: ['Export fails for files over 2 GB; fixed in the next release.', 'Sync dropped changes made offline.'],
    'zh-CN': ['超过 2 GB 的文件导出失败，下个版本修复。', '离线修改在同步时丢失。'],
  },
  unhelpful: {
    en: ['We sent a generic macro that did not fit the question.', 'The knowledge base article was out of date.'],
    'zh-CN': ['回复用了不适合该问题的通用模板。', '知识库文章内容已过时。'],
  },
  delivery: {
    en: ['The carrier lost the parcel at the depot.', 'The address was changed after the order was packed.'],
    'zh-CN': ['快递在中转站丢件。', '订单打包后客户修改了地址。'],
  },
  privacy: {
    en: ['An invoice went to a former employee’s address.', 'The unsubscribe request was not applied to every list.'],
    'zh-CN': ['发票发到了前员工的邮箱。', '退订请求没有应用到所有邮件列表。'],
  },
};

/** The share of tickets marked as complaints, before the customer's mood and answers are weighed. */
const BASE_SHARE = 0.01;
/** Upset customers complain more. */
const UPSET_SHARE = 0.08;
/** A ticket the customer rated low (CSAT 1-2, CES 1-3) was often a complaint. */
const LOW_FEEDBACK_SHARE = 0.35;

function isLow(f: Feedback): boolean {
  return (f.kind === 'csat' && f.score <= 2) || (f.kind === 'ces' && f.score <= 3);
}

/**
 * Maybe marks the ticket (already in its batch) as a complaint, with its events: the assignee
 * marks it soon after it came in and records the root cause when solving it. An unassigned ticket
 * has no one to mark it.
 */
export function addDemoComplaint(
  aside: Random,
  ticket: Ticket,
  requester: { customerType: string; locale: Locale },
  feedback: readonly Feedback[],
  events: TicketEvent[],
  now: number,
): void {
  const low = feedback.some((f) => f.ticketId === ticket.id && isLow(f));
  const share = low ? LOW_FEEDBACK_SHARE : requester.customerType === 'upset' ? UPSET_SHARE : BASE_SHARE;
  if (!aside.chance(share) || ticket.assigneeId === null) return;
  const key = aside.weighted<CategoryKey>(
    low
      ? [
          ['slow', 35],
          ['unhelpful', 30],
          ['defect', 15],
          ['billing', 10],
          ['delivery', 7],
          ['privacy', 3],
        ]
      : [
          ['billing', 25],
          ['defect', 25],
          ['slow', 20],
          ['delivery', 15],
          ['unhelpful', 10],
          ['privacy', 5],
        ],
  );
  const categoryId = demoCategoryId(ticket.tenantId, key);
  const markedAt = Math.min(ticket.firstReplyAt ?? ticket.createdAt + aside.int(5, 60) * 60_000, ticket.solvedAt ?? now, now);
  const actor = { tenantId: ticket.tenantId, ticketId: ticket.id, actorId: ticket.assigneeId };
  events.push({ ...actor, id: deterministicId('demo-complaint', ticket.id), kind: 'complaint', from: null, to: categoryId, at: markedAt });
  ticket.complaintCategoryId = categoryId;
  if (ticket.solvedAt === null) return;
  const rootCause = aside.pick(ROOT_CAUSES[key][requester.locale]);
  events.push({
    ...actor,
    id: deterministicId('demo-root-cause', ticket.id),
    kind: 'root_cause',
    from: null,
    to: rootCause,
    at: ticket.solvedAt,
  });
  ticket.rootCause = rootCause;
}
