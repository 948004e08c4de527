/**
 * The words of Core's desktop notifications, in the console's two languages. They are composed
 * here, not in the renderer, because in the desktop app Electron's main process shows them, and
 * main has no catalog of its own.
 */
import type { Locale } from '../../../shared/domain/enums.ts';
import type { SlaMetric } from '../../../shared/sla/target.ts';

export interface TicketLabel {
  number: number | null;
  subject: string;
}

interface NotificationText {
  assignedOne(ticket: string, by: string | null): { title: string; body: string };
  assignedMany(count: number, tickets: string): { title: string; body: string };
  replyOne(from: string | null, ticket: string, excerpt: string): { title: string; body: string };
  replyMany(count: number, tickets: string): { title: string; body: string };
  reminderOne(task: string): { title: string; body: string };
  reminderMany(count: number, tasks: string): { title: string; body: string };
  breachedOne(ticket: string, metric: SlaMetric): { title: string; body: string };
  breachedMany(count: number, tickets: string): { title: string; body: string };
  atRiskOne(ticket: string, metric: SlaMetric): { title: string; body: string };
  atRiskMany(count: number, tickets: string): { title: string; body: string };
  healthFellOne(account: string, score: number, reason: string | null): { title: string; body: string };
  healthFellMany(count: number, accounts: string): { title: string; body: string };
  andMore(list: string, more: number): string;
  listSeparator: string;
}

const EN_METRIC: Record<SlaMetric, string> = { firstReply: 'first-reply', nextReply: 'next-reply', resolution: 'resolution' };
const ZH_METRIC: Record<SlaMetric, string> = { firstReply: '首次回复', nextReply: '下次回复', resolution: '解决' };

const en: NotificationText = {
  assignedOne: (ticket, by) => ({ title: 'Ticket assigned to you', body: by ? `${ticket}, by ${by}` : ticket }),
  assignedMany: (count, tickets) => ({ title: `${count} tickets assigned to you`, body: tickets }),
  replyOne: (from, ticket, excerpt) => ({ title: `${from ?? 'Your customer'} replied on ${ticket}`, body: excerpt }),
  replyMany: (count, tickets) => ({ title: `Customers replied on ${count} of your tickets`, body: tickets }),
  reminderOne: (task) => ({ title: 'Task reminder', body: task }),
  reminderMany: (count, tasks) => ({ title: `${count} task reminders`, body: tasks }),
  breachedOne: (ticket, metric) => ({ title: `SLA breached on ${ticket}`, body: `The ${EN_METRIC[metric]} target was missed.` }),
  breachedMany: (count, tickets) => ({ title: `SLA breached on ${count} tickets`, body: tickets }),
  atRiskOne: (ticket, metric) => ({ title: `SLA at risk on ${ticket}`, body: `The ${EN_METRIC[metric]} target is close to its due time.` }),
  atRiskMany: (count, tickets) => ({ title: `SLA at risk on ${count} of your tickets`, body: tickets }),
  healthFellOne: (account, score, reason) => ({
    title: `${account} is at risk: health ${score}`,
    body: reason ? `${reason}. A follow-up is worth planning.` : 'A follow-up is worth planning.',
  }),
  healthFellMany: (count, accounts) => ({ title: `${count} of your accounts fell into "at risk"`, body: accounts }),
  andMore: (list, more) => `${list} and ${more} more`,
  listSeparator: ', ',
};

const zhCN: NotificationText = {
  assignedOne: (ticket, by) => ({ title: '有工单分配给你', body: by ? `${ticket}（分配人：${by}）` : ticket }),
  assignedMany: (count, tickets) => ({ title: `有 ${count} 个工单分配给你`, body: tickets }),
  replyOne: (from, ticket, excerpt) => ({ title: `${from ?? '你的客户'}回复了 ${ticket}`, body: excerpt }),
  replyMany: (count, tickets) => ({ title: `客户回复了你的 ${count} 个工单`, body: tickets }),
  reminderOne: (task) => ({ title: '任务提醒', body: task }),
  reminderMany: (count, tasks) => ({ title: `${count} 个任务提醒`, body: tasks }),
  breachedOne: (ticket, metric) => ({ title: `${ticket} 的 SLA 已违约`, body: `${ZH_METRIC[metric]}目标已超时。` }),
  breachedMany: (count, tickets) => ({ title: `${count} 个工单的 SLA 已违约`, body: tickets }),
  atRiskOne: (ticket, metric) => ({ title: `${ticket} 的 SLA 有风险`, body: `${ZH_METRIC[metric]}目标即将到期。` }),
  atRiskMany: (count, tickets) => ({ title: `你的 ${count} 个工单 SLA 有风险`, body: tickets }),
  healthFellOne: (account, score, reason) => ({
    title: `${account} 有风险：健康度 ${score}`,
    body: reason ? `${reason}。建议安排跟进。` : '建议安排跟进。',
  }),
  healthFellMany: (count, accounts) => ({ title: `你有 ${count} 个账户降至“有风险”`, body: accounts }),
  andMore: (list, more) => `${list}等另外 ${more} 个`,
  listSeparator: '、',
};

export const NOTIFICATION_TEXT: Record<Locale, NotificationText> = { en, 'zh-CN': zhCN };

/** The language notifications speak: the person's choice, or for `system` the operating system's. */
export function notificationLocale(chosen: Locale | 'system', systemLocale: string): Locale {
  if (chosen !== 'system') return chosen;
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const defaultSystemLocale = () => Intl.DateTimeFormat().resolvedOptions().locale;

/** "#1042 Refund not received": how a ticket is named in a notification. */
export function ticketLabel(ticket: TicketLabel): string {
  return ticket.number === null ? ticket.subject : `#${ticket.number} ${ticket.subject}`;
}

/** Up to three tickets by name, then how many more. */
export function ticketList(text: NotificationText, tickets: readonly TicketLabel[]): string {
  const shown = tickets.slice(0, 3).map(ticketLabel).join(text.listSeparator);
  return tickets.length > 3 ? text.andMore(shown, tickets.length - 3) : shown;
}
